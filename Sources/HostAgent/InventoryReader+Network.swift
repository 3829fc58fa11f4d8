import FoundryModel

extension InventoryReader {
    /// Physical NICs (those with a `device` link; `lo`, bridges and veths have none), sorted by name.
    func networkInterfaces() -> [HardwareDetails.NIC] {
        let bootMAC = self.root.read("proc/cmdline").flatMap { KernelCommandLine(parsing: $0).bootMAC }
        var nics: [HardwareDetails.NIC] = []
        for name in self.root.entries("sys/class/net") {
            let base = "sys/class/net/\(name)"
            guard self.root.exists("\(base)/device") else {
                continue
            }
            let mac = self.root.value("\(base)/address")?.lowercased()
            // The kernel answers -1 (or an error) for the speed of a link without carrier.
            let speedMbps = self.root.value("\(base)/speed").flatMap { Int($0) } ?? 0
            let ids = [self.root.value("\(base)/device/vendor"), self.root.value("\(base)/device/device")]
            let model = ids.compactMap { $0 }.joined(separator: " ")
            nics.append(
                HardwareDetails.NIC(
                    name: name,
                    model: model.isEmpty ? nil : model,
                    mac: mac,
                    speedGbps: speedMbps >= 1000 ? speedMbps / 1000 : nil,
                    pxe: bootMAC != nil && mac == bootMAC,
                    pciAddress: self.pciAddress(of: "\(base)/device")))
        }
        return nics.sorted { DeviceNameOrder.areInIncreasingOrder($0.name ?? "", $1.name ?? "") }
    }

    /// The PCI function a device hangs from: the device itself (`0000:18:00.0`) or, for virtio and
    /// the like, its parent.
    func pciAddress(of relative: String) -> String? {
        guard let path = self.root.resolved(relative) else {
            return nil
        }
        let components = path.split(separator: "/").map(String.init)
        return components.suffix(2).reversed().first(where: Self.isPCIAddress)
    }

    static func isPCIAddress(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2 else {
            return false
        }
        let slot = parts[2].split(separator: ".", omittingEmptySubsequences: false)
        guard slot.count == 2, slot[0].count == 2, slot[1].count == 1 else {
            return false
        }
        return [parts[0], parts[1], slot[0], slot[1]].allSatisfy { UInt32($0, radix: 16) != nil }
    }
}
