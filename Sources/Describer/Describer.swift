import SceneModel

/// Everything said about one image, per language in the order the languages were given.
public struct Description: Sendable, Hashable {
    public var captions: [(language: String, captions: Captions)]

    public init(captions: [(language: String, captions: Captions)]) { self.captions = captions }

    public static func == (a: Description, b: Description) -> Bool {
        a.captions.map(\.language) == b.captions.map(\.language)
            && a.captions.map(\.captions) == b.captions.map(\.captions)
    }

    public func hash(into hasher: inout Hasher) {
        for (l, c) in captions {
            hasher.combine(l)
            hasher.combine(c)
        }
    }
}

/// Turns a drawn scene into text in each configured language. Choices (templates, wording)
/// come from the sample's own text stream, so text depends only on (plan, seed, index).
public struct Describer: Sendable {
    public let lexicons: [Lexicon]

    public init(lexicons: [Lexicon]) { self.lexicons = lexicons }

    public func describe(
        _ scene: Scene, measurements: [ObjectMeasurement], runSeed: UInt64, index: UInt64
    ) -> Description {
        var captions: [(language: String, captions: Captions)] = []
        for lexicon in lexicons {
            // One stream per language, so adding a language does not change another's text.
            var rng = Xoshiro256(
                seed: SampleSeed.derive(runSeed: runSeed, index: index, stream: .text)
                    ^ SplitMix64.mix(UInt64(truncatingIfNeeded: lexicon.code.utf8.reduce(0) { $0 &* 31 &+ Int($1) })))
            captions.append(
                (lexicon.code, Captioner(lexicon: lexicon).captions(for: scene, measurements: measurements, rng: &rng)))
        }
        return Description(captions: captions)
    }
}
