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

    @Test(arguments: BMCAddress.Driver.allCases)
    func everySchemeParsesWithAndWithoutTransport(_ driver: BMCAddress.Driver) throws {
        let plain = try BMCAddress.parse("\(driver.rawValue)://10.1.2.3")
        #expect(plain.driver == driver)
        #expect(plain.port == (driver.isRedfish ? 443 : 623))
        for transport in [BMCAddress.Transport.http, .https] {
            let text = "\(driver.rawValue)+\(transport.rawValue)://bmc-7.rack2.example:8443"
            if driver.isRedfish {
                let address = try BMCAddress.parse(text)
                #expect(address.transport == transport)
                #expect(address.port == 8443)
                #expect(address.baseURL == "\(transport.rawValue)://bmc-7.rack2.example:8443")
            } else {
                #expect(throws: BMCAddressError.self) { try BMCAddress.parse(text) }
            }
        }
    }

    @Test func schemesAreCaseInsensitiveAndSurroundingSpaceIsIgnored() throws {
        let address = try BMCAddress.parse("  Redfish-VirtualMedia+HTTP://10.0.0.9:8000/redfish/v1/Systems/1 ")
        #expect(address.driver == .redfishVirtualMedia)
        #expect(address.transport == .http)
        #expect(address.redfishSystemPath == "/redfish/v1/Systems/1")
    }

    @Test func ipv6LiteralsAndZones() throws {
        #expect(try BMCAddress.parse("redfish://[fe80::1%eth0]:8443").host == "fe80::1%eth0")
        #expect(try BMCAddress.parse("ipmi://[::1]").hostAndPort == "[::1]:623")
        #expect(try BMCAddress.parse("2001:db8::7").port == 623)
        #expect(throws: BMCAddressError.self) { try BMCAddress.parse("redfish://[2001:db8::g]") }
        #expect(throws: BMCAddressError.self) { try BMCAddress.parse("1:2:3:4:5:6:7:8:9") }
    }

    @Test func numericHostsMustBeIPv4() {
        for bad in ["999.1.1.1", "10.0.0", "10.0.0.1.2", "10..0.1"] {
            #expect {
                try BMCAddress.parse("ipmi://\(bad)")
            } throws: { error in
                "\(error)" == "invalid IPv4 address \"\(bad)\""
            }
        }
        #expect((try? BMCAddress.parse("ipmi://255.255.255.255")) != nil)
    }

    @Test func ipmiPrivilegeLevelComesFromTheQuery() throws {
        #expect(try BMCAddress.parse("ipmi://10.0.0.1").ipmiPrivilegeLevel == .administrator)
        #expect(try BMCAddress.parse("ipmi://10.0.0.1:623?privilegelevel=OPERATOR").ipmiPrivilegeLevel == .operator)
        #expect(try BMCAddress.parse("ipmi://10.0.0.1?privilegelevel=user").ipmiPrivilegeLevel == .user)
        #expect {
            try BMCAddress.parse("ipmi://10.0.0.1?privilegelevel=ROOT")
        } throws: { error in
            "\(error)".hasPrefix("unsupported IPMI privilege level \"ROOT\"")
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
