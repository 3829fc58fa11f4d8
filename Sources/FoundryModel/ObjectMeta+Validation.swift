/// Which rule an object's name follows.
public enum NameRule: Sendable, Hashable {
    /// A lowercase RFC 1123 subdomain (most kinds).
    case dns1123Subdomain
    /// A lowercase RFC 1123 label, at most 63 characters (names used inside other names).
    case dns1123Label
    /// Metal3's BareMetalHost rule: `[A-Za-z0-9._-]`, and not a UUID (the name becomes the
    /// provisioner's node name).
    case metal3Host

    public func problems(_ name: String) -> [String] {
        switch self {
        case .dns1123Subdomain: LabelRules.dns1123SubdomainProblems(name)
        case .dns1123Label: LabelRules.dns1123LabelProblems(name)
        case .metal3Host: Self.metal3HostProblems(name)
        }
    }

    private static func metal3HostProblems(_ name: String) -> [String] {
        if name.isEmpty {
            return ["must be non-empty"]
        }
        var problems: [String] = []
        if name.utf8.count > 253 {
            problems.append("must be no more than 253 characters (got \(name.utf8.count))")
        }
        if !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            problems.append("BareMetalHost names may contain only letters, digits, '.', '_' and '-'")
        }
        if Self.isUUID(name) {
            problems.append("BareMetalHost names must not be a UUID")
        }
        return problems
    }

    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
    }
}

extension ObjectMeta {
    /// Name, namespace, labels, annotations, finalizers and owner references, by Kubernetes' rules.
    public func validate(nameRule: NameRule = .dns1123Subdomain) -> [FieldProblem] {
        let path = FieldPath("metadata")
        var problems = nameRule.problems(self.name).map {
            FieldProblem(path.child("name"), "invalid name \"\(self.name)\": \($0)")
        }
        if let namespace = self.namespace {
            problems += LabelRules.dns1123LabelProblems(namespace).map {
                FieldProblem(path.child("namespace"), "invalid namespace \"\(namespace)\": \($0)")
            }
        }
        problems += LabelRules.labelProblems(self.labels, at: path.child("labels"))
        problems += LabelRules.annotationProblems(self.annotations, at: path.child("annotations"))
        for (index, finalizer) in (self.finalizers ?? []).enumerated() {
            problems += LabelRules.qualifiedNameProblems(finalizer).map {
                FieldProblem(path.child("finalizers").index(index), "invalid finalizer \"\(finalizer)\": \($0)")
            }
        }
        for (index, owner) in (self.ownerReferences ?? []).enumerated() {
            let ownerPath = path.child("ownerReferences").index(index)
            for (field, value) in [
                ("apiVersion", owner.apiVersion), ("kind", owner.kind), ("name", owner.name), ("uid", owner.uid),
            ]
            where value.isEmpty {
                problems.append(FieldProblem(ownerPath.child(field), "must not be empty"))
            }
        }
        return problems
    }
}
