import Foundation

extension BareMetalHost {
    /// Metal3's webhook rules plus Foundry's address parsing, every problem with its path.
    public func validate() -> [FieldProblem] {
        var problems = self.metadata.validate(nameRule: .metal3Host)
        problems += self.spec.validate(namespace: self.namespace)
        return problems
    }
}

extension BareMetalHostSpec {
    func validate(namespace: String) -> [FieldProblem] {
        let path = FieldPath("spec")
        var problems: [FieldProblem] = []
        let address = self.validateBMC(at: path.child("bmc"), into: &problems)
        if let driver = address?.driver {
            problems += self.validateDriverNeeds(driver, at: path)
        }
        if let image = self.image {
            problems += image.validate(at: path.child("image"))
        }
        for (field, reference) in [
            ("userData", self.userData), ("networkData", self.networkData), ("metaData", self.metaData),
        ] {
            if let reference {
                problems += reference.validate(at: path.child(field), namespace: namespace)
            }
        }
        if let name = self.preprovisioningNetworkDataName, !name.isEmpty {
            problems += LabelRules.dns1123SubdomainProblems(name).map {
                FieldProblem(path.child("preprovisioningNetworkDataName"), "invalid Secret name \"\(name)\": \($0)")
            }
        }
        if !self.online, self.disablePowerOff == true {
            problems.append(FieldProblem(path.child("disablePowerOff"), "cannot be true while spec.online is false"))
        }
        if let raid = self.raid {
            problems += raid.validate(at: path.child("raid"))
        }
        for (index, interface) in (self.networkInterfaces ?? []).enumerated()
        where (interface.name == nil) == (interface.macAddress == nil) {
            problems.append(
                FieldProblem(path.child("networkInterfaces").index(index), "give exactly one of name and macAddress"))
        }
        return problems
    }

    /// Checks `spec.bmc`; returns the parsed address when there is a valid one.
    private func validateBMC(at path: FieldPath, into problems: inout [FieldProblem]) -> BMCAddress? {
        guard let bmc = self.bmc else {
            return nil
        }
        let hasAddress = !bmc.address.trimmingCharacters(in: .whitespaces).isEmpty
        if bmc.credentialsName.isEmpty, hasAddress {
            problems.append(FieldProblem(path.child("credentialsName"), "required when spec.bmc.address is set"))
        } else if !bmc.credentialsName.isEmpty {
            problems += LabelRules.dns1123SubdomainProblems(bmc.credentialsName).map {
                FieldProblem(path.child("credentialsName"), "invalid Secret name \"\(bmc.credentialsName)\": \($0)")
            }
            if !hasAddress {
                problems.append(FieldProblem(path.child("address"), "required when spec.bmc.credentialsName is set"))
            }
        }
        guard hasAddress else {
            return nil
        }
        do {
            return try BMCAddress.parse(bmc.address)
        } catch {
            problems.append(FieldProblem(path.child("address"), error.message))
            return nil
        }
    }

    private func validateDriverNeeds(_ driver: BMCAddress.Driver, at path: FieldPath) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if driver.needsBootMAC, self.bootMACAddress == nil {
            problems.append(
                FieldProblem(path.child("bootMACAddress"), "required for \(driver.rawValue):// BMC addresses"))
        }
        if !driver.isRedfish, self.bootMode == .uefiSecureBoot {
            problems.append(
                FieldProblem(path.child("bootMode"), "UEFISecureBoot is not supported by \(driver.rawValue):// BMCs"))
        }
        if !driver.isRedfish, !(self.raid?.hardwareRAIDVolumes ?? []).isEmpty {
            problems.append(
                FieldProblem(
                    path.child("raid").child("hardwareRAIDVolumes"),
                    "hardware RAID is not supported by \(driver.rawValue):// BMCs"))
        }
        return problems
    }
}

extension HostImage {
    func validate(at path: FieldPath) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let scheme = URL(string: self.url)?.scheme?.lowercased()
        let isOCI = scheme == "oci"
        if let scheme, ["http", "https", "oci", "file"].contains(scheme),
            URL(string: self.url)?.host != nil || scheme == "file"
        {
            // A usable URL.
        } else {
            problems.append(
                FieldProblem(
                    path.child("url"),
                    "invalid image URL \"\(self.url)\" (expected http://, https://, oci:// or file://)"))
        }
        let checksum = self.checksum ?? ""
        if isOCI, !checksum.isEmpty {
            problems.append(FieldProblem(path.child("checksum"), "must be empty for oci:// images"))
        } else if !isOCI, self.format != .liveISO, checksum.isEmpty {
            problems.append(FieldProblem(path.child("checksum"), "required unless spec.image.format is live-iso"))
        }
        return problems
    }
}

extension SecretReference {
    /// A reference needs a name, and Secrets in other namespaces are off limits (Metal3 rejects
    /// them too: a host must not read another tenant's Secrets).
    func validate(at path: FieldPath, namespace: String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let name = self.name ?? ""
        if name.isEmpty {
            problems.append(FieldProblem(path.child("name"), "required field missing"))
        } else {
            problems += LabelRules.dns1123SubdomainProblems(name).map {
                FieldProblem(path.child("name"), "invalid Secret name \"\(name)\": \($0)")
            }
        }
        if let other = self.namespace, !other.isEmpty, other != namespace {
            problems.append(
                FieldProblem(
                    path.child("namespace"),
                    "cross-namespace Secret references are not allowed (Secret in \"\(other)\", object in \"\(namespace)\")"
                ))
        }
        return problems
    }
}

extension RAIDConfig {
    func validate(at path: FieldPath) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let hardware = self.hardwareRAIDVolumes ?? []
        let software = self.softwareRAIDVolumes ?? []
        if !hardware.isEmpty, !software.isEmpty {
            problems.append(FieldProblem(path, "hardware and software RAID cannot both be set"))
        }
        if let first = software.first, first.level != "1" {
            problems.append(
                FieldProblem(
                    path.child("softwareRAIDVolumes").index(0).child("level"),
                    "the first software RAID volume must be RAID-1"))
        }
        if software.filter({ $0.rootVolume == true }).count > 1 {
            problems.append(
                FieldProblem(path.child("softwareRAIDVolumes"), "at most one volume may be the root volume"))
        }
        return problems
    }
}
