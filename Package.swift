// swift-tools-version:6.0
import PackageDescription

// The rule: dependencies run down the data flow (plan files -> scenes -> pixels and words ->
// records -> files). Targets are listed in dependency order; each depends on exactly the
// targets it imports, all listed above it. Only CPNGShim, PNGCodec, CTextShim, Typesetting, CFileShim and
// DatasetWriters (through CFileShim) touch C; only DatasetWriters writes files; commands (scenewright) only parse
// options and call modules.
let package = Package(
    name: "Scenewright",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scenewright", targets: ["scenewright"]),
        // The readers of untrusted bytes, for the fuzz harnesses in Tests/Fuzz (a separate package).
        .library(
            name: "ScenewrightReaders",
            targets: ["PlanFiles", "SceneSampler", "SampleRecords", "DatasetWriters", "PNGCodec", "Pipeline"]),
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
        .systemLibrary(
            name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev", "pkg-config"])]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz", providers: [.apt(["libharfbuzz-dev", "pkg-config"])]),
        .target(name: "CTextShim", dependencies: ["CFreeType", "CHarfBuzz"]),
        .target(name: "CFileShim"),
        .target(name: "ParallelWork"),
        .target(name: "SceneModel"),
        .target(name: "Rasterizer", dependencies: ["SceneModel"]),
        // Text: fonts, shaping and glyph outlines; the only Swift module touching FreeType and HarfBuzz.
        .target(name: "Typesetting", dependencies: ["CTextShim", "SceneModel"]),
        // Charts as exact marks and placed text, from a chart's data alone.
        .target(name: "Charts", dependencies: ["SceneModel", "Typesetting"]),
        // Reading YAML data files (plans, palettes, levels, lexicons) with errors that say where.
        .target(name: "PlanFiles", dependencies: ["Yams"]),
        // Sampling draws each candidate scene to check what stays visible.
        .target(
            name: "SceneSampler", dependencies: ["SceneModel", "Rasterizer", "PlanFiles", "Typesetting", "Charts"]),
        .target(name: "PNGCodec", dependencies: ["CPNGShim"]),
        .target(name: "Describer", dependencies: ["SceneModel"]),
        // The sample record: the one contract between describing and writing.
        .target(name: "SampleRecords", dependencies: ["SceneModel", "Describer"]),
        .target(
            name: "DatasetWriters", dependencies: ["CFileShim", "SceneModel", "PNGCodec", "Describer", "SampleRecords"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "SceneModel", "Rasterizer", "PlanFiles", "SceneSampler", "PNGCodec", "Describer", "SampleRecords",
                "DatasetWriters", "ParallelWork", "Typesetting", "Charts",
            ]
        ),
        .target(
            name: "Benchmarks",
            dependencies: [
                "SceneModel", "SceneSampler", "Rasterizer", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters",
                "Pipeline",
            ]
        ),
        // Quality control: each reads a written dataset back and trusts nothing else.
        .target(
            name: "Verifier",
            dependencies: [
                "SceneModel", "Rasterizer", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "ParallelWork",
                "Typesetting", "Charts",
            ]
        ),
        .target(
            name: "Statistics",
            dependencies: [
                "SceneModel", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "ParallelWork", "Typesetting",
            ]
        ),
        .target(
            name: "Viewer",
            dependencies: ["SceneModel", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "ParallelWork"]
        ),
        // Scoring a model's predictions against a dataset's answers.
        .target(
            name: "Scoring",
            dependencies: [
                "SceneModel", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "Typesetting", "Rasterizer",
            ]),
        .executableTarget(
            name: "scenewright",
            dependencies: [
                "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "Pipeline", "Benchmarks", "Verifier",
                "Statistics", "Viewer", "Scoring",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "ScenewrightTestSupport",
            dependencies: ["PlanFiles", "SceneSampler", "PNGCodec", "Describer", "Pipeline"]
        ),
        .testTarget(name: "ParallelWorkTests", dependencies: ["ParallelWork"]),
        .testTarget(name: "SceneModelTests", dependencies: ["SceneModel"]),
        .testTarget(name: "RasterizerTests", dependencies: ["Rasterizer", "SceneModel"]),
        .testTarget(name: "TypesettingTests", dependencies: ["Typesetting", "Rasterizer", "SceneModel"]),
        .testTarget(
            name: "ChartsTests",
            dependencies: [
                "Charts", "Typesetting", "Rasterizer", "SceneModel", "SceneSampler", "Describer", "SampleRecords",
                "DatasetWriters", "PNGCodec", "Pipeline", "Verifier", "ScenewrightTestSupport",
            ]),
        .testTarget(
            name: "SceneSamplerTests",
            dependencies: ["SceneModel", "Rasterizer", "PlanFiles", "SceneSampler", "ScenewrightTestSupport"]),
        .testTarget(name: "PNGCodecTests", dependencies: ["PNGCodec"]),
        .testTarget(
            name: "DescriberTests",
            dependencies: [
                "SceneModel", "Rasterizer", "PlanFiles", "SceneSampler", "Describer", "SampleRecords", "DatasetWriters",
                "Pipeline", "ScenewrightTestSupport",
            ],
            exclude: ["Goldens"]),
        .testTarget(name: "SampleRecordsTests", dependencies: ["SceneModel", "Describer", "SampleRecords"]),
        .testTarget(
            name: "DatasetWritersTests",
            dependencies: [
                "SceneModel", "Describer", "SampleRecords", "DatasetWriters", "Pipeline", "ScenewrightTestSupport",
            ]
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "SceneSampler", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "Pipeline",
                "ScenewrightTestSupport",
            ],
            exclude: ["Goldens"]),
        .testTarget(
            name: "VerifierTests",
            dependencies: [
                "SceneModel", "PNGCodec", "Describer", "SampleRecords", "DatasetWriters", "Verifier",
                "ScenewrightTestSupport",
            ]),
        .testTarget(
            name: "StatisticsTests",
            dependencies: [
                "SceneModel", "SampleRecords", "DatasetWriters", "Pipeline", "Statistics", "ScenewrightTestSupport",
                "Typesetting", "Rasterizer",
            ]
        ),
        .testTarget(
            name: "ViewerTests",
            dependencies: ["PNGCodec", "SampleRecords", "DatasetWriters", "Viewer", "ScenewrightTestSupport"]),
        .testTarget(
            name: "ScoringTests",
            dependencies: [
                "SceneModel", "Describer", "SampleRecords", "DatasetWriters", "Pipeline", "Statistics", "Scoring",
                "ScenewrightTestSupport", "Typesetting", "Rasterizer",
            ]),
        .testTarget(
            name: "CLITests", dependencies: ["PNGCodec", "SceneSampler", "DatasetWriters", "ScenewrightTestSupport"]),
    ]
)
