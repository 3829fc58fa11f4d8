import Foundation

/// A small hardware profile the Redfish tests serve as inventory (two sockets, two DIMMs, two NICs,
/// a SATA SSD and an NVMe disk), written into a `hardware/` folder of a temp mocks directory.
public enum RedfishTestHardware {
    public static let name = "test-small"

    public static let yaml = """
        name: test-small
        system: {manufacturer: Foundry Labs, productName: FL-1000, serialPrefix: FL}
        bios: {vendor: Foundry BIOS, version: "2.1.0", date: "03/14/2025"}
        cpu:
          arch: x86_64
          model: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
          clockMegahertz: 2000
          count: 8
          sockets: 2
          coresPerSocket: 2
          flags: [fpu, vmx, sse4_2, avx2]
        memory:
          ramMebibytes: 16384
          dimms:
            - {sizeMebibytes: 8192, speedMHz: 3200, count: 2, manufacturer: Samsung, type: DDR4}
        nics:
          - {name: eno1, model: Intel E810, speedGbps: 25, pciAddress: "0000:18:00.0", carrier: true, pxe: true}
          - {name: eno2, model: Intel E810, speedGbps: 25, pciAddress: "0000:18:00.1", carrier: false, pxe: false}
        disks:
          - {name: sda, type: SSD, sizeBytes: 480103981056, rotational: false, vendor: ATA, model: SSDSC2KB480G8, serialPrefix: BTYF}
          - {name: nvme0n1, type: NVME, sizeBytes: 1600321314816, rotational: false, vendor: Samsung, model: PM1735, serialPrefix: S4}
        """

    /// A temp folder holding `hardware/test-small.yaml`; pass it as the mocks directory.
    public static func mocksDirectory() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "foundry-redfish-hw")
        let folder = directory.url.appendingPathComponent("hardware")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try self.yaml.write(to: folder.appendingPathComponent("\(self.name).yaml"), atomically: true, encoding: .utf8)
        return directory
    }
}
