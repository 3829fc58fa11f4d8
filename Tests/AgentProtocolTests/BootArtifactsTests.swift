import AgentProtocol
import Foundation
import Testing

struct BootArtifactsTests {
    @Test func scriptRoundTripsThroughItsParser() throws {
        let script = IPXEScript(
            bootServer: "http://127.0.0.1:6385/", operatorURL: "http://127.0.0.1:6385", token: "t0k3n",
            bootMAC: "02-AB-cd-00-11-22")
        let text = script.render()
        #expect(
            text == """
                #!ipxe
                kernel http://127.0.0.1:6385/boot/agent/vmlinuz foundry.operator=http://127.0.0.1:6385 \
                foundry.token=t0k3n BOOTIF=01-02-ab-cd-00-11-22
                initrd http://127.0.0.1:6385/boot/agent/initramfs
                boot

                """)
        #expect(try IPXEScript(parsing: text) == script)
    }

    @Test(arguments: [
        ("kernel http://x/boot/agent/vmlinuz foundry.operator=http://x foundry.token=t BOOTIF=01-aa", "first line"),
        ("#!ipxe\ninitrd http://x/boot/agent/initramfs\nboot\n", "no \"kernel\" line"),
        ("#!ipxe\nkernel http://x/vmlinuz foundry.operator=http://x foundry.token=t BOOTIF=01-aa\n", "does not name"),
        (
            "#!ipxe\nkernel http://x/boot/agent/vmlinuz foundry.token=t BOOTIF=01-02-00-00-00-00-01\n",
            "foundry.operator="
        ),
        (
            "#!ipxe\nkernel http://x/boot/agent/vmlinuz foundry.operator=http://x BOOTIF=01-02-00-00-00-00-01\n",
            "foundry.token="
        ),
        (
            "#!ipxe\nkernel http://x/boot/agent/vmlinuz foundry.operator=http://x foundry.token=t BOOTIF=01-zz\n",
            "BOOTIF=01-zz"
        ),
    ])
    func badScriptsNameWhatIsWrong(_ text: String, _ expected: String) {
        let error = #expect(throws: BootArtifactError.self) { try IPXEScript(parsing: text) }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func agentConfigRoundTripsAndIsChecked() throws {
        let config = AgentBootConfig(operatorURL: "http://127.0.0.1:1", token: "abc", bootMAC: "02:00:00:00:00:01")
        let data = try config.encoded()
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"bootMAC":"02:00:00:00:00:01","operatorURL":"http://127.0.0.1:1","token":"abc","version":1}"#)
        #expect(try AgentBootConfig.decode(data) == config)

        let cases = [
            (#"{"version":1,"operatorURL":"http://x","token":"t","bootMAC":"nope"}"#, "bootMAC \"nope\""),
            (
                #"{"version":1,"operatorURL":"http://x","bootMAC":"02:00:00:00:00:01"}"#,
                "token: required field is missing"
            ),
            (#"{"version":1,"operatorURL":"","token":"t","bootMAC":"02:00:00:00:00:01"}"#, "operatorURL is empty"),
            (
                #"{"version":2,"operatorURL":"http://x","token":"t","bootMAC":"02:00:00:00:00:01"}"#,
                "protocol version 2"
            ),
        ]
        for (text, expected) in cases {
            let error = #expect(throws: AgentProtocolError.self) { try AgentBootConfig.decode(Data(text.utf8)) }
            #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
        }
    }

    @Test func urlsAndMACs() {
        #expect(
            BootArtifacts.ipxeURL(bootServer: "http://h:1/", mac: "02-00-0A-00-00-01")
                == "http://h:1/boot/ipxe/02:00:0a:00:00:01")
        #expect(BootArtifacts.isoURL(operatorURL: "http://h:1", isoID: "x1") == "http://h:1/boot/iso/x1.iso")
        #expect(BootArtifacts.normalizedMAC("02:00:0a:00:00:01") == "02:00:0a:00:00:01")
        #expect(BootArtifacts.normalizedMAC("02:00:0a:00:00") == nil)
        #expect(BootArtifacts.normalizedMAC("02:00:0a:00:00:0g") == nil)
        #expect(BootArtifacts.normalizedMAC("02-00:0a-00-00-01") == nil)
    }
}
