import PNGCodec
import SampleRecords

/// The report as a PNG bar chart (`score.png`): accuracy per group, one section per task
/// (overall, then questions by family and language, references by kind, pairs by kind), each
/// bar labelled with its group and its percentage; a dashed line at 50% per section. Labels use
/// ``BitmapFont`` (ASCII; other characters are drawn as `?`).
public struct ScoreChart: Sendable {
    struct Row {
        var label: String
        var value: Double?
        var color: (UInt8, UInt8, UInt8)
    }

    static let scale = 2
    static let advance = (BitmapFont.width + 1) * scale
    static let rowHeight = 22
    static let labelWidth = 34 * advance
    static let barWidth = 480
    static let margin = 16
    static let width = margin + labelWidth + barWidth + 9 * advance + margin

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
        func text(_ s: String, _ x0: Int, _ y0: Int) {
            for (k, ch) in s.prefix(34).enumerated() {
                let g = BitmapFont.glyph(ch)
                for r in 0..<BitmapFont.height {
                    for c in 0..<BitmapFont.width where g[r * BitmapFont.width + c] {
                        let x = x0 + k * Self.advance + c * Self.scale
                        let y = y0 + r * Self.scale
                        fill(x, y, x + Self.scale, y + Self.scale, (30, 30, 30))
                    }
                }
            }
        }
        let barX = Self.margin + Self.labelWidth
        for (i, row) in rows.enumerated() {
            let y = Self.margin + i * Self.rowHeight
            let textY = y + (Self.rowHeight - BitmapFont.height * Self.scale) / 2
            guard let v = row.value else {
                text(row.label, Self.margin, textY)
                continue
            }
            text(row.label, Self.margin + 2 * Self.advance, textY)
            fill(barX, y + 2, barX + Self.barWidth, y + Self.rowHeight - 2, (238, 238, 238))
            let length = Int((min(max(v, 0), 1) * Double(Self.barWidth)).rounded())
            fill(barX, y + 3, barX + length, y + Self.rowHeight - 3, row.color)
            for dy in stride(from: y + 2, to: y + Self.rowHeight - 2, by: 4) {
                fill(barX + Self.barWidth / 2, dy, barX + Self.barWidth / 2 + 1, dy + 2, (90, 90, 90))
            }
            text(ScoreReport.percent(v), barX + Self.barWidth + Self.advance, textY)
        }
        return try PNGEncoder(options: PNGOptions(level: 9, filter: .paeth)).encode(rgb: pixels, width: w, height: h)
    }
}
