import Foundation
import FoundryCLI
import FoundryModel
import FoundryStore
import Testing

@Suite("Printers, ages, store locations, apply merging")
struct PrinterTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func host(
        _ name: String, created: TimeInterval, state: ProvisioningState? = nil, consumer: String? = nil
    ) throws -> StoredObject {
        var host = BareMetalHost(
            metadata: ObjectMeta(name: name, namespace: "lab"),
            spec: BareMetalHostSpec(
                online: true, bmc: BMCDetails(address: "ipmi://127.0.0.1:623", credentialsName: "\(name)-bmc")))
        host.metadata.creationTimestamp = Timestamp(Self.now.addingTimeInterval(-created))
        if let consumer {
            host.spec.consumerRef = ObjectReference(kind: "Machine", name: consumer)
        }
        if let state {
            var status = BareMetalHostStatus(operationalStatus: .ok)
            status.provisioning.state = state
            status.errorType = .inspectionError
            host.status = status
        }
        return try StoredObject(host)
    }

    @Test func bareMetalHostColumnsAreMetal3s() throws {
        let printer = ResourcePrinter(kind: .bareMetalHost, format: .table, now: Self.now)
        #expect(printer.headers == ["NAME", "STATE", "CONSUMER", "ONLINE", "ERROR", "AGE"])
        let wide = ResourcePrinter(kind: .bareMetalHost, format: .wide, showNamespace: true, now: Self.now)
        #expect(wide.headers == ["NAMESPACE", "NAME", "STATUS", "STATE", "CONSUMER", "BMC", "ONLINE", "ERROR", "AGE"])
        let host = try Self.host("node-1", created: 3700, state: .provisioned, consumer: "worker-a")
        #expect(printer.row(host) == ["node-1", "provisioned", "worker-a", "true", "inspection error", "61m"])
        #expect(
            wide.row(host) == [
                "lab", "node-1", "OK", "provisioned", "worker-a", "ipmi://127.0.0.1:623", "true", "inspection error",
                "61m",
            ])
        let table = printer.render([host, try Self.host("node-22", created: 30)], resourceVersion: 9)
        #expect(
            table == """
                NAME      STATE         CONSUMER   ONLINE   ERROR              AGE
                node-1    provisioned   worker-a   true     inspection error   61m
                node-22                            true                        30s

                """)
        #expect(
            ResourcePrinter(kind: .bareMetalHost, format: .name).render([host], resourceVersion: 9)
                == "baremetalhost.metal3.io/node-1\n")
    }

    static let ages: [(Double, String)] = [
        (0, "0s"), (59, "59s"), (119, "119s"), (125, "2m5s"), (600, "10m"), (3 * 3600 + 5, "3h"),
        (5 * 3600 + 120, "5h2m"), (20 * 3600, "20h"), (50 * 3600, "2d2h"), (30 * 86400, "30d"),
        (800 * 86400, "2y70d"),
    ]

    @Test(arguments: Self.ages)
    func agesReadLikeKubectls(_ seconds: Double, _ expected: String) {
        #expect(AgeFormatter.format(seconds) == expected)
    }

    @Test func secretsAreRedactedInEveryFormat() throws {
        var secret = Secret(metadata: ObjectMeta(name: "bmc"), stringData: ["password": "hunter2"])
        secret.metadata.creationTimestamp = Timestamp(Self.now)
        let object = try StoredObject(secret)
        for format in OutputFormat.allCases {
            let text = ResourcePrinter(kind: .secret, format: format, now: Self.now).render(
                [object], resourceVersion: 1)
            #expect(
                !text.contains("hunter2") && !text.contains(Data("hunter2".utf8).base64EncodedString()), "\(format)")
        }
        let yaml = ResourcePrinter(kind: .secret, format: .yaml).render([object], resourceVersion: 1, single: true)
        #expect(yaml.contains("password: \"<redacted>\""), "\(yaml)")
    }

    @Test func storeLocationsFollowFlagThenEnvironmentThenXDG() throws {
        #expect(try StoreLocation.parse("sqlite:/var/lib/foundry/f.db") == .sqlite(path: "/var/lib/foundry/f.db"))
        #expect(try StoreLocation.parse("memory:") == .memory)
        #expect(throws: StoreLocation.ParseError.self) { try StoreLocation.parse("etcdd:http://127.0.0.1:2379") }
        #expect(throws: StoreLocation.ParseError.self) { try StoreLocation.parse("sqlite:") }
        let environment = ["FOUNDRY_STORE": "sqlite:/from/env.db", "HOME": "/home/op", "XDG_DATA_HOME": "/data"]
        #expect(
            try StoreLocation.resolve(option: "sqlite:/flag.db", environment: environment) == .sqlite(path: "/flag.db"))
        #expect(try StoreLocation.resolve(option: nil, environment: environment) == .sqlite(path: "/from/env.db"))
        #expect(
            try StoreLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/data"])
                == .sqlite(path: "/data/foundry/foundry.db"))
        #expect(
            try StoreLocation.resolve(option: nil, environment: ["HOME": "/home/op"])
                == .sqlite(path: "/home/op/.local/share/foundry/foundry.db"))
    }

    @Test func applyKeepsWhatOthersOwn() throws {
        var current = try Self.host("node-1", created: 10, state: .available)
        current.metadata.finalizers = ["baremetalhost.metal3.io"]
        current.metadata.annotations = ["operator/seen": "yes", "team": "old"]
        current.metadata.labels = ["rack": "r1", "stale": "x"]
        current.metadata.resourceVersion = "7"
        var manifest = try Self.host("node-1", created: 0)
        manifest.metadata.labels = ["rack": "r2"]
        manifest.metadata.annotations = ["team": "new"]
        manifest.metadata.creationTimestamp = nil
        let merged = Applier.merge(manifest: manifest, onto: current)
        #expect(merged.metadata.labels == ["rack": "r2"], "the manifest owns the labels")
        #expect(merged.metadata.annotations == ["operator/seen": "yes", "team": "new"])
        #expect(merged.metadata.finalizers == ["baremetalhost.metal3.io"])
        #expect(merged.metadata.resourceVersion == "7")
        #expect(merged.content["status"] == current.content["status"])
        #expect(merged.content["spec"] == manifest.content["spec"])
    }

    @Test func describeShowsConditionsAndTheObjectsEvents() async throws {
        let store = MemoryStore(options: StoreOptions(now: { PrinterTests.now }))
        var host = try await store.create(
            BareMetalHost(
                metadata: ObjectMeta(name: "node-1"),
                spec: BareMetalHostSpec(
                    online: true, bmc: BMCDetails(address: "ipmi://127.0.0.1", credentialsName: "s"))))
        var status = BareMetalHostStatus(operationalStatus: .ok, poweredOn: true)
        status.provisioning.state = .available
        status.conditions = [
            Condition(
                type: "Ready", status: .true, reason: "Inspected", message: "hardware inspected",
                lastTransitionTime: Timestamp(Self.now.addingTimeInterval(-90)))
        ]
        host.status = status
        host = try await store.updateStatus(host)
        let mine = Event(
            metadata: ObjectMeta(name: "node-1.1"),
            involvedObject: ObjectReference(kind: "BareMetalHost", name: "node-1", namespace: "default"),
            reason: "InspectionComplete", message: "Hardware inspection completed",
            lastTimestamp: Timestamp(Self.now.addingTimeInterval(-30)),
            source: Event.Source(component: "foundry-operator"))
        let other = Event(
            metadata: ObjectMeta(name: "node-2.1"),
            involvedObject: ObjectReference(kind: "BareMetalHost", name: "node-2", namespace: "default"),
            reason: "Registered", message: "not about node-1")
        let object = try await store.get(ObjectKey(BareMetalHost.self, name: "node-1"))
        let events = ObjectDescriber.events([mine, other], about: object)
        let text = ObjectDescriber(now: Self.now).describe(object, events: events)
        #expect(text.contains("Name:         node-1"))
        #expect(text.contains("Spec:\n  online: true\n  bmc:\n    address: \"ipmi://127.0.0.1\""), "\(text)")
        #expect(text.contains("Status:\n  operationalStatus: OK"), "\(text)")
        #expect(
            text.contains(
                "Conditions:\n  Type    Status   Reason      Last Transition   Message\n  Ready   True     Inspected   90s ago           hardware inspected"
            ), "\(text)")
        #expect(text.contains("InspectionComplete   30s   foundry-operator   Hardware inspection completed"), "\(text)")
        #expect(!text.contains("not about node-1"))
    }
}
