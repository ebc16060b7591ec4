// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses for the readers of untrusted bytes, built only by scripts/fuzz.sh with
// `-sanitize=fuzzer` (the main package's build never sees them). Each harness is one file whose
// `main` hands its test function to libFuzzer (FuzzDriver); its seed corpus is in
// <name>/corpus and the inputs that once failed are in <name>/regressions.
let package = Package(
    name: "ScenewrightFuzz",
    dependencies: [.package(name: "Scenewright", path: "../..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "fuzz-plan",
            dependencies: ["FuzzDriver", .product(name: "ScenewrightReaders", package: "Scenewright")],
            path: "Sources/fuzz-plan"),
        .executableTarget(
            name: "fuzz-lexicon",
            dependencies: ["FuzzDriver", .product(name: "ScenewrightReaders", package: "Scenewright")],
            path: "Sources/fuzz-lexicon"),
        .executableTarget(
            name: "fuzz-record",
            dependencies: ["FuzzDriver", .product(name: "ScenewrightReaders", package: "Scenewright")],
            path: "Sources/fuzz-record"),
        .executableTarget(
            name: "fuzz-tar",
            dependencies: ["FuzzDriver", .product(name: "ScenewrightReaders", package: "Scenewright")],
            path: "Sources/fuzz-tar"),
        .executableTarget(
            name: "fuzz-png",
            dependencies: ["FuzzDriver", .product(name: "ScenewrightReaders", package: "Scenewright")],
            path: "Sources/fuzz-png"),
    ]
)
