import DatasetWriters
import PNGCodec

/// The run's description, written as the completion marker (`run.json`). It holds no clock
/// time, so two runs of the same command write identical bytes.
public enum RunMetadata {
    public static func json(
        version: String, factory: SampleFactory, planFile: String, languages: [String], indices: Range<UInt64>,
        format: String
    ) -> JSONValue {
        let png = factory.png
        return .object([
            "scenewright_version": .string(version),
            "plan": .string(factory.plan.name),
            "plan_file": .string(planFile),
            "seed": .int(Int(truncatingIfNeeded: factory.seed)),
            "start_index": .int(Int(truncatingIfNeeded: indices.lowerBound)),
            "count": .int(indices.count),
            "languages": .array(languages.map { .string($0) }),
            "format": .string(format),
            "png": .object([
                "level": .int(png.level), "filter": .string(png.filter.rawValue),
                "color_type": .string(png.colorType.rawValue), "strategy": .string(png.strategy.rawValue),
                "libpng": .string(PNGLibrary.libpngVersion), "zlib": .string(PNGLibrary.zlibVersion),
            ]),
            "complete": .bool(true),
        ])
    }
}
