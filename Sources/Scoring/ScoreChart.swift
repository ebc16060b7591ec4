import PNGCodec
import Rasterizer
import SampleRecords
import SceneModel
import Typesetting

/// The report as a PNG bar chart (`score.png`): accuracy per group, one section per task
/// (overall, then questions by family and language, references by kind, pairs by kind), each
/// bar labelled with its group and its percentage; a dashed line at 50% per section. Labels are
/// set as samples' text is (``Typesetter/labelLayout(_:language:size:bold:)``: HarfBuzz and
/// FreeType, a Chinese group name in a CJK font) and filled by exact coverage; a label longer
/// than its column is cut and ends in "..".
public struct ScoreChart: Sendable {
    struct Row {
        var label: String
        var value: Double?
        var color: (UInt8, UInt8, UInt8)
    }

    static let fontSize = 14.0
    /// Width of an indent and of the gap after a bar.
    static let advance = 12
    static let rowHeight = 22
    static let labelWidth = 408
    static let barWidth = 480
    static let margin = 16
    static let width = margin + labelWidth + barWidth + 9 * advance + margin
    static let ink: (UInt8, UInt8, UInt8) = (30, 30, 30)

    static let colors: [ScoringItem.Task: (UInt8, UInt8, UInt8)] = [
        .vqa: (70, 130, 180), .ref: (60, 160, 90), .negative: (200, 120, 50), .group: (150, 90, 170),
    ]

    var rows: [Row] = []

    public init(_ report: ScoreReport) {
        rows.append(Row(label: "scores: \(report.predictor)", value: nil, color: (0, 0, 0)))
        for t in report.tasks {
            rows.append(Row(label: "\(t.name): all", value: t.overall.accuracy, color: Self.colors[t.task]!))
        }
        for t in report.tasks where t.task != .group || t.name == "group" {
            rows.append(Row(label: "", value: nil, color: (0, 0, 0)))
            let shown: [String] = t.task == .vqa ? ["family", "lang"] : ["kind", "lang"]
            for d in t.dimensions where shown.contains(d.name) {
                rows.append(Row(label: "\(t.name) by \(d.name)", value: nil, color: (0, 0, 0)))
                for g in d.groups {
                    rows.append(Row(label: g.value, value: g.tally.accuracy, color: Self.colors[t.task]!))
                }
            }
        }
    }

    /// A label set in the label font of its script (an error only when no label font is
    /// installed: it names the package).
    static func layout(_ label: String) throws -> TextLayout {
        let wide = label.unicodeScalars.contains { $0.value >= 0x2E80 }
        return try Typesetter.shared.labelLayout(label, language: wide ? "zh" : "en", size: fontSize)
    }

    public func png() throws -> [UInt8] {
        let w = Self.width
        let h = Self.margin * 2 + rows.count * Self.rowHeight
        var pixels = [UInt8](repeating: 255, count: w * h * 3)
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ c: (UInt8, UInt8, UInt8)) {
            for y in max(0, y0)..<min(h, y1) {
                for x in max(0, x0)..<min(w, x1) {
                    let i = (y * w + x) * 3
                    pixels[i] = c.0
                    pixels[i + 1] = c.1
                    pixels[i + 2] = c.2
                }
            }
        }
        // A label with its baseline `baseline` pixels down, from x0 to at most `limit`.
        func text(_ s: String, _ x0: Int, _ baseline: Int, _ limit: Int) throws {
            var label = s
            var layout = try Self.layout(label)
            while layout.advance > Double(limit - x0), !label.isEmpty {
                label.removeLast()
                layout = try Self.layout(label + "..")
            }
            let words = layout.wordContours(
                at: Point(x: Double(x0), y: Double(baseline)), anchor: TextAnchor(.baseline, .left),
                rotation: 0)
            let mask = CoverageMask(contours: words.flatMap { $0 }, canvasWidth: w, canvasHeight: h)
            for y in mask.originY..<(mask.originY + mask.height) {
                for x in mask.originX..<(mask.originX + mask.width) {
                    let a = Double(mask.coverage(x: x, y: y))
                    guard a > 0 else { continue }
                    let i = (y * w + x) * 3
                    for (k, c) in [Self.ink.0, Self.ink.1, Self.ink.2].enumerated() {
                        pixels[i + k] = UInt8((Double(pixels[i + k]) * (1 - a) + Double(c) * a).rounded())
                    }
                }
            }
        }
        let barX = Self.margin + Self.labelWidth
        for (i, row) in rows.enumerated() {
            let y = Self.margin + i * Self.rowHeight
            let baseline = y + 16
            guard let v = row.value else {
                try text(row.label, Self.margin, baseline, barX - Self.advance)
                continue
            }
            try text(row.label, Self.margin + 2 * Self.advance, baseline, barX - Self.advance)
            fill(barX, y + 2, barX + Self.barWidth, y + Self.rowHeight - 2, (238, 238, 238))
            let length = Int((min(max(v, 0), 1) * Double(Self.barWidth)).rounded())
            fill(barX, y + 3, barX + length, y + Self.rowHeight - 3, row.color)
            for dy in stride(from: y + 2, to: y + Self.rowHeight - 2, by: 4) {
                fill(barX + Self.barWidth / 2, dy, barX + Self.barWidth / 2 + 1, dy + 2, (90, 90, 90))
            }
            try text(ScoreReport.percent(v), barX + Self.barWidth + Self.advance, baseline, w - Self.margin)
        }
        return try PNGEncoder(options: PNGOptions(level: 9, filter: .paeth)).encode(rgb: pixels, width: w, height: h)
    }
}
