import Describer
import SceneModel

/// Which caption is a sample's one caption (WebDataset's `<key>.txt`, the one member OpenCLIP
/// and most contrastive trainers read): the short or the detailed caption, in a chosen language
/// or English when the sample has it (else its first language), or one option drawn per
/// sample from a weighted mix, from the sample's own stream of (seed, index).
///
/// Written as text in plans, on the command line and in `run.json`: `short`, `detailed`, a
/// language (`zh`: its short caption), `detailed:zh`, or a mix `short=3,detailed:zh=1`.
public struct CaptionChoice: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable { case short, detailed }

    public struct Option: Sendable, Hashable {
        public var kind: Kind
        /// nil: English when the sample has it, else its first language.
        public var language: String?
        public var weight: Double

        public init(kind: Kind, language: String? = nil, weight: Double = 1) {
            self.kind = kind
            self.language = language
            self.weight = weight
        }
    }

    public var options: [Option]

    /// The short caption, English when present: what `<key>.txt` holds unless asked otherwise.
    public static let standard = CaptionChoice(options: [Option(kind: .short)])

    public init(options: [Option]) { self.options = options.filter { $0.weight > 0 } }

    /// Reads `short`, `detailed:zh`, `zh`, or `short=3,detailed:zh=1`; the error says what is
    /// expected.
    public init(parsing text: String) throws(CaptionChoiceError) {
        var options: [Option] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw CaptionChoiceError("'\(item)' has more than one '='") }
            var weight = 1.0
            if parts.count == 2 {
                guard let w = Double(parts[1].trimmingSpaces), w > 0, w.isFinite else {
                    throw CaptionChoiceError("the weight in '\(item)' must be a positive number")
                }
                weight = w
            }
            options.append(try Self.option(String(parts[0].trimmingSpaces), weight: weight))
        }
        guard !options.isEmpty else { throw CaptionChoiceError("expected at least one caption") }
        self.options = options
    }

    /// One option without its weight: a kind, a language, or `kind:language`.
    public static func option(_ text: String, weight: Double) throws(CaptionChoiceError) -> Option {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // A language code: two or three lowercase letters, optionally a region (`pt-BR`).
        func isLanguage(_ s: String) -> Bool {
            let parts = s.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), (2...3).contains(parts[0].count),
                parts[0].allSatisfy({ $0.isASCII && $0.isLowercase })
            else { return false }
            return parts.count == 1 || ((2...4).contains(parts[1].count) && parts[1].allSatisfy(\.isASCII))
        }
        switch fields.count {
        case 1 where Kind(rawValue: fields[0]) != nil: return Option(kind: Kind(rawValue: fields[0])!, weight: weight)
        case 1 where isLanguage(fields[0]): return Option(kind: .short, language: fields[0], weight: weight)
        case 2 where Kind(rawValue: fields[0]) != nil && isLanguage(fields[1]):
            return Option(kind: Kind(rawValue: fields[0])!, language: fields[1], weight: weight)
        default:
            throw CaptionChoiceError(
                "unknown caption '\(text)'; expected short, detailed, a language code (its short caption) or kind:language, e.g. detailed:zh"
            )
        }
    }

    /// The canonical text (`short`, `detailed:zh=1,short=3`), as `run.json` states it.
    public var description: String {
        if options.count == 1 && options[0].weight == 1 { return Self.name(options[0]) }
        return options.map { "\(Self.name($0))=\(Self.number($0.weight))" }.joined(separator: ",")
    }

    static func name(_ o: Option) -> String { o.language.map { "\(o.kind.rawValue):\($0)" } ?? o.kind.rawValue }

    static func number(_ w: Double) -> String { w == w.rounded() && abs(w) < 1e15 ? String(Int(w)) : String(w) }

    /// Languages the choice names, each once, in order.
    public var languages: [String] {
        var out: [String] = []
        for o in options { if let l = o.language, !out.contains(l) { out.append(l) } }
        return out
    }

    /// The option sample `index` of a run with `seed` takes.
    public func option(seed: UInt64, index: UInt64) -> Option {
        guard options.count > 1 else { return options[0] }
        var rng = SampleSeed.generator(runSeed: seed, index: index, stream: .caption)
        return options[rng.weightedIndex(options.map(\.weight))]
    }

    /// The caption this choice takes from a description; empty when it has no captions.
    public func caption(_ d: Description, seed: UInt64, index: UInt64) -> String {
        let o = option(seed: seed, index: index)
        let captions =
            o.language.flatMap { l in d.captions.first { $0.language == l } }
            ?? d.captions.first { $0.language == "en" } ?? d.captions.first
        guard let captions else { return "" }
        return o.kind == .short ? captions.captions.short : captions.captions.detailed
    }
}

/// A caption choice that cannot be read.
public struct CaptionChoiceError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
