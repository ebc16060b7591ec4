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

    /// Text items and chart marks (plans that draw them): a block from 100, listed after the
    /// shape kinds only in such runs.
    @Test func textAndMarkCategoriesArePinned() {
        #expect(DatasetIDs.textCategory == 100)
        let marks: [ChartMark.Role: Int?] = [
            .bar: 101, .slice: 102, .point: 103, .legend: 104, .line: nil, .axis: nil, .tick: nil,
        ]
        for role in ChartMark.Role.allCases {
            #expect(marks[role] != nil, "\(role) has no pinned category (or none): add it")
            #expect(DatasetIDs.category(role) == marks[role] ?? nil, "\(role)")
        }
        #expect(
            DatasetIDs.textAndMarkCategories.map { "\($0.id) \($0.name) \($0.supercategory)" } == [
                "100 text text", "101 bar chart", "102 slice chart", "103 point chart", "104 legend chart",
            ])
        var run = RunInfo(
            plan: "p", seed: 0, firstIndex: 0, count: 1, samplesPerShard: 1, shardPrefix: "s", languages: ["en"],
            version: "v")
        #expect(DatasetIDs.categoryList(run).map(\.id) == Array(1...12))
        run.textAndMarks = true
        #expect(DatasetIDs.categoryList(run).map(\.id) == Array(1...12) + Array(100...104))
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
