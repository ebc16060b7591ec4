import Describer
import SceneModel
import Testing

@testable import DatasetWriters

/// The ids datasets carry for enum cases are append-only: these tables are the published ones
/// (docs/FORMATS.md). A new case gets the next number here and there; no number ever changes.
@Suite struct DatasetIDsTests {
    static let categories: [ShapeKind: Int] = [
        .circle: 1, .ellipse: 2, .square: 3, .rectangle: 4, .triangle: 5, .pentagon: 6, .hexagon: 7, .star: 8,
        .cross: 9, .diamond: 10, .heart: 11, .semicircle: 12,
    ]

    static let families: [QuestionFamily: Int] = [
        .exist: 0, .count: 1, .queryColor: 2, .queryShape: 3, .querySize: 4, .queryFill: 5, .compareCount: 6,
        .compareAttribute: 7, .logic: 8, .relateQuery: 9, .relateCount: 10, .relateExist: 11, .nearestQuery: 12,
        .overlapExist: 13, .superlative: 14, .twoHop: 15, .lineCount: 16, .lineQuery: 17, .groupCount: 18,
        .insideQuery: 19, .insideCount: 20, .frontExist: 21, .behindQuery: 22, .readText: 23, .textColor: 24,
        .textCount: 25, .textExist: 26, .labelQuery: 27, .labelledQuery: 28,
    ]

    @Test func categoryIDsArePinned() {
        for kind in ShapeKind.allCases {
            #expect(Self.categories[kind] != nil, "\(kind) has no pinned COCO category id: add the next number")
            #expect(DatasetIDs.category(kind) == Self.categories[kind], "\(kind)")
        }
        let ids = ShapeKind.allCases.map(DatasetIDs.category)
        #expect(Set(ids).count == ids.count, "category ids must be unique")
        #expect(Set(ids) == Set(1...ids.count), "category ids count from 1 without gaps")
        #expect(DatasetIDs.categories.map(\.id) == Array(1...ids.count))
    }

    @Test func familyIndicesArePinned() {
        for family in QuestionFamily.allCases {
            #expect(Self.families[family] != nil, "\(family) has no pinned CLEVR family index: add the next number")
            #expect(DatasetIDs.familyIndex(family) == Self.families[family], "\(family)")
        }
        let indices = QuestionFamily.allCases.map(DatasetIDs.familyIndex)
        #expect(Set(indices) == Set(0..<indices.count), "family indices count from 0, unique, without gaps")
    }

    static let chartFamilies: [ChartQuestionFamily: Int] = [
        .title: 100, .axisLabel: 101, .value: 102, .extreme: 103, .compare: 104, .count: 105, .countSeries: 106,
        .trend: 107, .figureQA: 108,
    ]

    @Test func chartFamilyIndicesArePinned() {
        for family in ChartQuestionFamily.allCases {
            #expect(
                DatasetIDs.familyIndex(family) == Self.chartFamilies[family], "\(family): pin the next number from 100")
            #expect(DatasetIDs.familyIndex(named: family.rawValue) == Self.chartFamilies[family])
        }
        #expect(Set(Self.chartFamilies.values).count == ChartQuestionFamily.allCases.count)
    }
}
