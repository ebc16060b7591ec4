import Foundation
import PlanFiles
import ScenewrightTestSupport
import Testing

@testable import SceneModel
@testable import SceneSampler

/// Distribution controls and compositional splits, measured over many samples.
///
/// Tolerance: a measured share p̂ of n draws passes when |p̂ − p| ≤ 5·√(p(1−p)/n), five
/// standard errors of a binomial (a false alarm about once in 1.7 million checks), with p the
/// share the plan's weights imply.
@Suite struct DistributionTests {
    static func within(_ hits: Int, of n: Int, expected p: Double) -> Bool {
        let observed = Double(hits) / Double(n)
        return abs(observed - p) <= 5 * (p * (1 - p) / Double(n)).squareRoot()
    }

    static let weightedPlan = """
        name: weighted
        canvas: {width: 128, height: 128}
        objects:
          count: {2: 1, 3: 3}
          shapes: {circle: 1, square: 3}
          colors: {red: 1, blue: 1, green: 2}
          fills: {solid: 1, outline: 1}
          sizes:
            small: [8, 10]
            large: {radius: [14, 16], weight: 3}
        correlations:
          - {when: {shape: circle}, color: {red: 0.8}}
          - {when: {color: blue}, fill: {outline: 0.9}}
        """

    @Test func countShapeSizeAndCorrelatedColorFrequenciesMatchTheWeights() throws {
        let plan = try TestResources.plan(yaml: Self.weightedPlan)
        let sampler = Sampler(plan: plan, seed: 11)
        let n = 6000
        var three = 0
        var objects = 0
        var (squares, large) = (0, 0)
        var (circles, redCircles) = (0, 0)
        var (squaresRedOrBlue, squaresGreen) = (0, 0)
        var (blue, blueOutline) = (0, 0)
        var (notBlue, notBlueOutline) = (0, 0)
        for index in 0..<UInt64(n) {
            let attributes = sampler.attributeNames(index: index)
            if attributes.count == 3 { three += 1 }
            for a in attributes {
                objects += 1
                if a.size == "large" { large += 1 }
                if a.shape == "square" {
                    squares += 1
                    if a.color == "green" { squaresGreen += 1 } else { squaresRedOrBlue += 1 }
                } else {
                    circles += 1
                    if a.color == "red" { redCircles += 1 }
                }
                if a.color == "blue" {
                    blue += 1
                    if a.fill == "outline" { blueOutline += 1 }
                } else {
                    notBlue += 1
                    if a.fill == "outline" { notBlueOutline += 1 }
                }
            }
        }
        #expect(Self.within(three, of: n, expected: 0.75), "count 3: \(three)/\(n)")
        #expect(Self.within(squares, of: objects, expected: 0.75), "squares: \(squares)/\(objects)")
        #expect(Self.within(large, of: objects, expected: 0.75), "large: \(large)/\(objects)")
        // Circles: red 0.8, the other 0.2 shared by blue and green as 1 : 2.
        #expect(Self.within(redCircles, of: circles, expected: 0.8), "red circles: \(redCircles)/\(circles)")
        // Squares keep the plan's color weights (green 2 of 4).
        #expect(Self.within(squaresGreen, of: squares, expected: 0.5), "green squares: \(squaresGreen)/\(squares)")
        #expect(Self.within(blueOutline, of: blue, expected: 0.9), "blue outlined: \(blueOutline)/\(blue)")
        #expect(
            Self.within(notBlueOutline, of: notBlue, expected: 0.5), "others outlined: \(notBlueOutline)/\(notBlue)")
        print(
            "distribution (n=\(n) samples, \(objects) objects): count 3 \(Double(three) / Double(n)) vs 0.75; squares \(Double(squares) / Double(objects)) vs 0.75; large \(Double(large) / Double(objects)) vs 0.75; red|circle \(Double(redCircles) / Double(circles)) vs 0.8; green|square \(Double(squaresGreen) / Double(squares)) vs 0.5; outline|blue \(Double(blueOutline) / Double(blue)) vs 0.9; outline|not blue \(Double(notBlueOutline) / Double(notBlue)) vs 0.5"
        )
    }

    @Test func theDefaultPlanDrawsAsBefore() throws {
        // The general path with neither correlations nor holdouts must not be taken by the
        // default plan (goldens pin its output); its attribute names match sample(index:).
        let plan = try TestResources.plan()
        #expect(plan.correlations.isEmpty && plan.holdout == nil && plan.countWeights == nil)
        let sampler = Sampler(plan: plan, seed: 5)
        for index in UInt64(0)..<20 {
            let scene = try sampler.sample(index: index).scene
            let names = sampler.attributeNames(index: index)
            #expect(names.map(\.shape) == scene.objects.map(\.shape.rawValue))
            #expect(names.map(\.color) == scene.objects.map(\.color.name))
        }
    }

    /// CoGenT-style splits over 10,000 samples each: train (cogent-a) never holds a held-out
    /// combination; test (cogent-b) holds every one. Attributes only (the fast path); whole
    /// scenes are checked by the layout and plan tests.
    @Test func trainNeverHoldsAHeldOutCombinationAndTestHoldsEveryOne() throws {
        let train = try TestResources.plan("cogent-a")
        let test = try TestResources.plan("cogent-b")
        #expect(train.holdout?.split == .train && test.holdout?.split == .test)
        #expect(train.holdout?.combinations == test.holdout?.combinations)
        let combos = (train.holdout?.combinations ?? []).map { c in
            (train.shapes[c.shape!].value.rawValue, train.colors[c.color!].value.name)
        }
        #expect(combos.count == 5)
        var trainHits = 0
        var testSeen = [Int](repeating: 0, count: combos.count)
        var testObjects = 0
        var testHeld = 0
        let trainSampler = Sampler(plan: train, seed: 21)
        let testSampler = Sampler(plan: test, seed: 21)
        for index in 0..<UInt64(10_000) {
            for a in trainSampler.attributeNames(index: index)
            where combos.contains(where: { $0 == (a.shape, a.color) }) {
                trainHits += 1
            }
            for a in testSampler.attributeNames(index: index) {
                testObjects += 1
                if let k = combos.firstIndex(where: { $0 == (a.shape, a.color) }) {
                    testSeen[k] += 1
                    testHeld += 1
                }
            }
        }
        #expect(trainHits == 0, "train drew \(trainHits) held-out objects")
        #expect(testSeen.allSatisfy { $0 > 0 }, "test per combination: \(testSeen)")
        // Held-out share in test: 0.5 injected plus what train-like draws cannot produce (none).
        #expect(Self.within(testHeld, of: testObjects, expected: 0.5), "held-out share \(testHeld)/\(testObjects)")
        print(
            "cogent: train held-out objects 0 of 10,000 samples; test per combination \(testSeen), share \(Double(testHeld) / Double(testObjects))"
        )
        // And whole scenes of the train split, laid out and drawn, stay clean.
        for index in 0..<UInt64(200) {
            let scene = try trainSampler.sample(index: index).scene
            #expect(!scene.objects.contains(where: train.isHeldOut), "cogent-a index \(index)")
        }
    }

    @Test func badDistributionAndLayoutSettingsNameTheField() throws {
        let base = """
            name: bad
            objects:
              count: [2, 4]
              shapes: [circle, square]
              colors: [red, blue]
              sizes: {small: [8, 10]}

            """
        let cases: [(String, String)] = [
            ("layout: {kind: spiral}", "unknown layout 'spiral'"),
            ("holdout: {split: train, combinations: [{shape: circle, color: mauve}]}", "unknown color 'mauve'"),
            ("holdout: {split: dev, combinations: [{shape: circle, color: red}]}", "unknown split 'dev'"),
            (
                "holdout: {split: train, combinations: [{shape: circle, color: red}, {shape: circle, color: blue}]}",
                "no color left to draw"
            ),
            ("layout: {kind: grid, rows: 1, columns: 2}", "too few for 4 objects"),
            ("layout: {kind: grid, rows: 2}", "needs 'columns'"),
            ("layout: {kind: scatter, rows: 2}", "'rows' is a setting of layout grid"),
            ("correlations: [{when: {color: red}, shape: {circle: 0.5}}]", "drawn before"),
            ("correlations: [{when: {shape: circle}, color: {red: 0.8, blue: 0.7}}]", "at most 1"),
        ]
        for (extra, message) in cases {
            do {
                _ = try TestResources.plan(yaml: base + extra)
                Issue.record("accepted: \(extra)")
            } catch let error as PlanError {
                #expect(error.description.contains(message), "\(extra): \(error)")
                #expect(error.line != nil, "\(extra): \(error) has no line")
            }
        }
    }
}
