import Foundation
import FoundryModel

extension HostStateMachine {
    /// `baremetalhost.metal3.io/status`: a host created without a status (moved from another
    /// cluster) gets the status from the annotation. Consumed either way.
    mutating func restoreStatusFromAnnotation() -> ReconcileOutcome? {
        guard let text = self.annotation(HostAnnotations.status) else {
            return nil
        }
        self.removeAnnotation(HostAnnotations.status)
        let hasStatus = self.host.status?.lastUpdated != nil
        guard !hasStatus, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return nil
        }
        do {
            let restored = try JSONDecoder().decode(BareMetalHostStatus.self, from: Data(text.utf8))
            self.status = restored
            let state = restored.provisioning.state.rawValue
            self.events.append(
                .normal("StatusRestored", "status rebuilt from \(HostAnnotations.status) (state \"\(state)\")"))
            return .continue(after: .zero)
        } catch {
            let problem = DecodingProblem.describe(error)
            self.events.append(.warning("InvalidAnnotationValue", "\(HostAnnotations.status): \(problem); ignored"))
            return nil
        }
    }

    /// `inspect.metal3.io/hardwaredetails`: seeds `status.hardware` when inspection is disabled or
    /// nothing is known yet. Consumed either way.
    mutating func consumeHardwareDetailsAnnotation() {
        guard let text = self.annotation(HostAnnotations.hardwareDetails) else {
            return
        }
        self.removeAnnotation(HostAnnotations.hardwareDetails)
        guard self.status.hardware == nil || self.inspectionDisabled else {
            self.events.append(
                .normal(
                    "RemoveAnnotation",
                    "\(HostAnnotations.hardwareDetails) ignored: the hardware is known and inspection is not disabled"
                )
            )
            return
        }
        do {
            let hardware = try JSONDecoder().decode(HardwareDetails.self, from: Data(text.utf8))
            if self.status.hardware != hardware {
                self.status.hardware = hardware
                self.events.append(
                    .normal("UpdateHardwareDetails", "hardware details set from \(HostAnnotations.hardwareDetails)")
                )
            }
        } catch {
            let problem = DecodingProblem.describe(error)
            self.events.append(
                .warning("InvalidAnnotationValue", "\(HostAnnotations.hardwareDetails): \(problem); ignored")
            )
        }
    }
}
