import Foundation
import FoundryModel
import TestSupport
import Testing

/// The shared malformed-input table against the decoder and validator: every case is refused,
/// and the error names the field or the reason.
@Suite(.serialized)
struct MalformedManifestTests {
    @Test func theTableHasAtLeastThirtyCases() {
        #expect(MalformedManifests.all.count >= 30)
        #expect(Set(MalformedManifests.all.map(\.name)).count == MalformedManifests.all.count)
    }

    @Test(arguments: MalformedManifests.all)
    func everyCaseIsRefusedWithItsReason(_ sample: MalformedManifest) {
        let result = ManifestDecoder().decode(sample.data, source: "input.yaml")
        let text = result.problems.map(\.description).joined(separator: "\n")
        #expect(!result.problems.isEmpty, "\(sample.name) was accepted")
        #expect(text.contains(sample.expectedError), "\(sample.name): errors were:\n\(text)")
        #expect(result.problems.allSatisfy { $0.description.hasPrefix("input.yaml: ") })
    }
}
