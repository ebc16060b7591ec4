import Describer
import DatasetWriters
import SceneModel
import Testing

@testable import Scoring

@Suite struct GroundingParserTests {
    static let boxes = [
        PixelBox(x: 0, y: 0, width: 256, height: 256), PixelBox(x: 15, y: 102, width: 43, height: 43),
        PixelBox(x: 200, y: 7, width: 56, height: 20), PixelBox(x: 123, y: 221, width: 23, height: 26),
    ]

    /// Every style written by the `grounding` format reads back within its grid's resolution.
    @Test(arguments: GroundingStyle.allCases)
    func tokensReadBackWithinTheirGrid(style: GroundingStyle) throws {
        let (w, h) = (256, 256)
        let cell: Double =
            switch style {
            case .qwen: 256.0 / 1000
            case .shikra: 256.0 / 1000 / 2
            case .paligemma: 256.0 / 1023 / 2
            case .kosmos2: 256.0 / 32
            }
        for box in Self.boxes {
            let text = GroundingStyle.text(style: style, phrase: "the red circle", box: box, width: w, height: h)
            let b = try GroundingParser.box(in: "some words " + text, width: w, height: h).get()
            let truth = EdgeBox(
                x: Double(box.x), y: Double(box.y), width: Double(box.width), height: Double(box.height))
            for (a, t) in [(b.x1, truth.x1), (b.y1, truth.y1), (b.x2, truth.x2), (b.y2, truth.y2)] {
                #expect(abs(a - t) <= cell + 1e-9, "\(style) \(box): \(b)")
            }
            // The style named explicitly gives the same box.
            #expect(try GroundingParser.box(in: text, style: style, width: w, height: h).get() == b)
        }
    }

    @Test func kosmosDecodesAsHuggingFaceDoes() {
        // patch_index_to_coordinate(0, 1023, 32) = (1/64, 1/64, 63/64, 63/64): corners in
        // different rows and columns use cell centres.
        let b = GroundingParser.kosmosBox(0, 1023, width: 64, height: 64)
        #expect(b == EdgeBox(x1: 1, y1: 1, x2: 63, y2: 63))
        // Same cell: the cell's edges.
        #expect(GroundingParser.kosmosBox(33, 33, width: 32, height: 32) == EdgeBox(x1: 1, y1: 1, x2: 2, y2: 2))
    }

    @Test func theFirstBoxInTheTextWins() throws {
        let text = "<ref>a</ref><box>(0,0),(500,500)</box> and [0.5,0.5,1.0,1.0]"
        let b = try GroundingParser.box(in: text, width: 100, height: 100).get()
        #expect(b == EdgeBox(x1: 0, y1: 0, x2: 50, y2: 50))
        let c = try GroundingParser.box(in: text, style: .shikra, width: 100, height: 100).get()
        #expect(c == EdgeBox(x1: 50, y1: 50, x2: 100, y2: 100))
        // Words in brackets are not a Shikra box.
        #expect(throws: ScoringError.self) { try GroundingParser.box(in: "the [red] one", width: 10, height: 10).get() }
    }

    @Test func iouIsIntersectionOverUnion() {
        let a = EdgeBox(x1: 0, y1: 0, x2: 10, y2: 10)
        #expect(a.iou(a) == 1)
        #expect(a.iou(EdgeBox(x1: 5, y1: 0, x2: 15, y2: 10)) == 50.0 / 150.0)
        #expect(a.iou(EdgeBox(x1: 20, y1: 20, x2: 30, y2: 30)) == 0)
        #expect(EdgeBox(x1: 0, y1: 0, x2: 0, y2: 0).iou(EdgeBox(x1: 0, y1: 0, x2: 0, y2: 0)) == 0)
    }
}
