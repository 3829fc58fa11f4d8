import FoundryModel
import FoundryStore
import Logging
import ServiceLifecycle

/// The reconcile loop as a service: watches hosts and Secrets into the work queue and runs the
/// workers. On graceful shutdown it stops taking keys, lets the reconciles in flight finish and
/// closes the BMC connections.
final class HostController: Service {
    let context: OperatorContext

    init(context: OperatorContext) {
        self.context = context
    }

    func run() async throws {
        let context = self.context
        await withTaskCancellationHandler {
            await self.runLoops()
        } onCancel: {
            Task { await context.queue.shutDown() }
        }
        await context.bmc.closeAll()
    }

    private func runLoops() async {
        let context = self.context
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.watchHosts() }
                group.addTask { await self.watchSecrets() }
                // Agents and BMCs are handed the listener's URL: it must be known before any reconcile.
                while context.listener.url == nil, !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(10))
                }
                group.addTask {
                    await withTaskGroup(of: Void.self) { workers in
                        for _ in 0..<max(1, context.configuration.workers) {
                            workers.addTask { await self.work() }
                        }
                    }
                }
                group.addTask { await Self.gracePeriodAfterShutdown(context.configuration.shutdownGracePeriod) }
                // The workers, done with the queue, or the grace period, over: whichever is first
                // ends the rest (reconciles still in flight are cancelled).
                _ = await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            Task {
                await context.readiness.markStopping()
                await context.queue.shutDown()
            }
        }
    }

    /// Returns `grace` after graceful shutdown begins, or as soon as the task is cancelled.
    private static func gracePeriodAfterShutdown(_ grace: Duration) async {
        do {
            try await gracefulShutdown()
            try await Task.sleep(for: grace)
        } catch {
            return
        }
    }

    private func work() async {
        let runtime = HostRuntime(context: self.context)
        let queue = self.context.queue
        while let key = await queue.next() {
            let disposition = await runtime.reconcile(key)
            await queue.done(key)
            switch disposition {
            case .requeue(let delay?):
                await queue.add(key, after: delay)
            case .requeue(nil):
                break
            case .forget:
                await self.context.forget(key)
            case .retry:
                await queue.addRateLimited(key)
            }
        }
    }

    // MARK: watches

    private func watchHosts() async {
        let context = self.context
        let watch = StoreWatch(store: context.store, kind: GroupKind(BareMetalHost.self), logger: context.logger)
        await watch.run { objects in
            var present = Set<HostKey>()
            for object in objects {
                guard let host = Self.decodeHost(object, logger: context.logger) else {
                    continue
                }
                let key = HostKey(host)
                present.insert(key)
                await context.index.update(host)
                await context.queue.add(key)
            }
            for key in await context.index.removeAll(except: present) {
                await context.forget(key)
            }
            await context.readiness.markHostsListed()
        } onEvent: { event in
            guard let host = Self.decodeHost(event.object, logger: context.logger) else {
                return
            }
            let key = HostKey(host)
            switch event.type {
            case .added, .modified:
                if await context.index.update(host) {
                    await context.queue.add(key)
                }
            case .deleted:
                await context.forget(key)
            }
        }
    }

    /// A changed credentials or data Secret wakes the hosts that name it: fixing a password heals
    /// a registration error with no other step.
    private func watchSecrets() async {
        let context = self.context
        let watch = StoreWatch(store: context.store, kind: .secret, logger: context.logger)
        await watch.run { _ in
            await context.readiness.markSecretsListed()
        } onEvent: { event in
            let metadata = event.object.metadata
            for key in await context.index.hosts(usingSecret: metadata.name, namespace: metadata.effectiveNamespace) {
                context.logger.info(
                    "secret changed; waking host", metadata: ["host.key": "\(key)", "secret.name": "\(metadata.name)"])
                await context.queue.add(key)
            }
        }
    }

    private static func decodeHost(_ object: StoredObject, logger: Logger) -> BareMetalHost? {
        do {
            return try object.decode(as: BareMetalHost.self)
        } catch {
            logger.warning(
                "cannot decode host; skipping it",
                metadata: ["host.key": "\(HostKey(object.metadata))", "error": "\(error)"])
            return nil
        }
    }
}
