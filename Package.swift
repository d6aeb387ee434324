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
    ],
    targets: [
        // Pure: model, calendars, the due: language, the planner. No I/O, no clock.
        .target(name: "DondocCore"),
        // YAML files -> model, with diagnostics that point at file:line:col.
        .target(
            name: "DondocLoader",
            dependencies: ["DondocCore", .product(name: "Yams", package: "Yams")]
        ),
        // The subcommands and their renderers.
        .target(
            name: "DondocCLI",
            dependencies: [
                "DondocCore", "DondocLoader",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "dondoc", dependencies: ["DondocCLI"]),
        .testTarget(name: "DondocCoreTests", dependencies: ["DondocCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DondocLoaderTests", dependencies: ["DondocLoader"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DondocCLITests", dependencies: ["DondocCLI", "dondoc"]),
    ]
)
