import Describer
import SampleRecords
import SceneModel

/// The annotations `coco` and `refcoco` add for plans that draw text or charts
/// (``RunInfo/textAndMarks``): every text item (category `text`; the union of its words in the
/// id plane, its id its first word's) and every chart mark a reader can point at (a bar, a
/// slice, a point, a legend swatch; axes, ticks and line strokes are left out). A referring
/// expression names the same ids (``ReferenceItem/objectID``), so each resolves to one of them.
public struct TextAndMarkAnnotation: Sendable {
    /// The annotation's id in the image (`image_id * 1000 + id`), the first of `members`.
    public var id: Int
    /// The id-plane values its mask unites.
    public var members: [Int]
    public var category: Int
    public var bbox: PixelBox
    /// Its pixels as the record states them (its words' or the mark's): the mask's sum.
    public var area: Int

    /// A sample's text items (a chart's among them) then its chart marks, in record order.
    public static func of(_ r: SampleRecord) -> [TextAndMarkAnnotation] {
        var out: [TextAndMarkAnnotation] = []
        for (item, measurement) in (r.texts ?? []).map({ ($0.item, $0.measurement) }) {
            guard let first = item.words.first, let box = TextReferences.box(measurement) else { continue }
            out.append(
                TextAndMarkAnnotation(
                    id: first.id, members: item.words.map(\.id), category: DatasetIDs.textCategory, bbox: box,
                    area: measurement.words.reduce(0) { $0 + $1.visiblePixels }))
        }
        if let chart = r.chart {
            for (m, measured) in zip(chart.marks, chart.markMeasurements) {
                guard let category = DatasetIDs.category(m.role), let box = measured.bbox else { continue }
                out.append(
                    TextAndMarkAnnotation(
                        id: m.id, members: [m.id], category: category, bbox: box, area: measured.visiblePixels))
            }
        }
        return out
    }

    /// Their masks' counts, in order, in one pass over the plane.
    static func counts(_ items: [TextAndMarkAnnotation], ids: [UInt8], width: Int, height: Int) -> [[Int]] {
        MaskRLE.counts(ids: ids, width: width, height: height, groups: items.map(\.members))
    }
}

extension DatasetIDs {
    /// The `category_id` of text items and chart marks: a block of their own from 100, after
    /// the shape kinds, listed only in runs whose plan draws text or charts. Append-only.
    static let textCategory = 100

    static func category(_ role: ChartMark.Role) -> Int? {
        switch role {
        case .bar: 101
        case .slice: 102
        case .point: 103
        case .legend: 104
        case .line, .axis, .tick: nil
        }
    }

    /// The categories of text items and chart marks, in id order: (id, name, supercategory).
    static let textAndMarkCategories: [(id: Int, name: String, supercategory: String)] = [
        (textCategory, "text", "text"), (101, "bar", "chart"), (102, "slice", "chart"), (103, "point", "chart"),
        (104, "legend", "chart"),
    ]

    /// Every category a run's COCO and RefCOCO files list: the shape kinds, then text and marks
    /// when the run's plan draws them.
    static func categoryList(_ run: RunInfo) -> [(id: Int, name: String, supercategory: String)] {
        categories.map { ($0.id, $0.kind.rawValue, "shape") } + (run.textAndMarks ? textAndMarkCategories : [])
    }
}
