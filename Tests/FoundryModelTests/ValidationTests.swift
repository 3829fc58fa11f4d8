import FoundryModel
import Testing

/// Semantic rules beyond the schema, each checked on its own.
struct ValidationTests {
    static func host(_ spec: BareMetalHostSpec, name: String = "node-1", namespace: String? = nil) -> BareMetalHost {
        BareMetalHost(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec)
    }

    static func problems(_ resource: some Resource) -> [String] {
        resource.validate().map(\.description)
    }

    @Test func aValidHostHasNoProblems() {
        var spec = BareMetalHostSpec(
            online: true,
            bmc: BMCDetails(
                address: "idrac-virtualmedia://10.0.0.5/redfish/v1/Systems/System.Embedded.1", credentialsName: "bmc"))
        spec.image = HostImage(
            url: "https://images.example/os.qcow2", checksum: "abc", checksumType: .sha256, format: .qcow2)
        spec.userData = SecretReference(name: "user-data", namespace: "lab")
        spec.bootMode = .uefiSecureBoot
        #expect(Self.problems(Self.host(spec, namespace: "lab")) == [])
    }

    @Test(arguments: [
        ("Node_1.rack-A", true),
        ("node 1", false),
        ("rack/node", false),
        ("4B1C6E4E-2F6A-4C3E-9D55-0B9D2B8F8E11", false),
        (String(repeating: "n", count: 253), true),
        (String(repeating: "n", count: 254), false),
        ("", false),
    ])
    func bareMetalHostNamesFollowMetal3(_ name: String, _ valid: Bool) {
        let problems = Self.problems(Self.host(BareMetalHostSpec(online: false), name: name))
        #expect(problems.isEmpty == valid, "\(problems)")
    }

    @Test(arguments: [
        ("bmc-secret", true),
        ("bmc.secret.v2", true),
        ("Bmc", false),
        ("bmc_secret", false),
        ("-bmc", false),
        ("bmc-", false),
        (String(repeating: "a", count: 253), true),
    ])
    func otherKindsUseDNSSubdomainNames(_ name: String, _ valid: Bool) {
        let secret = Secret(metadata: ObjectMeta(name: name), stringData: ["k": "v"])
        #expect(Self.problems(secret).isEmpty == valid)
    }

    @Test func clusterNamesAreDNSLabels() {
        let spec = ClusterSpec(
            version: "v1.31.2", image: HostImage(url: "http://i.example/os", checksum: "c"),
            controlPlane: ControlPlaneTopology(replicas: 1))
        #expect(Self.problems(Cluster(metadata: ObjectMeta(name: "prod"), spec: spec)) == [])
        #expect(Self.problems(Cluster(metadata: ObjectMeta(name: "prod.eu"), spec: spec)).count == 1)
    }

    @Test func metadataLabelsAnnotationsFinalizersAndOwners() {
        var metadata = ObjectMeta(
            name: "s", namespace: "team-a",
            labels: ["example.com/rack": "r1", "role": "", "x": String(repeating: "v", count: 64)],
            annotations: ["bad key": "v", "example.com/ok": String(repeating: "z", count: 300_000)])
        metadata.finalizers = ["foundry.dev/cleanup", "not a finalizer"]
        metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Secret", name: "", uid: "u")]
        let problems = metadata.validate().map(\.description)
        #expect(
            problems == [
                "metadata.labels[\"x\"]: must be no more than 63 characters (got 64)",
                "metadata.annotations[\"bad key\"]: invalid annotation key \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "metadata.annotations: annotations total 300022 bytes, over the 262144-byte limit",
                "metadata.finalizers[1]: invalid finalizer \"not a finalizer\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "metadata.ownerReferences[0].name: must not be empty",
            ])
    }

    @Test func namespacesAreDNSLabels() {
        #expect(ObjectMeta(name: "a", namespace: "openshift-machine-api").validate() == [])
        #expect(ObjectMeta(name: "a", namespace: "a.b").validate().count == 1)
    }

    @Test func bmcRules() {
        var spec = BareMetalHostSpec(online: true, bmc: BMCDetails(address: "", credentialsName: "bmc"))
        #expect(Self.problems(Self.host(spec)) == ["spec.bmc.address: required when spec.bmc.credentialsName is set"])
        spec.bmc = BMCDetails(address: "", credentialsName: "")
        #expect(Self.problems(Self.host(spec)) == [], "an empty bmc block means an unmanaged host")
        spec.bmc = BMCDetails(address: "ipmi://10.0.0.1", credentialsName: "Bad_Name")
        #expect(
            Self.problems(Self.host(spec)) == [
                "spec.bmc.credentialsName: invalid Secret name \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. \"example.com\")"
            ])
    }

    @Test func driverCapabilities() {
        var spec = BareMetalHostSpec(online: true, bmc: BMCDetails(address: "ipmi://10.0.0.1", credentialsName: "bmc"))
        spec.raid = RAIDConfig(hardwareRAIDVolumes: [HardwareRAIDVolume(level: "1")])
        #expect(
            Self.problems(Self.host(spec)) == [
                "spec.raid.hardwareRAIDVolumes: hardware RAID is not supported by ipmi:// BMCs"
            ])
        spec.bmc?.address = "redfish://10.0.0.1"
        #expect(Self.problems(Self.host(spec)) == [])
    }

    @Test func raidRules() {
        var spec = BareMetalHostSpec(online: true)
        spec.raid = RAIDConfig(
            hardwareRAIDVolumes: [HardwareRAIDVolume(level: "5")],
            softwareRAIDVolumes: [
                SoftwareRAIDVolume(level: "0", rootVolume: true), SoftwareRAIDVolume(level: "1", rootVolume: true),
            ])
        #expect(
            Self.problems(Self.host(spec)) == [
                "spec.raid: hardware and software RAID cannot both be set",
                "spec.raid.softwareRAIDVolumes[0].level: the first software RAID volume must be RAID-1",
                "spec.raid.softwareRAIDVolumes: at most one volume may be the root volume",
            ])
    }

    @Test func imageRules() {
        var spec = BareMetalHostSpec(online: true)
        spec.image = HostImage(url: "not a url")
        #expect(
            Self.problems(Self.host(spec)).first?.hasPrefix("spec.image.url: invalid image URL \"not a url\"") == true)
        spec.image = HostImage(url: "http://i.example/live.iso", format: .liveISO)
        #expect(Self.problems(Self.host(spec)) == [])
        spec.image = HostImage(url: "oci://registry.example/os:latest", checksum: "abc")
        #expect(Self.problems(Self.host(spec)) == ["spec.image.checksum: must be empty for oci:// images"])
        spec.image = HostImage(url: "oci://registry.example/os:latest")
        #expect(Self.problems(Self.host(spec)) == [])
    }

    @Test func secretReferencesNeedANameAndTheSameNamespace() {
        var spec = BareMetalHostSpec(online: true)
        spec.networkData = SecretReference(namespace: "lab")
        spec.metaData = SecretReference(name: "meta", namespace: "other")
        #expect(
            Self.problems(Self.host(spec, namespace: "lab")) == [
                "spec.networkData.name: required field missing",
                "spec.metaData.namespace: cross-namespace Secret references are not allowed (Secret in \"other\", object in \"lab\")",
            ])
    }

    @Test func secretKeys() {
        var secret = Secret(metadata: ObjectMeta(name: "s"), stringData: ["ok.key_1-x": "v"])
        secret.stringData = ["bad/key": "v", "..": "v"]
        #expect(
            Self.problems(secret) == [
                "stringData[\"..\"]: invalid key: must be at most 253 characters of letters, digits, '-', '_' or '.'",
                "stringData[\"bad/key\"]: invalid key: must be at most 253 characters of letters, digits, '-', '_' or '.'",
            ])
    }

    @Test func events() {
        let ok = Event(
            metadata: ObjectMeta(name: "node-1.abc"),
            involvedObject: ObjectReference(kind: "BareMetalHost", name: "node-1"),
            reason: "PowerOn", message: "powered on")
        #expect(Self.problems(ok) == [])
        var bad = ok
        bad.involvedObject = ObjectReference(kind: "BareMetalHost", namespace: "other")
        #expect(
            Self.problems(bad) == [
                "involvedObject.name: required field missing",
                "involvedObject.namespace: must match the event's namespace \"default\"",
            ])
    }

    @Test func machineDeploymentTemplateMustBelongToTheSameCluster() {
        let deployment = MachineDeployment(
            metadata: ObjectMeta(name: "md"),
            spec: MachineDeploymentSpec(
                clusterName: "prod", replicas: 1, selector: LabelSelector(),
                template: MachineTemplate(spec: MachineSpec(clusterName: "staging"))))
        #expect(
            Self.problems(deployment) == [
                "spec.selector: must not be empty (it would match every Machine)",
                "spec.template.spec.clusterName: must equal spec.clusterName \"prod\" (got \"staging\")",
            ])
    }

    @Test func clusterPoolsAndSelectors() {
        var spec = ClusterSpec(
            version: "v1.31.2", image: HostImage(url: "http://i.example/os", checksum: "c"),
            controlPlane: ControlPlaneTopology(replicas: 3, hostSelector: LabelSelector(matchLabels: ["role": "cp"])))
        spec.workers = [
            WorkerPool(name: "md-0", replicas: 2),
            WorkerPool(name: "md-0", replicas: 1),
            WorkerPool(
                name: "GPU", replicas: 1,
                hostSelector: LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "gpu", operator: .in)])),
        ]
        #expect(
            Self.problems(Cluster(metadata: ObjectMeta(name: "prod"), spec: spec)) == [
                "spec.workers[1].name: duplicate worker pool name \"md-0\"",
                "spec.workers[2].name: invalid pool name \"GPU\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. \"rack-1\")",
                "spec.workers[2].hostSelector.matchExpressions[0].values: must list at least one value for In",
            ])
    }

    @Test func machineReferences() {
        let machine = Machine(
            metadata: ObjectMeta(name: "m"),
            spec: MachineSpec(clusterName: "Prod", bootstrap: MachineBootstrap(dataSecretName: "user data")))
        #expect(Self.problems(machine).count == 2)
    }
}
