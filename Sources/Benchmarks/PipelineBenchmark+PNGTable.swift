import Dispatch
import PNGCodec

extension PipelineBenchmark {
    /// Encode speed and size for every zlib level x row filter on the same images.
    static func table(images: [[UInt8]], width: Int, height: Int, report: (String) -> Void) {
        report("\n| zlib level | filter | images/s | bytes/image |\n|---|---|---|---|")
        for level in [0, 1, 3, 6, 9] {
            for filter in PNGOptions.RowFilter.allCases {
                if level == 0 && filter != .none { continue }
                guard let encoder = try? PNGEncoder(options: PNGOptions(level: level, filter: filter)) else { continue }
                let start = DispatchTime.now().uptimeNanoseconds
                var bytes = 0
                for image in images {
                    bytes += (try? encoder.encode(rgb: image, width: width, height: height).count) ?? 0
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                report(
                    String(
                        format: "| %d | %@ | %.0f | %.0f |", level, filter.rawValue, Double(images.count) / seconds,
                        Double(bytes) / Double(images.count)))
            }
        }
        for (filter, strategy) in [(PNGOptions.RowFilter.sub, PNGOptions.Strategy.rle), (.up, .rle)] {
            guard let encoder = try? PNGEncoder(options: PNGOptions(level: 1, filter: filter, strategy: strategy))
            else { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            var bytes = 0
            for image in images { bytes += (try? encoder.encode(rgb: image, width: width, height: height).count) ?? 0 }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            report(
                String(
                    format: "| 1 (rle) | %@ | %.0f | %.0f |", filter.rawValue, Double(images.count) / seconds,
                    Double(bytes) / Double(images.count)))
        }
    }
}
