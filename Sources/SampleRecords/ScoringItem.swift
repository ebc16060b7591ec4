import Describer
import SceneModel

/// One thing a model is asked and scored on, with its true answer: a question, a referring
/// expression or a caption/negative pair. Built from a sample record, or read from a held-out
/// answer key (``AnswerKey``); docs/SCORE.md gives the schema of both.
public struct ScoringItem: Sendable, Hashable {
    public enum Task: String, CaseIterable, Sendable {
        case vqa, ref, negative, group
        /// The middle part of an item id: `<key>/qa/<k>`, `<key>/ref/<k>`, `<key>/neg/<k>`,
        /// `<twin key>/group/<k>`.
        public var idPart: String {
            switch self {
            case .vqa: "qa"
            case .ref: "ref"
            case .negative: "neg"
            case .group: "group"
            }
        }
    }

    public struct Question: Sendable, Hashable {
        public var question: String
        public var answer: String
        public var family: String
        public var level: String
        public var hops: Int
        public var answerType: String
        /// The attribute values the question's program names (`color=red`) and the relations it
        /// takes (`left`): ``Program/namedValues``, ``Program/relationValues``.
        public var values: [String] = []
        public var relations: [String] = []
    }

    public struct Reference: Sendable, Hashable {
        public var text: String
        public var bbox: PixelBox
        public var kind: String
        public var width: Int
        public var height: Int
        /// Every object's visible box in the image, in object order (what the random baseline
        /// picks from).
        public var candidates: [PixelBox]
        /// As for questions: the values and relations the expression's program names.
        public var values: [String] = []
        public var relations: [String] = []
    }

    public struct Pair: Sendable, Hashable {
        /// The caption the negative falsifies (true of the image).
        public var caption: String
        public var negative: String
        public var kind: String
        /// The two texts as shown to a model: `[caption, negative]`, swapped when
        /// ``ScoringItem/swapped(_:)`` of the id is true.
        public func texts(id: String) -> [String] {
            ScoringItem.swapped(id) ? [negative, caption] : [caption, negative]
        }
        /// The position of the caption in ``texts(id:)``.
        public func trueIndex(id: String) -> Int { ScoringItem.swapped(id) ? 1 : 0 }
    }

    /// A Winoground-style group: two images (an anchor and its counterfactual twin) and two
    /// captions, caption 0 true of image 0 (the anchor) and caption 1 of image 1 (the twin).
    public struct Group: Sendable, Hashable {
        public var anchorKey: String
        public var captions: [String]
        /// The edit that made the twin (`recolor`, `swap`, ...).
        public var kind: String
    }

    public enum Truth: Sendable, Hashable {
        case vqa(Question)
        case ref(Reference)
        case negative(Pair)
        case group(Group)
    }

    public var id: String
    /// The sample's key and global index (the baselines fit on one half of the indices and
    /// predict the other).
    public var key: String
    public var index: UInt64
    public var language: String
    public var truth: Truth

    public var task: Task {
        switch truth {
        case .vqa: .vqa
        case .ref: .ref
        case .negative: .negative
        case .group: .group
        }
    }

    public static func id(key: String, task: Task, item: Int) -> String { "\(key)/\(task.idPart)/\(item)" }

    /// Whether a pair shows the negative first: a bit of ``hash(_:)`` of the id, so the order
    /// carries no information about which text is true and is the same on every run and platform.
    public static func swapped(_ id: String) -> Bool { hash(id) & 1 == 1 }

    /// A 64-bit hash of `text` fixed forever (FNV-1a, then SplitMix64's finalizer), for choices
    /// that must look random yet be reproducible.
    public static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    /// The items of one record, in record order: questions, then references, then pairs.
    /// A negative whose caption (`of`) the record does not hold is left out.
    public static func items(of r: SampleRecord) -> [ScoringItem] {
        var out: [ScoringItem] = []
        let d = r.description
        for (k, q) in d.qa.enumerated() {
            out.append(
                ScoringItem(
                    id: id(key: r.key, task: .vqa, item: k), key: r.key, index: r.index, language: q.language,
                    truth: .vqa(
                        Question(
                            question: q.question, answer: q.answer, family: q.family, level: q.level, hops: q.hops,
                            answerType: q.answerType.rawValue, values: q.program.namedValues,
                            relations: q.program.relationValues))))
        }
        let candidates = r.objects.compactMap(\.measurement.bbox)
        for (k, ref) in d.refs.enumerated() {
            out.append(
                ScoringItem(
                    id: id(key: r.key, task: .ref, item: k), key: r.key, index: r.index, language: ref.language,
                    truth: .ref(
                        Reference(
                            text: ref.text, bbox: ref.bbox, kind: ref.program.referenceKind, width: r.width,
                            height: r.height, candidates: candidates, values: ref.program.namedValues,
                            relations: ref.program.relationValues))))
        }
        for (k, n) in d.negatives.enumerated() {
            guard let c = d.captions.first(where: { $0.language == n.language })?.captions else { continue }
            let caption: String
            switch n.of {
            case "short": caption = c.short
            case "detailed": caption = c.detailed
            default: continue
            }
            out.append(
                ScoringItem(
                    id: id(key: r.key, task: .negative, item: k), key: r.key, index: r.index, language: n.language,
                    truth: .negative(Pair(caption: caption, negative: n.text, kind: n.kind))))
        }
        if let twin = r.twin {
            for (k, c) in twin.captions.enumerated() {
                out.append(
                    ScoringItem(
                        id: id(key: r.key, task: .group, item: k), key: r.key, index: r.index, language: c.language,
                        truth: .group(
                            Group(anchorKey: twin.anchor, captions: [c.anchor, c.twin], kind: twin.edit.kind.rawValue)))
                )
            }
        }
        return out
    }
}
