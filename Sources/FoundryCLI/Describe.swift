import ArgumentParser
import FoundryModel
import FoundryStore

extension FoundryCommand {
    struct Describe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "describe",
            abstract: "Show a resource in detail: spec, status, conditions and recent events."
        )

        @Argument(help: "The kind: bmh, secret, machine, md, cluster, event.")
        var kind: String

        @Argument(help: "The object's name.")
        var name: String

        @Option(name: .shortAndLong, help: "The namespace (default: default).")
        var namespace: String?

        @OptionGroup var storeOptions: StoreCommandOptions

        func run() async throws {
            let kind = try KindResolver.resolve(self.kind)
            let key = ObjectKey(
                kind: GroupKind(kind), namespace: self.namespace ?? ObjectMeta.defaultNamespace, name: self.name)
            let text = try await self.storeOptions.withStore { store in
                let object: StoredObject
                do {
                    object = try await store.get(key)
                } catch let error as StoreError {
                    throw CommandFailure(error.message)
                }
                let events = try await store.list(Event.self, options: ListOptions(namespace: key.namespace)).items
                return ObjectDescriber().describe(object, events: ObjectDescriber.events(events, about: object))
            }
            Output.raw(text)
        }
    }
}
