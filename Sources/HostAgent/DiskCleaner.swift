import FoundryModel

/// Automated cleaning: `metadata` wipes every disk's partition tables and signatures (Ironic's
/// erase_devices_metadata); `disabled` leaves the disks alone.
public struct DiskCleaner: Sendable {
    public let root: HostRoot
    /// Wipe disks even when they are mounted or hold the running system.
    public let force: Bool

    public init(root: HostRoot, force: Bool = false) {
        self.root = root
        self.force = force
    }

    /// Cleans and returns the disks wiped (`/dev/sda`, ...). Checks every disk before touching any,
    /// so that a disk in use stops the whole clean rather than half of it.
    public func clean(mode: AutomatedCleaningMode) throws -> [String] {
        guard mode == .metadata else {
            return []
        }
        let devices = InventoryReader(root: self.root).blockDevices().filter { !$0.readOnly }
        if !self.force {
            let safety = DiskSafety(root: self.root)
            for device in devices {
                if let reason = safety.reasonNotToWrite(device) {
                    throw UnsafeDiskError(reason: reason)
                }
            }
        }
        for device in devices {
            let disk = try DiskHandle.open(path: self.root.absolute("dev/\(device.kernelName)"), force: self.force)
            try DiskWiper.wipeMetadata(disk, sectorSize: device.sectorSize)
        }
        return devices.map(\.devicePath)
    }
}
