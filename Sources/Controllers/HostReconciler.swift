import Foundation
import FoundryModel

/// The BareMetalHost state machine, after Metal3's baremetal-operator: a pure function from the stored
/// host, fresh observations and the time to what to do. It reads no clock, draws no global randomness
/// and touches no socket, so every transition is a fast unit test.
///
/// States and what moves a host between them (Metal3's names):
/// - `""` → `registering` (BMC details given) or `unmanaged` (none; `discovered`);
/// - `registering` → `inspecting`, or `preparing` when inspection is disabled, or `externally
///   provisioned`, once the BMC answers a power read with the credentials in the Secret;
/// - `inspecting` → `preparing` once the agent reports the inventory (`status.hardware`);
/// - `preparing` → `available` once the provisioning settings are recorded;
/// - `available` → `provisioning` when `online` and an image is set (up to the retry limit),
///   `inspecting` on `inspect.metal3.io`, `externally provisioned` on `externallyProvisioned`;
/// - `provisioning` → `provisioned` once the image is written and the host boots from its disk;
///   → `deprovisioning` on a failure (counted per image) or when the image is changed or removed;
/// - `provisioned` → `deprovisioning` when the image is changed or removed;
/// - `deprovisioning` → `available` once the disks are cleaned and the host is off;
/// - deletion → (`deprovisioning` →) `powering off before delete` → `deleting` → finalizer removed,
///   giving up cleaning or powering off after `deleteRetryLimit` failures;
/// - `available`, `provisioned` and `externally provisioned` enforce `online` and the reboot
///   annotations every `steadyStatePollInterval`.
///
/// Before the per-state step, in this order: paused (nothing at all), the status and hardware-details
/// annotations, the finalizer, BMC details and credentials, deletion, detachment, a waiting
/// provisioning slot, and (re-)registration when the credentials changed or failed.
public enum HostReconciler {
    /// Decides what to do about `host`. See `HostDecision` for how the runtime applies the result and
    /// `ReconcileOutcome.needsBMCProbe` for when to read the BMC.
    public static func decide(
        host: BareMetalHost,
        observation: HostObservation,
        now: Date,
        config: ControllerConfig,
        rng: inout some RandomNumberGenerator
    ) -> HostDecision {
        let jitter = Double.random(in: 0..<1, using: &rng)
        var machine = HostStateMachine(host: host, observation: observation, now: now, config: config, jitter: jitter)
        let outcome = machine.reconcile()
        return machine.decision(outcome)
    }

    /// Whether `host` holds one of the provisioning slots that `HostObservation.provisioningSlotsInUse`
    /// counts: it is inspecting, provisioning or deprovisioning, and does not boot from virtual media
    /// (Metal3 never throttles those). A delayed host waits in its previous state and holds none.
    public static func holdsProvisioningSlot(_ host: BareMetalHost) -> Bool {
        guard let state = host.status?.provisioning.state, state.holdsProvisioningSlot else {
            return false
        }
        guard let address = try? BMCAddress.parse(host.spec.bmc?.address ?? "") else {
            return true
        }
        return address.driver.bootMethod != .virtualMedia
    }
}
