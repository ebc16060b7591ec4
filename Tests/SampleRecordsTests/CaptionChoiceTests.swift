import Testing

@testable import SampleRecords

@Suite struct CaptionChoiceTests {
    @Test(arguments: [
        ("short", "short"), ("detailed", "detailed"), ("zh", "short:zh"), ("detailed:zh", "detailed:zh"),
        ("short=3, detailed:zh=1", "short=3,detailed:zh=1"), ("short=0.5,detailed=2", "short=0.5,detailed=2"),
    ])
    func readsAndStatesEveryForm(text: String, canonical: String) throws {
        let choice = try CaptionChoice(parsing: text)
        #expect(choice.description == canonical)
        #expect(try CaptionChoice(parsing: choice.description) == choice)
    }

    @Test(arguments: ["", "short=", "short=-1", "tiny", "short:zh:en", "detailed:1", "short=1=2", "a"])
    func refusesWhatItCannotRead(text: String) {
        #expect(throws: CaptionChoiceError.self) { try CaptionChoice(parsing: text) }
    }

    @Test func aMixIsDrawnPerSampleByItsWeights() throws {
        let choice = try CaptionChoice(parsing: "short=3,detailed=1")
        var detailed = 0
        for i in UInt64(0)..<4000 where choice.option(seed: 9, index: i).kind == .detailed { detailed += 1 }
        #expect((850...1150).contains(detailed), "\(detailed) of 4000, expected about 1000")
        // The same sample always takes the same option.
        #expect(
            (0..<50).allSatisfy {
                choice.option(seed: 9, index: UInt64($0)) == choice.option(seed: 9, index: UInt64($0))
            })
        #expect(CaptionChoice.standard.option(seed: 1, index: 2).kind == .short)
    }
}
