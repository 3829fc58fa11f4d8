import Controllers
import Foundation
import FoundryModel
import FoundryStore
import Logging

/// Publishes a host's Events as stored `v1` Events (what `describe` shows), owned by the host so
/// that they go with it.
struct EventRecorder: Sendable {
    static let component = "foundry-operator"

    let store: any ResourceStore
    let logger: Logger

    func record(_ events: [HostEvent], about host: BareMetalHost) async {
        for event in events {
            let name = "\(host.metadata.name).\(AgentSessions.randomToken(bytes: 6))"
            await self.write(
                Event(
                    metadata: self.metadata(name: name, host: host), involvedObject: Self.reference(host),
                    reason: event.reason, message: event.message, type: event.type == .warning ? .warning : .normal,
                    firstTimestamp: Timestamp(Date()), lastTimestamp: Timestamp(Date()),
                    source: Event.Source(component: Self.component)))
        }
    }

    /// Creates or updates the one Event that shows how far the image write has got.
    func recordProgress(_ message: String, about host: BareMetalHost) async {
        let name = "\(host.metadata.name).image-write"
        let namespace = host.metadata.effectiveNamespace
        do {
            _ = try await self.store.modify(Event.self, namespace: namespace, name: name) { event in
                event.message = message
                event.count = (event.count ?? 1) + 1
                event.lastTimestamp = Timestamp(Date())
            }
        } catch let error as StoreError where error.code == .notFound {
            await self.write(
                Event(
                    metadata: self.metadata(name: name, host: host), involvedObject: Self.reference(host),
                    reason: "ImageWriteProgress", message: message, firstTimestamp: Timestamp(Date()),
                    lastTimestamp: Timestamp(Date()), source: Event.Source(component: Self.component)))
        } catch {
            self.logger.warning(
                "cannot record progress event", metadata: ["host.key": "\(HostKey(host))", "error": "\(error)"])
        }
    }

    private func write(_ event: Event) async {
        do {
            _ = try await self.store.create(event)
        } catch {
            self.logger.warning(
                "cannot record event",
                metadata: [
                    "event.reason": "\(event.reason ?? "")", "event.object": "\(event.involvedObject.name ?? "")",
                    "error": "\(error)",
                ])
        }
    }

    private func metadata(name: String, host: BareMetalHost) -> ObjectMeta {
        var metadata = ObjectMeta(name: name, namespace: host.metadata.effectiveNamespace)
        if let uid = host.metadata.uid {
            metadata.ownerReferences = [
                OwnerReference(
                    apiVersion: BareMetalHost.typeMeta.apiVersion, kind: BareMetalHost.typeMeta.kind,
                    name: host.metadata.name, uid: uid)
            ]
        }
        return metadata
    }

    static func reference(_ host: BareMetalHost) -> ObjectReference {
        var reference = ObjectReference(
            apiVersion: BareMetalHost.typeMeta.apiVersion, kind: BareMetalHost.typeMeta.kind, name: host.metadata.name,
            namespace: host.metadata.effectiveNamespace)
        reference.uid = host.metadata.uid
        return reference
    }
}
