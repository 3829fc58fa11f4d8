import Controllers
import FoundryModel

/// What the runtime keeps of every host from the watch: enough to count provisioning slots and
/// hosts by state, to find the hosts a Secret concerns, and to tell a change worth a reconcile
/// from the echo of its own status write.
actor HostIndex {
    struct Entry: Sendable {
        var state: ProvisioningState
        var holdsSlot: Bool
        var secrets: Set<String>
        /// Spec and the metadata the controller reads; status writes leave it alone.
        var fingerprint: Fingerprint
    }

    struct Fingerprint: Sendable, Hashable {
        var spec: BareMetalHostSpec
        var annotations: [String: String]
        var finalizers: [String]
        var deleting: Bool
    }

    private var entries: [HostKey: Entry] = [:]

    /// Records the host; returns whether the controller should look at it (anything but a change
    /// of status alone).
    @discardableResult
    func update(_ host: BareMetalHost) -> Bool {
        let key = HostKey(host)
        let entry = Self.entry(for: host)
        let previous = self.entries[key]
        self.entries[key] = entry
        return previous?.fingerprint != entry.fingerprint
    }

    func remove(_ key: HostKey) {
        self.entries[key] = nil
    }

    func removeAll(except keep: Set<HostKey>) -> [HostKey] {
        let gone = self.entries.keys.filter { !keep.contains($0) }
        for key in gone {
            self.entries[key] = nil
        }
        return gone
    }

    var keys: [HostKey] {
        Array(self.entries.keys)
    }

    /// Hosts other than `key` holding a provisioning slot.
    func slotsInUse(excluding key: HostKey) -> Int {
        self.entries.reduce(0) { count, item in
            count + (item.key != key && item.value.holdsSlot ? 1 : 0)
        }
    }

    /// Takes a slot for `key` if fewer than `limit` others hold one; the write that follows
    /// confirms it. Two hosts deciding at once cannot both take the last slot.
    func reserveSlot(for key: HostKey, limit: Int) -> Bool {
        guard self.slotsInUse(excluding: key) < limit else {
            return false
        }
        self.entries[key]?.holdsSlot = true
        return true
    }

    /// The hosts in `namespace` that name Secret `name` (credentials or data).
    func hosts(usingSecret name: String, namespace: String) -> [HostKey] {
        self.entries.compactMap { key, entry in
            key.namespace == namespace && entry.secrets.contains(name) ? key : nil
        }
    }

    func countsByState() -> [ProvisioningState: Int] {
        var counts: [ProvisioningState: Int] = [:]
        for entry in self.entries.values {
            counts[entry.state, default: 0] += 1
        }
        return counts
    }

    static func entry(for host: BareMetalHost) -> Entry {
        let spec = host.spec
        let secrets = [spec.bmc?.credentialsName, spec.userData?.name, spec.networkData?.name, spec.metaData?.name]
            .compactMap { $0 }.filter { !$0.isEmpty }
        let fingerprint = Fingerprint(
            spec: spec, annotations: host.metadata.annotations ?? [:], finalizers: host.metadata.finalizers ?? [],
            deleting: host.metadata.deletionTimestamp != nil)
        return Entry(
            state: host.status?.provisioning.state ?? .none, holdsSlot: Self.holdsSlot(host), secrets: Set(secrets),
            fingerprint: fingerprint)
    }

    /// Inspecting, provisioning or deprovisioning, and not booting from virtual media (Metal3
    /// never throttles those): the controller's own rule.
    static func holdsSlot(_ host: BareMetalHost) -> Bool {
        HostReconciler.holdsProvisioningSlot(host)
    }
}
