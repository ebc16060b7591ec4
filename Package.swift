// swift-tools-version:6.0
import PackageDescription

// Targets are listed in dependency order: each imports only targets above it.
// Only CPNGShim and PNGCodec touch C; only DatasetWriters writes files.
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
        .target(name: "SceneSampler", dependencies: ["SceneModel", "Rasterizer", "Yams"]),
        .target(name: "PNGCodec", dependencies: ["CPNGShim"]),
        .target(name: "Describer", dependencies: ["SceneModel", "SceneSampler"]),
        .target(name: "ParallelWork"),
        // The sample record: the one contract between describing and writing.
        .target(name: "SampleRecords", dependencies: ["SceneModel", "Describer"]),
        .target(name: "DatasetWriters", dependencies: ["SceneModel", "Describer", "SampleRecords"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "SceneModel", "Rasterizer", "SceneSampler", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters",
                "ParallelWork",
            ]
        ),
        // Quality control: each reads a written dataset back and trusts nothing else.
        .target(
            name: "Verifier",
            dependencies: [
                "SceneModel", "Rasterizer", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "ParallelWork",
            ]
        ),
        .target(
            name: "Statistics",
            dependencies: [
                "SceneModel", "Rasterizer", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "ParallelWork",
            ]
        ),
        .target(
            name: "Viewer",
            dependencies: ["SceneModel", "Describer", "SampleRecords", "DatasetWriters", "PNGCodec", "ParallelWork"]),
        .executableTarget(
            name: "scenewright",
            dependencies: [
                "Pipeline", "SceneModel", "Rasterizer", "SceneSampler", "PNGCodec", "Describer", "SampleRecords",
                "DatasetWriters",
                "Verifier", "Statistics", "Viewer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "ScenewrightTestSupport", dependencies: ["Pipeline", "PNGCodec"]),
        .testTarget(name: "VerifierTests", dependencies: ["Verifier", "ScenewrightTestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "ScenewrightTestSupport"]),
        .testTarget(name: "ViewerTests", dependencies: ["Viewer", "ScenewrightTestSupport"]),
        .testTarget(name: "SceneModelTests", dependencies: ["SceneModel"]),
        .testTarget(name: "RasterizerTests", dependencies: ["Rasterizer"]),
        .testTarget(name: "SceneSamplerTests", dependencies: ["SceneSampler", "ScenewrightTestSupport"]),
        .testTarget(name: "PNGCodecTests", dependencies: ["PNGCodec"]),
        .testTarget(
            name: "DescriberTests",
            dependencies: [
                "Describer", "SceneSampler", "Rasterizer", "SampleRecords", "DatasetWriters", "ScenewrightTestSupport",
            ],
            exclude: ["Goldens"]),
        .testTarget(name: "SampleRecordsTests", dependencies: ["SampleRecords", "SceneModel", "Describer"]),
        .testTarget(name: "ParallelWorkTests", dependencies: ["ParallelWork"]),
        .testTarget(
            name: "DatasetWritersTests", dependencies: ["DatasetWriters", "SampleRecords", "ScenewrightTestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "ScenewrightTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["ScenewrightTestSupport"]),
    ]
)
