extension BareMetalHost {
    /// Metal3's BareMetalHost schema: same field names, types and enums as the upstream CRD.
    public static let schema = ResourceSchemas.document(
        .bareMetalHost,
        [
            .optional("spec", specSchema),
            .optional("status", statusSchema),
        ]
    )

    static let notActedOn = "accepted for Metal3 compatibility; Foundry does not act on this field yet"

    static let rootDeviceHintsSchema = Schema.object(
        "Hints for choosing the root disk; every hint given must match.",
        [
            .optional(
                "deviceName", Schema.string("A /dev path or by-path link.").matching(.devicePath).example("/dev/sda")),
            .optional("hctl", Schema.string("SCSI host:channel:target:lun.").matching(.hctl).example("0:0:0:0")),
            .optional("model", .string("Substring of the disk model.")),
            .optional("vendor", .string("Substring of the disk vendor.")),
            .optional("serialNumber", .string("Disk serial number.")),
            .optional("minSizeGigabytes", Schema.integer("Smallest acceptable disk size, in GB.").minimum(0)),
            .optional("wwn", .string("Unique storage identifier.")),
            .optional("wwnWithExtension", .string("WWN with vendor extension.")),
            .optional("wwnVendorExtension", .string("WWN vendor extension.")),
            .optional("rotational", .boolean("True for spinning disks, false for SSDs.")),
        ]
    )

    static let raidSchema = Schema.object(
        "RAID configuration, applied while preparing the host.",
        [
            .optional(
                "hardwareRAIDVolumes",
                .array(
                    "Hardware RAID volumes; an empty list clears hardware RAID.",
                    of: .object(
                        [
                            .optional("sizeGibibytes", Schema.integer("Size of the volume.").minimum(0)),
                            .required(
                                "level",
                                Schema.string("RAID level.").oneOf(["0", "1", "2", "5", "6", "1+0", "5+0", "6+0"])),
                            .optional("name", Schema.string("Volume name.").length(max: 64)),
                            .optional("rotational", .boolean()),
                            .optional("numberOfPhysicalDisks", Schema.integer().minimum(1)),
                            .optional("controller", .string()),
                            .optional("physicalDisks", .array(of: .string())),
                        ]
                    ))),
            .optional(
                "softwareRAIDVolumes",
                Schema.array(
                    "Software RAID volumes (at most two; the first must be RAID-1).",
                    of: .object(
                        [
                            .optional("sizeGibibytes", Schema.integer().minimum(0)),
                            .required("level", Schema.string("RAID level.").oneOf(["0", "1", "1+0"])),
                            .optional("physicalDisks", Schema.array(of: rootDeviceHintsSchema).items(min: 2)),
                            .optional("rootVolume", .boolean()),
                        ]
                    )
                ).items(max: 2)),
        ]
    )

    static let firmwareSchema = Schema.object(
        "BIOS settings (deprecated in Metal3 in favour of HostFirmwareSettings).",
        [
            .optional("virtualizationEnabled", .boolean()),
            .optional("simultaneousMultithreadingEnabled", .boolean()),
            .optional("sriovEnabled", .boolean()),
        ]
    )

    static let customDeploySchema = Schema.object(
        "A custom deploy procedure instead of writing an image.",
        [.required("method", .string("The custom deploy step."))]
    )

    static let specSchema = Schema.object(
        "The desired state of the host.",
        [
            .optional(
                "bmc",
                .object(
                    "How to reach the host's baseboard management controller.",
                    [
                        .required(
                            "address",
                            .string("BMC URL; the scheme picks the driver (ipmi, redfish, ...).").example(
                                "redfish://10.0.0.1/redfish/v1/Systems/1")),
                        .required(
                            "credentialsName",
                            .string("Secret with username and password, in the host's namespace.").example("bmc-secret")
                        ),
                        .optional("disableCertificateVerification", .boolean("Skip TLS verification of the BMC.")),
                    ]
                )),
            .optional(
                "bootMACAddress",
                Schema.string("MAC of the NIC that boots (not the BMC's).").matching(.macAddress).example(
                    "00:1a:74:74:e5:cb")),
            .optional("bootMode", Schema.string("UEFI (default), UEFISecureBoot or legacy.").oneOf(BootMode.self)),
            .required("online", .boolean("Whether the host should be powered on.")),
            .optional("rootDeviceHints", rootDeviceHintsSchema),
            .optional("image", ResourceSchemas.image),
            .optional("userData", ResourceSchemas.secretReference("Secret with user data for the config drive.")),
            .optional(
                "networkData", ResourceSchemas.secretReference("Secret with network_data.json for the config drive.")),
            .optional("metaData", ResourceSchemas.secretReference("Secret overriding the generated meta_data.")),
            .inert(
                "preprovisioningNetworkDataName",
                .string("Secret with network configuration for the provisioning ramdisk."), notActedOn),
            .optional("consumerRef", ResourceSchemas.objectReference.described("What is using this host.")),
            .optional("externallyProvisioned", .boolean("The host already runs an OS; only power is managed.")),
            .optional(
                "automatedCleaningMode",
                Schema.string("metadata (default) or disabled.").oneOf(AutomatedCleaningMode.self)),
            .optional("description", .string("Free text about the host.")),
            .optional("architecture", .string("CPU architecture, e.g. x86_64.")),
            .inert("raid", raidSchema, notActedOn),
            .inert(
                "firmware", firmwareSchema,
                "deprecated in Metal3 (use HostFirmwareSettings); Foundry does not act on it"),
            .inert("customDeploy", customDeploySchema, notActedOn),
            .optional("disablePowerOff", .boolean("Replace power-off by reboot.")),
            .inert(
                "hardwareProfile", .string("Deprecated hardware profile name."),
                "deprecated in Metal3; Foundry ignores it"),
            .optional(
                "inspectionMode", Schema.string("disabled, agent or fast.").oneOf(InspectionMode.self)),
            .inert(
                "networkInterfaces",
                .array(
                    "The host's NICs and their switch ports.",
                    of: .object([
                        .optional("name", .string("Interface name; this or macAddress.")),
                        .optional(
                            "macAddress",
                            Schema.string("Interface MAC; this or name.").matching(.macAddress).example(
                                "00:1a:74:74:e5:cc")),
                        .optional("hostNetworkAttachment", .object([.required("name", .string())])),
                        .optional(
                            "switchPort",
                            .object([
                                .optional(
                                    "switchID",
                                    Schema.string("Chassis MAC of the switch.").matching(.macAddress).example(
                                        "00:1a:74:00:00:01")),
                                .optional("portID", .string("The switch port.")),
                            ])),
                    ])),
                notActedOn),
            .inert(
                "taints",
                .array(
                    "Deprecated node taints.",
                    of: .object(
                        [
                            .required("key", .string()),
                            .optional("value", .string()),
                            .required("effect", .string()),
                            .optional("timeAdded", .dateTime()),
                        ]
                    )),
                "deprecated in Metal3 and never implemented; Foundry ignores it"),
        ]
    )

    static let statusSchema = Schema.object(
        "The observed state of the host.",
        [
            .required("operationalStatus", Schema.string("OK, discovered, error, ...").oneOf(OperationalStatus.self)),
            .optional("errorType", Schema.string("Kind of the last error.").oneOf(HostErrorType.self)),
            .required("errorMessage", .string("The last error message.")),
            .required("errorCount", Schema.integer("Errors since the last success.", format: "int32").minimum(0)),
            .optional("lastUpdated", .dateTime("When the status last changed.")),
            .required("poweredOn", .boolean("Observed power state.")),
            .optional("hardware", hardwareSchema),
            .optional("hardwareProfile", .string("Deprecated.")),
            .required(
                "provisioning",
                .object(
                    "Provisioning progress.",
                    [
                        .required("state", Schema.string("Provisioning state.").oneOf(ProvisioningState.self)),
                        .required("ID", .string("Provisioner node id.")),
                        .optional("image", ResourceSchemas.image),
                        .optional("rootDeviceHints", rootDeviceHintsSchema),
                        .optional("bootMode", Schema.string().oneOf(BootMode.self)),
                        .optional("raid", raidSchema),
                        .optional("firmware", firmwareSchema),
                        .optional("customDeploy", customDeploySchema),
                        .optional(
                            "step",
                            .object(
                                "Foundry: the step of the current state the operator has started.",
                                [
                                    .required("name", .string("boot-agent, boot-instance, power-off, ...")),
                                    .required("started", .dateTime("When it was last started.")),
                                    .optional("failed", .dateTime("When its last attempt failed.")),
                                ]
                            )),
                    ]
                )),
            .optional("goodCredentials", credentialsStatusSchema),
            .optional("triedCredentials", credentialsStatusSchema),
            .optional(
                "operationHistory",
                .object(
                    "When each operation started and ended.",
                    ["register", "inspect", "provision", "deprovision"].map {
                        .optional($0, .object([.optional("start", .dateTime()), .optional("end", .dateTime())]))
                    }
                )),
            .optional("conditions", ResourceSchemas.conditions.items(max: 32)),
            .optional("provisioningFailCount", Schema.integer("Consecutive provisioning failures.").minimum(0)),
            .optional("lastAttemptedImage", ResourceSchemas.image),
        ]
    )

    static let credentialsStatusSchema = Schema.object(
        "A Secret and its version.",
        [
            .optional("credentials", ResourceSchemas.secretReference("The Secret.")),
            .optional("credentialsVersion", .string("Its resourceVersion.")),
        ]
    )

    static let hardwareSchema = Schema.object(
        "What inspection found.",
        [
            .optional(
                "systemVendor",
                .object([
                    .optional("manufacturer", .string()), .optional("productName", .string()),
                    .optional("serialNumber", .string()),
                ])),
            .optional(
                "firmware",
                .object([
                    .optional(
                        "bios",
                        .object([
                            .optional("date", .string()), .optional("vendor", .string()),
                            .optional("version", .string()),
                        ]))
                ])),
            .optional("ramMebibytes", .integer()),
            .optional(
                "nics",
                .array(
                    of: .object([
                        .optional("name", .string()), .optional("model", .string()), .optional("mac", .string()),
                        .optional("ip", .string()), .optional("speedGbps", .integer()),
                        .optional(
                            "vlans", .array(of: .object([.required("id", .integer()), .optional("name", .string())]))),
                        .optional("vlanId", .integer()), .optional("pxe", .boolean()),
                        .optional(
                            "lldp",
                            .object([
                                .optional("switchID", .string()), .optional("portID", .string()),
                                .optional("switchSystemName", .string()),
                            ])),
                        .optional("pciAddress", .string()),
                    ]))),
            .optional(
                "storage",
                .array(
                    of: .object([
                        .optional("name", .string()), .optional("alternateNames", .array(of: .string())),
                        .optional("rotational", .boolean()),
                        .optional("type", Schema.string().oneOf(HardwareDetails.DiskType.self)),
                        .optional("sizeBytes", .integer()), .optional("vendor", .string()),
                        .optional("model", .string()),
                        .optional("serialNumber", .string()), .optional("wwn", .string()),
                        .optional("wwnVendorExtension", .string()), .optional("wwnWithExtension", .string()),
                        .optional("hctl", .string()),
                    ]))),
            .optional(
                "cpu",
                .object([
                    .optional("arch", .string()), .optional("model", .string()), .optional("clockMegahertz", .number()),
                    .optional("flags", .array(of: .string())), .optional("count", .integer()),
                ])),
            .optional("hostname", .string()),
        ]
    )
}
