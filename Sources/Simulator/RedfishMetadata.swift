import RedfishModel

/// `/redfish/v1/$metadata` (the CSDL document naming every schema the service uses) and
/// `/redfish/v1/odata` (the OData service document).
public enum RedfishMetadata {
    /// Schema files and the namespaces the service uses from each, by the `@odata.type`s it sends.
    static let references: [(file: String, namespaces: [String])] = {
        let versioned = [
            ServiceRoot.odataType, ComputerSystem.odataType, Manager.odataType, VirtualMedia.odataType,
            EthernetInterface.odataType, Processor.odataType, Memory.odataType, SimpleStorage.odataType,
            Storage.odataType, Drive.odataType, Bios.odataType, Chassis.odataType, SessionService.odataType,
            Session.odataType, TaskService.odataType, RedfishTask.odataType, UpdateService.odataType,
            RedfishMessage.odataType, Bios.Settings.odataType, AccountService.odataType, ManagerAccount.odataType,
            Role.odataType,
        ]
        var result: [(String, [String])] = versioned.map { type in
            // "#ComputerSystem.v1_20_0.ComputerSystem" -> file ComputerSystem_v1.xml, namespaces ComputerSystem and ComputerSystem.v1_20_0
            let parts = type.dropFirst().split(separator: ".")
            let base = String(parts[0])
            return ("\(base)_v1.xml", [base, "\(base).\(parts[1])"])
        }
        for collection in [
            "ComputerSystemCollection", "ManagerCollection", "ChassisCollection", "ProcessorCollection",
            "MemoryCollection", "EthernetInterfaceCollection", "SimpleStorageCollection", "StorageCollection",
            "VirtualMediaCollection", "SessionCollection", "TaskCollection", "ManagerAccountCollection",
            "RoleCollection",
        ] {
            result.append(("\(collection)_v1.xml", [collection]))
        }
        result.append(("RedfishExtensions_v1.xml", ["RedfishExtensions.v1_0_0"]))
        result.append(("Resource_v1.xml", ["Resource", "Resource.v1_0_0"]))
        return result
    }()

    public static func document() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">

            """
        for reference in self.references {
            xml += "  <edmx:Reference Uri=\"http://redfish.dmtf.org/schemas/v1/\(reference.file)\">\n"
            for namespace in reference.namespaces {
                xml += "    <edmx:Include Namespace=\"\(namespace)\"/>\n"
            }
            xml += "  </edmx:Reference>\n"
        }
        let rootNamespace = ServiceRoot.odataType.dropFirst().split(separator: ".").prefix(2).joined(separator: ".")
        xml += """
              <edmx:DataServices>
                <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Service">
                  <EntityContainer Name="Service" Extends="\(rootNamespace).ServiceContainer"/>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>

            """
        return xml
    }

    public struct ServiceDocument: Codable, Sendable, Hashable {
        public struct Entry: Codable, Sendable, Hashable {
            public var name: String
            public var kind: String
            public var url: String
        }

        public var context: String
        public var value: [Entry]

        enum CodingKeys: String, CodingKey {
            case context = "@odata.context"
            case value
        }
    }

    public static func serviceDocument() -> ServiceDocument {
        let singletons = [
            ("Service", "/redfish/v1/"), ("Systems", "/redfish/v1/Systems"), ("Managers", "/redfish/v1/Managers"),
            ("Chassis", "/redfish/v1/Chassis"), ("SessionService", "/redfish/v1/SessionService"),
            ("Sessions", "/redfish/v1/SessionService/Sessions"), ("Tasks", "/redfish/v1/TaskService"),
            ("UpdateService", "/redfish/v1/UpdateService"), ("AccountService", "/redfish/v1/AccountService"),
        ]
        return ServiceDocument(
            context: "/redfish/v1/$metadata",
            value: singletons.map { ServiceDocument.Entry(name: $0.0, kind: "Singleton", url: $0.1) })
    }
}
