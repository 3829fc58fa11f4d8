import ArgumentParser
import Foundation
import FoundryModel
import FoundryStore

extension FoundryCommand {
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "List resources, or show some by name.",
            discussion: "Kinds: bmh (baremetalhosts), secret, machine, md (machinedeployments), cluster, event."
        )

        @Argument(help: "The kind: bmh, secret, machine, md, cluster, event (or their full names).")
        var kind: String

        @Argument(help: "Names to show (default: all).")
        var names: [String] = []

        @Option(name: .shortAndLong, help: "The namespace (default: default).")
        var namespace: String?

        @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Every namespace.")
        var allNamespaces = false

        @Option(
            name: [.customShort("l"), .customLong("selector")], help: "A label selector, e.g. rack=r1,role!=spare.")
        var selector: String?

        @Option(name: .shortAndLong, help: "table (default), wide, yaml, json or name.")
        var output: OutputFormat = .table

        @Flag(name: .shortAndLong, help: "After listing, print changes as they happen.")
        var watch = false

        @OptionGroup var storeOptions: StoreCommandOptions

        func validate() throws {
            if self.allNamespaces && self.namespace != nil {
                throw ValidationError("-n and -A exclude each other")
            }
        }

        func run() async throws {
            let kind = try KindResolver.resolve(self.kind)
            let options = try self.listOptions()
            let printer = ResourcePrinter(kind: kind, format: self.output, showNamespace: self.allNamespaces)
            try await self.storeOptions.withStore { store in
                let (objects, version) = try await self.read(kind, options: options, from: store)
                if objects.isEmpty && self.names.isEmpty && [.table, .wide].contains(self.output) {
                    let place = self.allNamespaces ? "" : " in \(self.effectiveNamespace) namespace"
                    Output.error("No resources found\(place).")
                } else {
                    Output.raw(printer.render(objects, resourceVersion: version, single: self.names.count == 1))
                }
                if self.watch {
                    try await self.follow(
                        kind, options: options, from: version, objects: objects, printer: printer, store: store)
                }
            }
        }

        private var effectiveNamespace: String {
            self.namespace ?? ObjectMeta.defaultNamespace
        }

        private func listOptions() throws -> ListOptions {
            var filter: (@Sendable ([String: String]) -> Bool)?
            if let text = self.selector {
                do {
                    let selector = try LabelSelector.parse(text)
                    filter = { selector.matches($0) }
                } catch {
                    throw ValidationError("-l \(text): \(error)")
                }
            }
            return ListOptions(namespace: self.allNamespaces ? nil : self.effectiveNamespace, labelFilter: filter)
        }

        private func read(
            _ kind: ResourceKind,
            options: ListOptions,
            from store: any ResourceStore
        ) async throws -> ([StoredObject], Int64) {
            let list = try await store.list(GroupKind(kind), options: options)
            guard !self.names.isEmpty else {
                return (list.items, list.resourceVersion)
            }
            var found: [StoredObject] = []
            var missing: [String] = []
            for name in self.names {
                if let object = list.items.first(where: { $0.metadata.name == name }) {
                    found.append(object)
                } else {
                    missing.append(
                        "\(kind.qualifiedSingular) \"\(name)\" not found in namespace \(self.effectiveNamespace)")
                }
            }
            if !missing.isEmpty {
                if !found.isEmpty {
                    Output.raw(
                        ResourcePrinter(kind: kind, format: self.output, showNamespace: self.allNamespaces)
                            .render(found, resourceVersion: list.resourceVersion))
                }
                throw CommandFailure(missing)
            }
            return (found, list.resourceVersion)
        }

        /// Prints every later change until interrupted (list, then watch from the list's version).
        private func follow(
            _ kind: ResourceKind,
            options: ListOptions,
            from version: Int64,
            objects: [StoredObject],
            printer: ResourcePrinter,
            store: any ResourceStore
        ) async throws {
            let widths = printer.widths(objects)
            let stream = try await store.watch(
                GroupKind(kind), options: WatchOptions(resourceVersion: version, filter: options))
            for try await event in stream {
                if !self.names.isEmpty && !self.names.contains(event.object.metadata.name) {
                    continue
                }
                var current = printer
                current.now = Date()
                Output.raw(current.render(event: event, widths: widths))
            }
        }
    }
}
