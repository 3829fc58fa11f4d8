// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6)
]

let package = Package(
    name: "foundry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "foundry", targets: ["foundry"]),
        .executable(name: "foundry-bench", targets: ["foundry-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: pure foundations
        .target(
            name: "FoundryModel",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FoundryStore",
            dependencies: [
                "FoundryModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IPMIWire",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "RedfishModel", swiftSettings: swiftSettings),
        .target(name: "AgentProtocol", dependencies: ["FoundryModel"], swiftSettings: swiftSettings),
        .target(name: "Controllers", dependencies: ["FoundryModel"], swiftSettings: swiftSettings),

        // MARK: I/O at the edges
        .systemLibrary(
            name: "CIPMIConsole",
            pkgConfig: "libipmiconsole",
            providers: [.apt(["libipmiconsole-dev", "libfreeipmi-dev"])]
        ),
        .target(
            name: "IPMIConsole",
            dependencies: ["CIPMIConsole"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BMC",
            dependencies: [
                "FoundryModel", "IPMIWire", "RedfishModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HostAgent",
            dependencies: [
                "AgentProtocol", "FoundryModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Simulator",
            dependencies: [
                "FoundryModel", "IPMIWire", "RedfishModel", "HostAgent", "AgentProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Operator",
            dependencies: [
                "Controllers", "BMC", "FoundryStore", "AgentProtocol", "FoundryModel", "HostAgent",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FoundryCLI",
            dependencies: [
                "FoundryModel", "FoundryStore", "BMC", "Simulator", "HostAgent", "Operator", "IPMIConsole",
                "Controllers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "FoundryModel", "FoundryStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: executables: argument parsing only
        .executableTarget(name: "foundry", dependencies: ["FoundryCLI"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "foundry-bench",
            dependencies: [
                "FoundryModel", "FoundryStore", "BMC", "Simulator", "HostAgent", "Operator", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: tests: one target per module, plus end-to-end and interop with real peers
        .testTarget(
            name: "FoundryModelTests", dependencies: ["FoundryModel", "TestSupport"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "FoundryStoreTests", dependencies: ["FoundryStore", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "IPMIWireTests", dependencies: ["IPMIWire", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RedfishModelTests", dependencies: ["RedfishModel", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AgentProtocolTests", dependencies: ["AgentProtocol", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ControllersTests", dependencies: ["Controllers", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BMCTests", dependencies: ["BMC", "Simulator", "TestSupport", "RedfishModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostAgentTests", dependencies: ["HostAgent", "Simulator", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SimulatorTests", dependencies: ["Simulator", "TestSupport", "RedfishModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OperatorTests",
            dependencies: [
                "Operator", "TestSupport", "Controllers", "BMC", "AgentProtocol", "FoundryStore", "HostAgent",
                "Simulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "FoundryCLITests",
            dependencies: ["FoundryCLI", "HostAgent", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InteropTests",
            dependencies: ["BMC", "Simulator", "HostAgent", "TestSupport"],
            exclude: ["Scripts"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Operator", "Simulator", "FoundryCLI", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)

// libFuzzer over IPMIWire's decoders: only `scripts/fuzz-ipmi` (which sets FOUNDRY_LIBFUZZER and builds with
// `--sanitize=fuzzer`) declares this target; libFuzzer's runtime provides its `main`.
if Context.environment["FOUNDRY_LIBFUZZER"] != nil {
    package.products.append(.executable(name: "ipmi-libfuzzer", targets: ["ipmi-libfuzzer"]))
    package.targets.append(
        .executableTarget(
            name: "ipmi-libfuzzer", dependencies: ["IPMIWire"], path: "Fuzz/ipmi-libfuzzer",
            swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]))
}
