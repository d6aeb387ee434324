// swift-tools-version:6.0
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
            dependencies: ["DondocCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The state store: completions, extensions, the send log, the audit trail.
        .target(
            name: "DondocStore",
            dependencies: ["DondocCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The daemon: scheduler, delivery, reload, watchdog, composed in one place.
        .target(
            name: "DondocDaemon",
            dependencies: [
                "DondocCore", "DondocLoader", "DondocStore", "DondocMail", "DondocSystemd", "CLinux",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The subcommands and their renderers.
        .target(
            name: "DondocCLI",
            dependencies: [
                "DondocCore", "DondocLoader", "DondocStore", "DondocDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "dondoc", dependencies: ["DondocCLI"]),
        // What the tests with real parts share: the dondoc process, an SMTP server on loopback,
        // a NOTIFY_SOCKET.
        .target(
            name: "DondocTestSupport",
            path: "Tests/DondocTestSupport",
            exclude: ["smtp_server.py", "mail_inspect.py"]
        ),
        .testTarget(name: "DondocCoreTests", dependencies: ["DondocCore", "DondocTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DondocLoaderTests", dependencies: ["DondocLoader"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DondocSystemdTests", dependencies: ["DondocSystemd", "DondocTestSupport"]),
        .testTarget(name: "DondocMailTests", dependencies: ["DondocMail", "DondocTestSupport"]),
        .testTarget(name: "DondocStoreTests", dependencies: ["DondocStore", "DondocTestSupport"]),
        .testTarget(name: "DondocDaemonTests", dependencies: ["DondocDaemon", "DondocTestSupport", "dondoc"]),
        .testTarget(name: "DondocCLITests", dependencies: ["DondocCLI", "DondocTestSupport", "dondoc"],
                    exclude: ["Golden"]),  // read from the source tree, so UPDATE_GOLDEN=1 can rewrite them
    ]
)
