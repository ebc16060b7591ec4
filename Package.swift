// swift-tools-version:6.0
import PackageDescription

// The rule: dependencies run down the data flow (plan files -> scenes -> pixels and words ->
// records -> files). Targets are listed in dependency order; each depends on exactly the
// targets it imports, all listed above it. Only CPNGShim and PNGCodec touch C; only
// DatasetWriters writes files; commands (scenewright) only parse options and call modules.
let package = Package(
    name: "Scenewright",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scenewright", targets: ["scenewright"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev", "pkg-config"])]
        ),
        .target(
            name: "CPNGShim", dependencies: ["CLibPNG"], linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]),
        .target(name: "SceneModel"),
        .target(name: "Rasterizer", dependencies: ["SceneModel"]),
        // Reading YAML data files (plans, palettes, levels, lexicons) with errors that say where.
        .target(name: "PlanFiles", dependencies: ["Yams"]),
        // Sampling draws each candidate scene to check what stays visible.
        .target(name: "SceneSampler", dependencies: ["SceneModel", "Rasterizer", "PlanFiles"]),
        .target(name: "PNGCodec", dependencies: ["CPNGShim"]),
        .target(name: "Describer", dependencies: ["SceneModel"]),
        .target(name: "DatasetWriters", dependencies: ["SceneModel", "PNGCodec", "Describer"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "SceneModel", "Rasterizer", "PlanFiles", "SceneSampler", "PNGCodec", "Describer", "DatasetWriters",
            ]
        ),
        .target(
            name: "Benchmarks",
            dependencies: ["SceneModel", "SceneSampler", "PNGCodec", "Describer", "DatasetWriters", "Pipeline"]
        ),
        // Quality control: each reads a written dataset back and trusts nothing else.
        .target(
            name: "Verifier",
            dependencies: ["SceneModel", "Rasterizer", "PNGCodec", "Describer", "DatasetWriters"]
        ),
        .target(
            name: "Statistics",
            dependencies: ["SceneModel", "Describer", "DatasetWriters"]
        ),
        .target(name: "Viewer", dependencies: ["SceneModel", "Describer", "DatasetWriters", "PNGCodec"]),
        .executableTarget(
            name: "scenewright",
            dependencies: [
                "PNGCodec", "Describer", "DatasetWriters", "Pipeline", "Benchmarks", "Verifier", "Statistics", "Viewer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "ScenewrightTestSupport",
            dependencies: ["PlanFiles", "SceneSampler", "PNGCodec", "Describer", "Pipeline"]),
        .testTarget(name: "VerifierTests", dependencies: ["Verifier", "ScenewrightTestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "ScenewrightTestSupport"]),
        .testTarget(name: "ViewerTests", dependencies: ["Viewer", "ScenewrightTestSupport"]),
        .testTarget(name: "SceneModelTests", dependencies: ["SceneModel"]),
        .testTarget(name: "RasterizerTests", dependencies: ["Rasterizer"]),
        .testTarget(name: "SceneSamplerTests", dependencies: ["SceneSampler", "PlanFiles", "ScenewrightTestSupport"]),
        .testTarget(name: "PNGCodecTests", dependencies: ["PNGCodec"]),
        .testTarget(
            name: "DescriberTests",
            dependencies: [
                "Describer", "SceneSampler", "Rasterizer", "DatasetWriters", "PlanFiles", "Pipeline",
                "ScenewrightTestSupport",
            ],
            exclude: ["Goldens"]),
        .testTarget(name: "DatasetWritersTests", dependencies: ["DatasetWriters", "ScenewrightTestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "ScenewrightTestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "CLITests", dependencies: ["ScenewrightTestSupport"]),
    ]
)
