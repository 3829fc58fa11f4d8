import FoundryModel
import Testing

struct BMCAddressTests {
    struct Good: Sendable, CustomStringConvertible {
        var text: String
        var driver: BMCAddress.Driver
        var transport: BMCAddress.Transport?
        var host: String
        var port: Int
        var path: String = ""
        var description: String { self.text }
    }

    static let good: [Good] = [
        Good(text: "1.2.3.4", driver: .ipmi, host: "1.2.3.4", port: 623),
        Good(text: "bmc.rack1.example:6233", driver: .ipmi, host: "bmc.rack1.example", port: 6233),
        Good(text: "fe80::1", driver: .ipmi, host: "fe80::1", port: 623),
        Good(text: "[fd00::10]:6230", driver: .ipmi, host: "fd00::10", port: 6230),
        Good(text: "ipmi://192.168.122.1:6233", driver: .ipmi, host: "192.168.122.1", port: 6233),
        Good(text: "libvirt://192.168.122.1:6233/", driver: .libvirt, host: "192.168.122.1", port: 6233),
        Good(text: "redfish://10.0.0.5", driver: .redfish, transport: .https, host: "10.0.0.5", port: 443),
        Good(
            text: "redfish+http://10.0.0.5:8000/redfish/v1/Systems/1", driver: .redfish, transport: .http,
            host: "10.0.0.5", port: 8000, path: "/redfish/v1/Systems/1"),
        Good(
            text: "redfish-virtualmedia+https://[fd00::5]:8443/redfish/v1/Systems/abc",
            driver: .redfishVirtualMedia, transport: .https, host: "fd00::5", port: 8443,
            path: "/redfish/v1/Systems/abc"),
        Good(
            text: "idrac-virtualmedia://10.1.1.1/redfish/v1/Systems/System.Embedded.1",
            driver: .idracVirtualMedia, transport: .https, host: "10.1.1.1", port: 443,
            path: "/redfish/v1/Systems/System.Embedded.1"),
        Good(
            text: "ilo5-virtualmedia+http://ilo.example:80", driver: .ilo5VirtualMedia, transport: .http,
            host: "ilo.example", port: 80),
        Good(text: "redfish-uefihttp://h", driver: .redfishUEFIHTTP, transport: .https, host: "h", port: 443),
    ]

    @Test(arguments: good)
    func parsesKnownSchemes(_ sample: Good) throws {
        let address = try BMCAddress.parse(sample.text)
        #expect(address.driver == sample.driver)
        #expect(address.transport == sample.transport)
        #expect(address.host == sample.host)
        #expect(address.port == sample.port)
        #expect(address.path == sample.path)
    }

    @Test(arguments: [
        ("ipmii://1.2.3.4", "unsupported scheme \"ipmii\""),
        ("ipmi+https://1.2.3.4", "applies to Redfish schemes only"),
        ("redfish+ftp://1.2.3.4", "unsupported transport \"+ftp\""),
        ("redfish://", "no host"),
        ("ipmi://1.2.3.4:99999", "invalid port \"99999\""),
        ("ipmi://1.2.3.4/path", "takes no path"),
        ("redfish://admin:pw@10.0.0.1", "credentials belong in the Secret"),
        ("[fd00::1", "lacks a closing"),
        ("ipmi://bad_host-.example", "invalid host"),
        ("", "address is empty"),
    ])
    func rejectsWithReason(_ text: String, _ reason: String) {
        #expect {
            try BMCAddress.parse(text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func systemPathIsNilForTheServiceRoot() throws {
        #expect(try BMCAddress.parse("redfish://h/redfish/v1").redfishSystemPath == nil)
        #expect(try BMCAddress.parse("redfish://h/redfish/v1/").redfishSystemPath == nil)
        #expect(try BMCAddress.parse("redfish://h/redfish/v1/Systems/1").redfishSystemPath == "/redfish/v1/Systems/1")
    }

    @Test func bootMethodFollowsTheScheme() throws {
        #expect(try BMCAddress.parse("ipmi://h").driver.bootMethod == .pxe)
        #expect(try BMCAddress.parse("redfish-virtualmedia://h").driver.bootMethod == .virtualMedia)
        #expect(try BMCAddress.parse("idrac-virtualmedia://h").driver.bootMethod == .virtualMedia)
        #expect(try BMCAddress.parse("redfish://h").driver.bootMethod == .pxe)
    }
}
