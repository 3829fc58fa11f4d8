import Foundation
import FoundryModel
import FoundryStore
import Testing

/// The behaviour every backend must share, run against each of them.
@Suite("Store conformance")
struct StoreConformanceTests {
    static let fixedNow = Date(timeIntervalSince1970: 1_800_000_000.75)

    static func fixedOptions(changeLogLimit: Int = 10_000, watchBufferLimit: Int = 10_000) -> StoreOptions {
        StoreOptions(
            now: { StoreConformanceTests.fixedNow }, changeLogLimit: changeLogLimit, watchBufferLimit: watchBufferLimit)
    }

    // MARK: create and get

    @Test(arguments: StoreBackend.allCases)
    func createFillsSystemFieldsAndGetReturnsTheSame(_ backend: StoreBackend) async throws {
        try await withStore(backend, options: Self.fixedOptions()) { store in
            var input = Fixtures.widget("w1", labels: ["rack": "r1"])
            input.metadata.uid = "chosen-by-client"
            input.content["status"] = .object(["ready": .bool(true)])
            let created = try await store.create(input)
            #expect(created.metadata.namespace == "default")
            #expect(created.metadata.uid != nil && created.metadata.uid != "chosen-by-client")
            #expect(created.metadata.generation == 1)
            #expect(created.resourceVersion > 0)
            #expect(created.metadata.creationTimestamp?.description == "2027-01-15T08:00:00Z")
            #expect(created.status == nil, "status is a subresource: create drops it")
            #expect(created.metadata.labels == ["rack": "r1"])
            let fetched = try await store.get(created.key)
            #expect(fetched == created)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func createRejectsDuplicatesVersionsAndBadNames(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.create(Fixtures.widget("w1"))
            let duplicate = await storeError { _ = try await store.create(Fixtures.widget("w1")) }
            #expect(duplicate?.code == .alreadyExists)
            #expect(duplicate?.message.contains("widget.test.foundry.dev \"default/w1\" already exists") == true)
            // Same name in another namespace is another object.
            _ = try await store.create(Fixtures.widget("w1", namespace: "lab"))

            var versioned = Fixtures.widget("w2")
            versioned.metadata.resourceVersion = "7"
            let withVersion = await storeError { _ = try await store.create(versioned) }
            #expect(withVersion?.code == .invalid)
            #expect(withVersion?.message.contains("metadata.resourceVersion") == true)

            for bad in ["", "a/b", "..", String(repeating: "x", count: 254), "tab\there"] {
                let error = await storeError { _ = try await store.create(Fixtures.widget(bad)) }
                #expect(error?.code == .invalid, "name \(bad.debugDescription)")
                #expect(error?.message.contains("metadata.name") == true)
            }
            var noKind = Fixtures.widget("w3")
            noKind.kind = ""
            #expect(await storeError { _ = try await store.create(noKind) }?.message.contains("kind: required") == true)
            let missing = await storeError { _ = try await store.get(Fixtures.widget("nope").key) }
            #expect(missing?.code == .notFound)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func generateNameMakesAName(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var input = Fixtures.widget("")
            input.metadata.generateName = "worker-"
            let created = try await store.create(input)
            #expect(created.metadata.name.hasPrefix("worker-"))
            #expect(created.metadata.name.count == "worker-".count + 5)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func resourceVersionsGrowWithEveryChange(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var versions: [Int64] = []
            for index in 0..<5 {
                versions.append(try await store.create(Fixtures.widget("w\(index)")).resourceVersion)
            }
            let current = try await store.get(Fixtures.widget("w0").key)
            versions.append(try await store.update(current.withSize(9)).resourceVersion)
            versions.append(try await store.delete(Fixtures.widget("w1").key).object.resourceVersion)
            #expect(versions == versions.sorted() && Set(versions).count == versions.count, "\(versions)")
            let list = try await store.list(Fixtures.widget)
            #expect(list.resourceVersion == versions.last)
        }
    }

    // MARK: list

    @Test(arguments: StoreBackend.allCases)
    func listFiltersByKindNamespaceAndLabels(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.create(Fixtures.widget("b", labels: ["role": "worker"]))
            _ = try await store.create(Fixtures.widget("a", labels: ["role": "control-plane"]))
            _ = try await store.create(Fixtures.widget("c", namespace: "lab", labels: ["role": "worker"]))
            _ = try await store.create(Fixtures.host("h1"))

            let widgets = try await store.list(Fixtures.widget)
            #expect(widgets.items.map(\.metadata.name) == ["a", "b", "c"])
            let inDefault = try await store.list(Fixtures.widget, options: ListOptions(namespace: "default"))
            #expect(inDefault.items.map(\.metadata.name) == ["a", "b"])
            let workers = try await store.list(
                Fixtures.widget, options: ListOptions(labelFilter: { $0["role"] == "worker" }))
            #expect(workers.items.map(\.key.namespace) == ["default", "lab"])
            let everything = try await store.list(nil)
            #expect(everything.items.count == 4)
            #expect(everything.items.map(\.kind).sorted() == ["BareMetalHost", "Widget", "Widget", "Widget"])
            let hosts = try await store.list(BareMetalHost.self)
            #expect(hosts.items.map(\.name) == ["h1"])
            #expect(hosts.resourceVersion == everything.resourceVersion)
        }
    }

    // MARK: update

    @Test(arguments: StoreBackend.allCases)
    func updateIsCompareAndSwap(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let created = try await store.create(Fixtures.widget("w1"))
            let first = try await store.update(created.withSize(2))
            #expect(first.size == 2)
            #expect(first.resourceVersion > created.resourceVersion)

            let stale = await storeError { _ = try await store.update(created.withSize(3)) }
            #expect(stale?.code == .conflict)
            #expect(stale?.isRetryable == true)
            #expect(stale?.message.contains("stale") == true)
            #expect(try await store.get(created.key).size == 2, "a stale write changes nothing")

            var unversioned = first.withSize(4)
            unversioned.metadata.resourceVersion = nil
            let missing = await storeError { _ = try await store.update(unversioned) }
            #expect(missing?.code == .invalid)
            #expect(missing?.message.contains("metadata.resourceVersion: required") == true)

            var otherUID = first.withSize(4)
            otherUID.metadata.uid = "someone-else"
            #expect(await storeError { _ = try await store.update(otherUID) }?.code == .conflict)

            let absent = await storeError { _ = try await store.update(Fixtures.widget("ghost").withSize(1)) }
            #expect(absent?.code == .notFound)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func generationFollowsTheSpecOnly(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let created = try await store.create(Fixtures.widget("w1"))
            var relabelled = created
            relabelled.metadata.labels = ["rack": "r2"]
            let afterLabels = try await store.update(relabelled)
            #expect(afterLabels.metadata.generation == 1)
            #expect(afterLabels.resourceVersion > created.resourceVersion)

            let afterSpec = try await store.update(afterLabels.withSize(5))
            #expect(afterSpec.metadata.generation == 2)

            var withStatus = afterSpec
            withStatus.status = .object(["phase": .string("Ready")])
            let afterStatus = try await store.updateStatus(withStatus)
            #expect(afterStatus.metadata.generation == 2)
            #expect(afterStatus.status == .object(["phase": .string("Ready")]))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func unchangedWritesKeepTheirVersion(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let created = try await store.create(Fixtures.widget("w1", labels: ["a": "b"]))
            let again = try await store.update(created)
            #expect(again == created)
            var emptyLists = created
            emptyLists.metadata.finalizers = []
            emptyLists.metadata.annotations = [:]
            #expect(try await store.update(emptyLists).resourceVersion == created.resourceVersion)
            let statusAgain = try await store.updateStatus(created)
            #expect(statusAgain.resourceVersion == created.resourceVersion)
            #expect(try await store.list(Fixtures.widget).resourceVersion == created.resourceVersion)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func statusIsASubresource(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let created = try await store.create(Fixtures.widget("w1"))
            var statusWrite = created.withSize(99)
            statusWrite.status = .object(["phase": .string("Provisioning")])
            statusWrite.metadata.labels = ["sneaky": "yes"]
            let afterStatus = try await store.updateStatus(statusWrite)
            #expect(afterStatus.size == 1, "updateStatus ignores spec changes")
            #expect(afterStatus.metadata.labels == nil, "updateStatus ignores metadata changes")
            #expect(afterStatus.status == .object(["phase": .string("Provisioning")]))

            var specWrite = afterStatus.withSize(7)
            specWrite.status = .object(["phase": .string("Hacked")])
            let afterSpec = try await store.update(specWrite)
            #expect(afterSpec.size == 7)
            #expect(afterSpec.status == .object(["phase": .string("Provisioning")]), "update keeps the stored status")

            let stale = await storeError { _ = try await store.updateStatus(statusWrite) }
            #expect(stale?.code == .conflict)
        }
    }

    // MARK: delete

    @Test(arguments: StoreBackend.allCases)
    func deleteWithoutFinalizersRemoves(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let created = try await store.create(Fixtures.widget("w1"))
            let stale = await storeError {
                _ = try await store.delete(created.key, preconditions: DeletePreconditions(resourceVersion: 1_000))
            }
            #expect(stale?.code == .conflict)
            let wrongUID = await storeError {
                _ = try await store.delete(created.key, preconditions: DeletePreconditions(uid: "x"))
            }
            #expect(wrongUID?.code == .conflict)
            let result = try await store.delete(
                created.key, preconditions: DeletePreconditions(uid: created.metadata.uid))
            guard case .deleted(let last) = result else {
                Issue.record("expected deletion, got \(result)")
                return
            }
            #expect(last.resourceVersion > created.resourceVersion)
            #expect(await storeError { _ = try await store.get(created.key) }?.code == .notFound)
            #expect(await storeError { _ = try await store.delete(created.key) }?.code == .notFound)
            // The name is free again, for a new object with a new uid.
            let again = try await store.create(Fixtures.widget("w1"))
            #expect(again.metadata.uid != created.metadata.uid)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func finalizersHoldDeletionUntilRemoved(_ backend: StoreBackend) async throws {
        try await withStore(backend, options: Self.fixedOptions()) { store in
            var input = Fixtures.widget("w1")
            input.metadata.finalizers = ["foundry.dev/cleanup", "other/hold"]
            let created = try await store.create(input)

            let pending = try await store.delete(created.key)
            guard case .pending(let marked) = pending else {
                Issue.record("expected a pending deletion, got \(pending)")
                return
            }
            #expect(marked.metadata.deletionTimestamp?.description == "2027-01-15T08:00:00Z")
            #expect(marked.metadata.generation == 2)
            let second = try await store.delete(created.key)
            #expect(second == .pending(marked), "deleting again changes nothing")

            var adding = marked
            adding.metadata.finalizers = ["foundry.dev/cleanup", "other/hold", "late/one"]
            let addError = await storeError { _ = try await store.update(adding) }
            #expect(addError?.code == .invalid)
            #expect(addError?.message.contains("being deleted") == true)

            var oneLeft = marked
            oneLeft.metadata.finalizers = ["other/hold"]
            let remaining = try await store.update(oneLeft)
            #expect(try await store.get(created.key) == remaining)

            var none = remaining
            none.metadata.finalizers = nil
            let gone = try await store.update(none)
            #expect(gone.resourceVersion > remaining.resourceVersion)
            #expect(await storeError { _ = try await store.get(created.key) }?.code == .notFound)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func deletingAnOwnerCascades(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let owner = try await store.create(Fixtures.widget("cluster"))
            let otherOwner = try await store.create(Fixtures.widget("other"))
            var child = Fixtures.widget("child")
            child.metadata.ownerReferences = [Fixtures.owner(of: owner)]
            let childCreated = try await store.create(child)
            var grandchild = Fixtures.widget("grandchild")
            grandchild.metadata.ownerReferences = [Fixtures.owner(of: childCreated)]
            _ = try await store.create(grandchild)
            var shared = Fixtures.widget("shared")
            shared.metadata.ownerReferences = [Fixtures.owner(of: owner), Fixtures.owner(of: otherOwner)]
            _ = try await store.create(shared)
            var guarded = Fixtures.widget("guarded")
            guarded.metadata.ownerReferences = [Fixtures.owner(of: owner)]
            guarded.metadata.finalizers = ["foundry.dev/cleanup"]
            _ = try await store.create(guarded)
            var host = Fixtures.host("host-0")
            host.metadata.ownerReferences = [Fixtures.owner(of: owner)]
            _ = try await store.create(host)

            _ = try await store.delete(owner.key)
            let names = try await store.list(nil).items.map(\.metadata.name)
            #expect(names == ["guarded", "other", "shared"])
            let guardedNow = try await store.get(Fixtures.widget("guarded").key)
            #expect(guardedNow.metadata.deletionTimestamp != nil)

            _ = try await store.delete(otherOwner.key)
            #expect(try await store.list(nil).items.map(\.metadata.name) == ["guarded"])
        }
    }

    // MARK: watch

    @Test(arguments: StoreBackend.allCases)
    func watchDeliversChangesInOrder(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let start = try await store.list(Fixtures.widget).resourceVersion
            let stream = try await store.watch(Fixtures.widget, from: start)
            let created = try await store.create(Fixtures.widget("w1"))
            _ = try await store.create(Fixtures.host("not-a-widget"))
            let updated = try await store.update(created.withSize(2))
            let deleted = try await store.delete(created.key).object
            let events = try await nextEvents(3, from: stream)
            #expect(events.map(\.type) == [.added, .modified, .deleted])
            #expect(events.map(\.object) == [created, updated, deleted])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func watchResumesFromAnyVersionExactlyOnce(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let start = try await store.list(nil).resourceVersion
            var versions: [Int64] = []
            for index in 0..<6 {
                versions.append(try await store.create(Fixtures.widget("w\(index)")).resourceVersion)
            }
            let all = try await nextEvents(6, from: try await store.watch(nil, from: start))
            #expect(all.map(\.resourceVersion) == versions)
            // Resume after the third change: exactly the last three, then live ones.
            let resumed = try await store.watch(nil, from: versions[2])
            let live = try await store.create(Fixtures.widget("w6"))
            let rest = try await nextEvents(4, from: resumed)
            #expect(rest.map(\.resourceVersion) == Array(versions[3...]) + [live.resourceVersion])
            // From now: only what happens next.
            let fromNow = try await store.watch(nil, from: nil)
            let next = try await store.create(Fixtures.widget("w7"))
            #expect(try await nextEvents(1, from: fromNow).map(\.object) == [next])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func watchFiltersByNamespaceAndLabels(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let filter = ListOptions(namespace: "lab", labelFilter: { $0["role"] == "worker" })
            let stream = try await store.watch(Fixtures.widget, options: WatchOptions(filter: filter))
            _ = try await store.create(Fixtures.widget("a", labels: ["role": "worker"]))
            _ = try await store.create(Fixtures.widget("b", namespace: "lab", labels: ["role": "storage"]))
            let wanted = try await store.create(Fixtures.widget("c", namespace: "lab", labels: ["role": "worker"]))
            #expect(try await nextEvents(1, from: stream).map(\.object) == [wanted])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func tooOldVersionsExpire(_ backend: StoreBackend) async throws {
        try await withStore(backend, options: Self.fixedOptions(changeLogLimit: 10)) { store in
            let start = try await store.list(nil).resourceVersion
            for index in 0..<40 {
                _ = try await store.create(Fixtures.widget("w\(index)"))
            }
            let expired = await storeError { _ = try await store.watch(nil, from: start) }
            #expect(expired?.code == .expired)
            #expect(expired?.message.contains("list again") == true)
            // The last ten are still there to resume from.
            let now = try await store.list(nil).resourceVersion
            let recent = try await nextEvents(10, from: try await store.watch(nil, from: now - 10))
            #expect(recent.map(\.resourceVersion) == Array((now - 9)...now))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aWatchThatFallsBehindEndsExpired(_ backend: StoreBackend) async throws {
        try await withStore(backend, options: Self.fixedOptions(watchBufferLimit: 5)) { store in
            let stream = try await store.watch(nil, from: nil)
            for index in 0..<12 {
                _ = try await store.create(Fixtures.widget("w\(index)"))
            }
            var received = 0
            let error = await storeError {
                for try await _ in stream {
                    received += 1
                }
            }
            #expect(error?.code == .expired)
            #expect(received == 5)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func listThenWatchMissesNothing(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.create(Fixtures.widget("before"))
            let (list, stream) = try await store.listThenWatch(Fixtures.widget)
            #expect(list.items.map(\.metadata.name) == ["before"])
            let after = try await store.create(Fixtures.widget("after"))
            #expect(try await nextEvents(1, from: stream).map(\.object) == [after])
        }
    }

    // MARK: secrets, typed access, concurrency

    @Test(arguments: StoreBackend.allCases)
    func secretStringDataIsFoldedIntoData(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var secret = Secret(metadata: ObjectMeta(name: "bmc"), stringData: ["username": "admin"])
            secret.stringData = ["password": "s3cret"]
            let stored = try await store.create(secret)
            #expect(stored.stringData == nil)
            #expect(stored.string(forKey: "username") == "admin")
            #expect(stored.string(forKey: "password") == "s3cret")
            var badData = Secret(metadata: ObjectMeta(name: "bad"), stringData: [:])
            badData.data = ["password": "%%%not base64"]
            let error = await storeError { _ = try await store.create(badData) }
            #expect(error?.message.contains("data.password: not a base64 string") == true)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func typedAccessRoundTripsBareMetalHosts(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let created = try await store.create(Fixtures.host("host-0", labels: ["rack": "r1"]))
            #expect(created.metadata.generation == 1)
            var withStatus = created
            withStatus.status = BareMetalHostStatus(operationalStatus: .ok, poweredOn: true)
            let updated = try await store.updateStatus(withStatus)
            let fetched = try await store.get(BareMetalHost.self, name: "host-0")
            #expect(fetched == updated)
            #expect(fetched.status?.poweredOn == true)
            let wrongKind = await storeError { _ = try await store.get(Secret.self, name: "host-0") }
            #expect(wrongKind?.code == .notFound)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentReadModifyWriteLosesNothing(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.create(Fixtures.widget("counter", size: 0))
            let key = Fixtures.widget("counter").key
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<25 {
                            while true {
                                let current = try await store.get(key)
                                do {
                                    _ = try await store.update(current.withSize((current.size ?? 0) + 1))
                                    break
                                } catch let error as StoreError where error.code == .conflict {
                                    continue
                                }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.get(key).size == 200)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aClosedStoreRefusesWork(_ backend: StoreBackend) async throws {
        let open = try await backend.make()
        let stream = try await open.store.watch(nil, from: nil)
        await open.cleanup()
        let error = await storeError { _ = try await open.store.create(Fixtures.widget("late")) }
        #expect(error?.code == .unavailable)
        var ended = false
        for try await _ in stream {}
        ended = true
        #expect(ended, "open watches end when the store closes")
    }
}
