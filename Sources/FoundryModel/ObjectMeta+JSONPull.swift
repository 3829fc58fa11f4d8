// The parts every resource shares, read by `JSONPullReader`.

extension ObjectMeta: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var name: String?
        var meta = ObjectMeta(name: "")
        try json.members { json, key in
            switch key {
            case "annotations": meta.annotations = try json.read()
            case "creationTimestamp": meta.creationTimestamp = try json.read()
            case "deletionGracePeriodSeconds": meta.deletionGracePeriodSeconds = try json.read()
            case "deletionTimestamp": meta.deletionTimestamp = try json.read()
            case "finalizers": meta.finalizers = try json.read()
            case "generateName": meta.generateName = try json.read()
            case "generation": meta.generation = try json.read()
            case "labels": meta.labels = try json.read()
            case "name": name = try json.read()
            case "namespace": meta.namespace = try json.read()
            case "ownerReferences": meta.ownerReferences = try json.read()
            case "resourceVersion": meta.resourceVersion = try json.read()
            case "uid": meta.uid = try json.read()
            default: throw json.mismatch
            }
        }
        meta.name = try json.required(name)
        self = meta
    }
}

extension OwnerReference: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var apiVersion: String?
        var kind: String?
        var name: String?
        var uid: String?
        var controller: Bool?
        var blockOwnerDeletion: Bool?
        try json.members { json, key in
            switch key {
            case "apiVersion": apiVersion = try json.read()
            case "blockOwnerDeletion": blockOwnerDeletion = try json.read()
            case "controller": controller = try json.read()
            case "kind": kind = try json.read()
            case "name": name = try json.read()
            case "uid": uid = try json.read()
            default: throw json.mismatch
            }
        }
        self.init(
            apiVersion: try json.required(apiVersion), kind: try json.required(kind), name: try json.required(name),
            uid: try json.required(uid), controller: controller)
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

extension Condition.Status: JSONPullDecodable {}

extension Condition: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var type: String?
        var status: Status?
        var condition = Condition(type: "", status: .unknown)
        try json.members { json, key in
            switch key {
            case "lastTransitionTime": condition.lastTransitionTime = try json.read()
            case "message": condition.message = try json.read()
            case "observedGeneration": condition.observedGeneration = try json.read()
            case "reason": condition.reason = try json.read()
            case "status": status = try json.read()
            case "type": type = try json.read()
            default: throw json.mismatch
            }
        }
        condition.type = try json.required(type)
        condition.status = try json.required(status)
        self = condition
    }
}

extension SecretReference: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var reference = SecretReference()
        try json.members { json, key in
            switch key {
            case "name": reference.name = try json.read()
            case "namespace": reference.namespace = try json.read()
            default: throw json.mismatch
            }
        }
        self = reference
    }
}

extension ObjectReference: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var reference = ObjectReference()
        try json.members { json, key in
            switch key {
            case "apiVersion": reference.apiVersion = try json.read()
            case "fieldPath": reference.fieldPath = try json.read()
            case "kind": reference.kind = try json.read()
            case "name": reference.name = try json.read()
            case "namespace": reference.namespace = try json.read()
            case "resourceVersion": reference.resourceVersion = try json.read()
            case "uid": reference.uid = try json.read()
            default: throw json.mismatch
            }
        }
        self = reference
    }
}
