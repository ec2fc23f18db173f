// swift-tools-version:6.1
import PackageDescription

// Upcoming features that keep module boundaries honest: every existential is spelled `any`,
// and a module sees only what it imports itself.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Corridor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "corridor", targets: ["corridor"]),
        .executable(name: "corridor-bench", targets: ["corridor-bench"]),
        .library(name: "CorridorCore", targets: ["CorridorCore"]),
        .library(name: "CorridorServer", targets: ["CorridorServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(name: "CorridorCore", swiftSettings: swiftSettings),
        // The languages people read Corridor in: catalogues, reference names, number and date writing.
        .target(
            name: "CorridorLanguages", dependencies: ["CorridorCore"],
            resources: [.copy("Resources/locales"), .copy("Resources/names")], swiftSettings: swiftSettings),
        .target(
            name: "CorridorFormats",
            dependencies: ["CorridorCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        // The stock import engine: byte-level reading and checking of reports, and the pipeline that
        // hands checked rows to a sink the store implements. All unsafe code of the import is here.
        .target(name: "CorridorIngest", dependencies: ["CorridorCore", "CorridorFormats"], swiftSettings: swiftSettings),
        .target(
            name: "CorridorStore",
            dependencies: [
                "CorridorCore", "CorridorFormats", "CorridorIngest",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                // Also brings VaporCSQLite (SQLite's C API, for the import's direct connection), which has no product of its own.
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            resources: [.copy("Resources/refdata")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CorridorServer",
            dependencies: [
                "CorridorCore", "CorridorFormats", "CorridorStore", "CorridorLanguages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "corridor",
            dependencies: [
                "CorridorServer", "CorridorStore", "CorridorCore", "CorridorFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks against named baselines (docs/performance.md); not part of the user's tool.
        .executableTarget(
            name: "corridor-bench",
            dependencies: [
                "CorridorServer", "CorridorStore", "CorridorIngest", "CorridorFormats", "CorridorCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CorridorCoreTests", dependencies: ["CorridorCore"], swiftSettings: swiftSettings),
        .testTarget(name: "CorridorLanguagesTests", dependencies: ["CorridorLanguages", "CorridorCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CorridorFormatsTests",
            dependencies: ["CorridorFormats", "CorridorCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CorridorIngestTests", dependencies: ["CorridorIngest", "CorridorCore", "CorridorFormats"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CorridorStoreTests",
            dependencies: [
                "CorridorStore", "CorridorCore", "CorridorFormats", "CorridorIngest",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CorridorServerTests",
            dependencies: [
                "CorridorServer", "CorridorStore", "CorridorCore", "CorridorFormats", "CorridorLanguages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
