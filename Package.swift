// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "dondoc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dondoc", targets: ["dondoc"]),
        .library(name: "DondocCore", targets: ["DondocCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Pure: model, calendars, the due: language, the planner. No I/O, no clock.
        .target(name: "DondocCore"),
        // YAML files -> model, with diagnostics that point at file:line:col.
        .target(
            name: "DondocLoader",
            dependencies: ["DondocCore", .product(name: "Yams", package: "Yams")]
        ),
        // libsystemd, at the C boundary only.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        // Linux headers Glibc's module leaves out (timerfd, inotify).
        .systemLibrary(name: "CLinux"),
        // sd_notify, the watchdog, the journal.
        .target(
            name: "DondocSystemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]
        ),
        // Digests as RFC 5322 messages, templates, the sendmail hand-over.
        .target(
            name: "DondocMail",
            dependencies: [
                "DondocCore", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Signed links in email and signed calendar feeds (HMAC-SHA-256).
        .target(name: "DondocLinks", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The state store: completions, extensions, the send log, the audit trail.
        .target(
            name: "DondocStore",
            dependencies: ["DondocCore", "CLinux", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The state store on PostgreSQL: several nodes, one active scheduler (DESIGN §7).
        .target(
            name: "DondocStorePostgres",
            dependencies: [
                "DondocCore", "DondocStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The application layer the CLI, the daemon and the web share: obligations' states and report
        // categories, keys checked against the workflows, the JSON shape, the use cases that write.
        .target(
            name: "DondocApp",
            dependencies: [
                "DondocCore", "DondocLoader", "DondocStore", "DondocStorePostgres", "DondocLinks",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What every process runs on: the wall clock (simulated in drills), the daemon's two clocks,
        // the one-thread executor that lets an idle process sleep.
        .target(name: "DondocRuntime", dependencies: ["DondocCore", "CLinux"]),
        // The daemon: scheduler, delivery, reload, watchdog, composed in one place.
        .target(
            name: "DondocDaemon",
            dependencies: [
                "DondocCore", "DondocLoader", "DondocStore", "DondocApp", "DondocLinks", "DondocMail", "DondocSystemd",
                "DondocRuntime", "CLinux",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // dondoc web: signed links, the dashboard, the API, calendar feeds, metrics (DESIGN §6).
        .target(
            name: "DondocWeb",
            dependencies: [
                "DondocCore", "DondocLoader", "DondocStore", "DondocApp", "DondocLinks", "DondocRuntime", "DondocSystemd",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.embedInCode("Resources/openapi.json")]
        ),
        // The subcommands and their renderers.
        .target(
            name: "DondocCLI",
            dependencies: [
                "DondocCore", "DondocLoader", "DondocStore", "DondocApp", "DondocRuntime", "DondocDaemon", "DondocWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "dondoc", dependencies: ["DondocCLI"]),
        // What the tests with real parts share: the dondoc process, an SMTP server on loopback,
        // a NOTIFY_SOCKET.
        .target(
            name: "DondocTestSupport",
            path: "Tests/DondocTestSupport",
            exclude: ["smtp_server.py", "mail_inspect.py", "browser_done.py", "browser_dashboard.py", "chromium.py"]
        ),
        .testTarget(name: "DondocCoreTests", dependencies: ["DondocCore", "DondocTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DondocLoaderTests", dependencies: ["DondocLoader"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DondocSystemdTests", dependencies: ["DondocSystemd", "DondocTestSupport"]),
        .testTarget(name: "DondocMailTests", dependencies: ["DondocMail", "DondocTestSupport"]),
        .testTarget(name: "DondocLinksTests", dependencies: ["DondocLinks"]),
        .testTarget(name: "DondocWebTests", dependencies: ["DondocWeb", "DondocTestSupport"]),
        .testTarget(
            name: "DondocStoreTests",
            dependencies: ["DondocStore", "DondocStorePostgres", "DondocTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(name: "DondocAppTests", dependencies: ["DondocApp"]),
        .testTarget(name: "DondocDaemonTests", dependencies: ["DondocDaemon", "DondocRuntime", "DondocStore", "DondocStorePostgres", "DondocTestSupport", "dondoc"]),
        .testTarget(name: "DondocCLITests", dependencies: ["DondocCLI", "DondocStore", "DondocStorePostgres", "DondocApp", "DondocTestSupport", "dondoc"],
                    exclude: ["Golden"]),  // read from the source tree, so UPDATE_GOLDEN=1 can rewrite them
    ]
)
