// A host's hardware inventory read by `JSONPullReader` (4 KB of JSON per inspected host, most of
// a provisioned fleet's list). VLANs and LLDP are rare and read the Codable way.

extension HardwareDetails: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var hardware = HardwareDetails()
        try json.members { json, key in
            switch key {
            case "cpu": hardware.cpu = try json.read()
            case "firmware": hardware.firmware = try json.read()
            case "hostname": hardware.hostname = try json.read()
            case "nics": hardware.nics = try json.read()
            case "ramMebibytes": hardware.ramMebibytes = try json.read()
            case "storage": hardware.storage = try json.read()
            case "systemVendor": hardware.systemVendor = try json.read()
            default: throw json.mismatch
            }
        }
        self = hardware
    }
}

extension HardwareDetails.HardwareSystemVendor: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var vendor = Self()
        try json.members { json, key in
            switch key {
            case "manufacturer": vendor.manufacturer = try json.read()
            case "productName": vendor.productName = try json.read()
            case "serialNumber": vendor.serialNumber = try json.read()
            default: throw json.mismatch
            }
        }
        self = vendor
    }
}

extension HardwareDetails.Firmware: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var firmware = Self()
        try json.members { json, key in
            switch key {
            case "bios": firmware.bios = try json.read()
            default: throw json.mismatch
            }
        }
        self = firmware
    }
}

extension HardwareDetails.BIOS: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var bios = Self()
        try json.members { json, key in
            switch key {
            case "date": bios.date = try json.read()
            case "vendor": bios.vendor = try json.read()
            case "version": bios.version = try json.read()
            default: throw json.mismatch
            }
        }
        self = bios
    }
}

extension HardwareDetails.NIC: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var nic = Self()
        try json.members { json, key in
            switch key {
            case "ip": nic.ip = try json.read()
            case "lldp": nic.lldp = try json.readByTree()
            case "mac": nic.mac = try json.read()
            case "model": nic.model = try json.read()
            case "name": nic.name = try json.read()
            case "pciAddress": nic.pciAddress = try json.read()
            case "pxe": nic.pxe = try json.read()
            case "speedGbps": nic.speedGbps = try json.read()
            case "vlanId": nic.vlanId = try json.read()
            case "vlans": nic.vlans = try json.readByTree()
            default: throw json.mismatch
            }
        }
        self = nic
    }
}

extension HardwareDetails.DiskType: JSONPullDecodable {}

extension HardwareDetails.Storage: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var disk = Self()
        try json.members { json, key in
            switch key {
            case "alternateNames": disk.alternateNames = try json.read()
            case "hctl": disk.hctl = try json.read()
            case "model": disk.model = try json.read()
            case "name": disk.name = try json.read()
            case "rotational": disk.rotational = try json.read()
            case "serialNumber": disk.serialNumber = try json.read()
            case "sizeBytes": disk.sizeBytes = try json.read()
            case "type": disk.type = try json.read()
            case "vendor": disk.vendor = try json.read()
            case "wwn": disk.wwn = try json.read()
            case "wwnVendorExtension": disk.wwnVendorExtension = try json.read()
            case "wwnWithExtension": disk.wwnWithExtension = try json.read()
            default: throw json.mismatch
            }
        }
        self = disk
    }
}

extension HardwareDetails.CPU: JSONPullDecodable {
    public init(pull json: inout JSONPullReader) throws {
        var cpu = Self()
        try json.members { json, key in
            switch key {
            case "arch": cpu.arch = try json.read()
            case "clockMegahertz": cpu.clockMegahertz = try json.read()
            case "count": cpu.count = try json.read()
            case "flags": cpu.flags = try json.read()
            case "model": cpu.model = try json.read()
            default: throw json.mismatch
            }
        }
        self = cpu
    }
}
