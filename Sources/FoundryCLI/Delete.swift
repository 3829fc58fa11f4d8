import ArgumentParser
import FoundryModel
import FoundryStore

extension FoundryCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete resources by kind and name, or those a manifest names.",
            discussion: """
                An object with finalizers is marked for deletion and goes once its finalizers are \
                removed (a host is powered off and cleaned first). Objects it owns go with it.
                """
        )

        @Argument(help: "The kind and names (foundry delete bmh node-1 node-2).")
        var arguments: [String] = []

        @Option(name: .shortAndLong, help: ArgumentHelp("Delete what these manifests name.", valueName: "file"))
        var filename: [String] = []

        @Option(name: .shortAndLong, help: "The namespace (default: default).")
        var namespace: String?

        @Flag(help: "Treat a missing object as deleted.")
        var ignoreNotFound = false

        @OptionGroup var storeOptions: StoreCommandOptions

        func validate() throws {
            if self.filename.isEmpty && self.arguments.count < 2 {
                throw ValidationError("give KIND NAME... or -f FILE")
            }
            if !self.filename.isEmpty && !self.arguments.isEmpty {
                throw ValidationError("give either KIND NAME... or -f FILE, not both")
            }
        }

        func run() async throws {
            let targets = try self.targets()
            var failures: [String] = []
            try await self.storeOptions.withStore { store in
                for (kind, key) in targets {
                    let subject = "\(kind.qualifiedSingular) \"\(key.name)\""
                    do {
                        switch try await store.delete(key) {
                        case .deleted:
                            Output.print("\(subject) deleted")
                        case .pending(let object):
                            let finalizers = (object.metadata.finalizers ?? []).joined(separator: ", ")
                            Output.print("\(subject) marked for deletion (waiting for finalizers: \(finalizers))")
                        }
                    } catch let error as StoreError {
                        if error.code == .notFound && self.ignoreNotFound {
                            continue
                        }
                        failures.append(
                            error.code == .notFound
                                ? "\(subject) not found in namespace \(key.namespace)" : error.message)
                    }
                }
            }
            if !failures.isEmpty {
                throw CommandFailure(failures)
            }
        }

        private func targets() throws -> [(ResourceKind, ObjectKey)] {
            let namespace = self.namespace ?? ObjectMeta.defaultNamespace
            if self.filename.isEmpty {
                let kind = try KindResolver.resolve(self.arguments[0])
                return self.arguments.dropFirst().map { name in
                    (kind, ObjectKey(kind: GroupKind(kind), namespace: namespace, name: name))
                }
            }
            let result = ManifestDecoder(namespace: self.namespace, validates: false).decode(
                try ManifestInput.read(self.filename))
            guard result.isValid else {
                throw CommandFailure(result.problems.map(\.description) + ["nothing was deleted"])
            }
            return result.resources.map { resource in
                (
                    resource.kind,
                    ObjectKey(kind: GroupKind(resource.kind), namespace: resource.namespace, name: resource.name)
                )
            }
        }
    }
}
