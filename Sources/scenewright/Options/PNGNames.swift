import ArgumentParser
import PNGCodec
import Pipeline

enum PNGFilterName: String, ExpressibleByArgument, CaseIterable {
    case none, sub, up, average, paeth, adaptive
    var filter: PNGOptions.RowFilter { PNGOptions.RowFilter(rawValue: rawValue) ?? .none }
}

enum PNGColorName: String, ExpressibleByArgument, CaseIterable {
    case indexed, rgb, grayscale, palette, auto
    var colorType: PNGOptions.ColorType { PNGOptions.ColorType(rawValue: rawValue) ?? .rgb }
}

extension PNGOptionGroup {
    /// The PNG settings, with the plan drawn as `--png-color` and `--coverage-levels` say
    /// (``PlanSetup/draw(color:coverageLevels:level:filter:)``).
    func options(drawing setup: inout PlanSetup) -> PNGOptions {
        setup.draw(color: colorType?.colorType, coverageLevels: coverageLevels, level: level, filter: filter.filter)
    }

    /// The PNG settings for images drawn elsewhere (a record's own rendering).
    var options: PNGOptions {
        PNGOptions(level: level, filter: filter.filter, colorType: colorType?.colorType ?? .rgb)
    }
}
