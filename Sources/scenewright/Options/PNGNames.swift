import ArgumentParser
import PNGCodec

enum PNGFilterName: String, ExpressibleByArgument, CaseIterable {
    case none, sub, up, average, paeth, adaptive
    var filter: PNGOptions.RowFilter { PNGOptions.RowFilter(rawValue: rawValue) ?? .none }
}

enum PNGColorName: String, ExpressibleByArgument, CaseIterable {
    case rgb, grayscale, palette, auto
    var colorType: PNGOptions.ColorType { PNGOptions.ColorType(rawValue: rawValue) ?? .rgb }
}

extension PNGOptionGroup {
    var options: PNGOptions { PNGOptions(level: level, filter: filter.filter, colorType: colorType.colorType) }
}
