// BareMetalHost read by `JSONPullReader`: the store lists hosts by the thousand, and this path
// is several times faster than Codable's. Each reader names every field of its type (see
// `JSONPullDecodable`); types a host rarely carries are read the Codable way (`readByTree`).

extension BareMetalHost: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var apiVersion: String?
        var kind: String?
        var metadata: ObjectMeta?
        var spec: BareMetalHostSpec?
        var status: BareMetalHostStatus?
        try json.members { json, key in
            switch key {
            case "apiVersion": apiVersion = try json.read()
            case "kind": kind = try json.read()
            case "metadata": metadata = try json.read()
            case "spec": spec = try json.read()
            case "status": status = try json.read()
            default: throw json.mismatch
            }
        }
        self.init(metadata: try json.required(metadata), spec: try json.required(spec), status: status)
        self.apiVersion = try json.required(apiVersion)
        self.kind = try json.required(kind)
    }
}

extension BareMetalHostSpec: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var online: Bool?
        var spec = BareMetalHostSpec(online: false)
        try json.members { json, key in
            switch key {
            case "architecture": spec.architecture = try json.read()
            case "automatedCleaningMode": spec.automatedCleaningMode = try json.read()
            case "bmc": spec.bmc = try json.read()
            case "bootMACAddress": spec.bootMACAddress = try json.read()
            case "bootMode": spec.bootMode = try json.read()
            case "consumerRef": spec.consumerRef = try json.read()
            case "customDeploy": spec.customDeploy = try json.readByTree()
            case "description": spec.description = try json.read()
            case "disablePowerOff": spec.disablePowerOff = try json.read()
            case "externallyProvisioned": spec.externallyProvisioned = try json.read()
            case "firmware": spec.firmware = try json.readByTree()
            case "hardwareProfile": spec.hardwareProfile = try json.read()
            case "image": spec.image = try json.read()
            case "inspectionMode": spec.inspectionMode = try json.read()
            case "metaData": spec.metaData = try json.read()
            case "networkData": spec.networkData = try json.read()
            case "networkInterfaces": spec.networkInterfaces = try json.readByTree()
            case "online": online = try json.read()
            case "preprovisioningNetworkDataName": spec.preprovisioningNetworkDataName = try json.read()
            case "raid": spec.raid = try json.readByTree()
            case "rootDeviceHints": spec.rootDeviceHints = try json.read()
            case "taints": spec.taints = try json.readByTree()
            case "userData": spec.userData = try json.read()
            default: throw json.mismatch
            }
        }
        spec.online = try json.required(online)
        self = spec
    }
}

extension BMCDetails: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var address: String?
        var credentialsName: String?
        var disableCertificateVerification: Bool?
        try json.members { json, key in
            switch key {
            case "address": address = try json.read()
            case "credentialsName": credentialsName = try json.read()
            case "disableCertificateVerification": disableCertificateVerification = try json.read()
            default: throw json.mismatch
            }
        }
        self.init(
            address: try json.required(address), credentialsName: try json.required(credentialsName),
            disableCertificateVerification: disableCertificateVerification)
    }
}

extension BootMode: JSONPullDecodable {}
extension AutomatedCleaningMode: JSONPullDecodable {}
extension InspectionMode: JSONPullDecodable {}
extension ChecksumType: JSONPullDecodable {}
extension ImageFormat: JSONPullDecodable {}
extension OperationalStatus: JSONPullDecodable {}
extension HostErrorType: JSONPullDecodable {}
extension ProvisioningState: JSONPullDecodable {}

extension RootDeviceHints: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var hints = RootDeviceHints()
        try json.members { json, key in
            switch key {
            case "deviceName": hints.deviceName = try json.read()
            case "hctl": hints.hctl = try json.read()
            case "minSizeGigabytes": hints.minSizeGigabytes = try json.read()
            case "model": hints.model = try json.read()
            case "rotational": hints.rotational = try json.read()
            case "serialNumber": hints.serialNumber = try json.read()
            case "vendor": hints.vendor = try json.read()
            case "wwn": hints.wwn = try json.read()
            case "wwnVendorExtension": hints.wwnVendorExtension = try json.read()
            case "wwnWithExtension": hints.wwnWithExtension = try json.read()
            default: throw json.mismatch
            }
        }
        self = hints
    }
}

extension HostImage: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var url: String?
        var image = HostImage(url: "")
        try json.members { json, key in
            switch key {
            case "checksum": image.checksum = try json.read()
            case "checksumType": image.checksumType = try json.read()
            case "format": image.format = try json.read()
            case "ociAuthSecretName": image.ociAuthSecretName = try json.read()
            case "url": url = try json.read()
            default: throw json.mismatch
            }
        }
        image.url = try json.required(url)
        self = image
    }
}

extension BareMetalHostStatus: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var operationalStatus: OperationalStatus?
        var errorMessage: String?
        var errorCount: Int?
        var poweredOn: Bool?
        var provisioning: ProvisionStatus?
        var status = BareMetalHostStatus()
        try json.members { json, key in
            switch key {
            case "conditions": status.conditions = try json.read()
            case "errorCount": errorCount = try json.read()
            case "errorMessage": errorMessage = try json.read()
            case "errorType": status.errorType = try json.read()
            case "goodCredentials": status.goodCredentials = try json.read()
            case "hardware": status.hardware = try json.read()
            case "hardwareProfile": status.hardwareProfile = try json.read()
            case "lastAttemptedImage": status.lastAttemptedImage = try json.read()
            case "lastUpdated": status.lastUpdated = try json.read()
            case "operationHistory": status.operationHistory = try json.read()
            case "operationalStatus": operationalStatus = try json.read()
            case "poweredOn": poweredOn = try json.read()
            case "provisioning": provisioning = try json.read()
            case "provisioningFailCount": status.provisioningFailCount = try json.read()
            case "triedCredentials": status.triedCredentials = try json.read()
            default: throw json.mismatch
            }
        }
        status.operationalStatus = try json.required(operationalStatus)
        status.errorMessage = try json.required(errorMessage)
        status.errorCount = try json.required(errorCount)
        status.poweredOn = try json.required(poweredOn)
        status.provisioning = try json.required(provisioning)
        self = status
    }
}

extension ProvisionStatus: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var state: ProvisioningState?
        var id: String?
        var provisioning = ProvisionStatus()
        try json.members { json, key in
            switch key {
            case "ID": id = try json.read()
            case "bootMode": provisioning.bootMode = try json.read()
            case "customDeploy": provisioning.customDeploy = try json.readByTree()
            case "firmware": provisioning.firmware = try json.readByTree()
            case "image": provisioning.image = try json.read()
            case "raid": provisioning.raid = try json.readByTree()
            case "rootDeviceHints": provisioning.rootDeviceHints = try json.read()
            case "state": state = try json.read()
            case "step": provisioning.step = try json.read()
            default: throw json.mismatch
            }
        }
        provisioning.state = try json.required(state)
        provisioning.ID = try json.required(id)
        self = provisioning
    }
}

extension OperationStep: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var name: String?
        var started: Timestamp?
        var failed: Timestamp?
        try json.members { json, key in
            switch key {
            case "failed": failed = try json.read()
            case "name": name = try json.read()
            case "started": started = try json.read()
            default: throw json.mismatch
            }
        }
        self.init(name: try json.required(name), started: try json.required(started), failed: failed)
    }
}

extension CredentialsStatus: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var status = CredentialsStatus()
        try json.members { json, key in
            switch key {
            case "credentials": status.credentials = try json.read()
            case "credentialsVersion": status.credentialsVersion = try json.read()
            default: throw json.mismatch
            }
        }
        self = status
    }
}

extension OperationHistory: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var history = OperationHistory()
        try json.members { json, key in
            switch key {
            case "deprovision": history.deprovision = try json.read()
            case "inspect": history.inspect = try json.read()
            case "provision": history.provision = try json.read()
            case "register": history.register = try json.read()
            default: throw json.mismatch
            }
        }
        self = history
    }
}

extension OperationMetric: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var metric = OperationMetric()
        try json.members { json, key in
            switch key {
            case "end": metric.end = try json.read()
            case "start": metric.start = try json.read()
            default: throw json.mismatch
            }
        }
        self = metric
    }
}
