import Controllers
import FoundryModel
import Prometheus

/// The operator's Prometheus metrics, served at `/metrics`. Its own registry (no global
/// bootstrap), so that several operators in one test process keep theirs apart.
public final class OperatorMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let reconcileDuration: DurationHistogram
    private let imageBytes: Counter
    private let reconcileErrors: Counter

    static let durationBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10),
    ]

    public init() {
        self.reconcileDuration = self.registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "foundry", metricName: "reconcile_duration", unitName: "seconds",
                helpText: "Time to observe, decide and apply one BareMetalHost reconcile."),
            buckets: Self.durationBuckets)
        self.imageBytes = self.registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "foundry", metricName: "image_bytes_written", unitName: "total",
                helpText: "Image bytes agents reported written to disk."))
        self.reconcileErrors = self.registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "foundry", metricName: "reconcile_errors", unitName: "total",
                helpText: "Reconciles that failed in the runtime (store conflicts, store errors) and were requeued."))
        for state in ProvisioningState.reported {
            self.hostsGauge(state).set(0.0)
        }
    }

    func recordReconcile(_ duration: Duration) {
        self.reconcileDuration.record(duration)
    }

    func recordReconcileError() {
        self.reconcileErrors.increment()
    }

    func recordImageBytes(_ bytes: Int64) {
        guard bytes > 0 else {
            return
        }
        self.imageBytes.increment(by: bytes)
    }

    /// One BMC call: its latency, and its error code when it failed.
    func recordBMCCall(driver: String, call: String, duration: Duration, error: String?) {
        self.registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "foundry", metricName: "bmc_call_duration", unitName: "seconds",
                helpText: "Latency of calls to BMCs, by driver and call."),
            labels: [("driver", driver), ("call", call)],
            buckets: Self.durationBuckets
        ).record(duration)
        if let error {
            self.registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "foundry", metricName: "bmc_call_errors", unitName: "total",
                    helpText: "Failed calls to BMCs, by driver and error."),
                labels: [("driver", driver), ("error", error)]
            ).increment()
        }
    }

    /// Sets the hosts-by-state gauge from a count per state.
    func setHostsByState(_ counts: [ProvisioningState: Int]) {
        for state in ProvisioningState.reported {
            self.hostsGauge(state).set(Double(counts[state] ?? 0))
        }
    }

    private func hostsGauge(_ state: ProvisioningState) -> Gauge {
        self.registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "foundry", metricName: "hosts", unitName: "",
                helpText: "BareMetalHosts by provisioning state."),
            labels: [("state", state.rawValue.isEmpty ? "none" : state.rawValue)])
    }

    /// The text exposition format.
    public func exposition() -> String {
        self.registry.emitToString()
    }
}

extension ProvisioningState {
    /// The states the hosts gauge always reports (zero included), so that dashboards see them all.
    static let reported: [ProvisioningState] = ProvisioningState.allCases
}
