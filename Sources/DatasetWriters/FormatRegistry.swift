import Describer

/// Every output format, in the order a run writes them. Adding a format is one type
/// conforming to ``DatasetFormat`` and one line in ``formats``.
public enum FormatRegistry {
    /// The registered formats; runs write the chosen ones in this order.
    public static let formats: [any DatasetFormat.Type] = [
        WebDatasetFormat.self,
        FolderFormat.self,
        COCOFormat.self,
        VQAFormat.self,
        CLEVRFormat.self,
        RefCOCOFormat.self,
        HuggingFaceFormat.self,
        GroundingFormat.self,
        HeldOutFormat.self,
        LLaVAFormat.self,
        MessagesFormat.self,
    ]

    /// Every format name, in registration order.
    public static var names: [String] { formats.map { $0.name } }

    /// Top-level names several formats write: the images every image-referencing format
    /// points at (`images/<key>.png`).
    public static let sharedNames = ["images"]

    /// The formats named (any order, duplicates ignored), in registration order, built from
    /// `options`; an unknown or empty choice is an error naming the valid formats.
    public static func make(names: [String], options: FormatOptions) throws(FormatChoiceError) -> [any DatasetFormat] {
        let valid = FormatRegistry.names.joined(separator: ", ")
        for name in names where !FormatRegistry.names.contains(name) {
            throw FormatChoiceError(message: "unknown format '\(name)'; valid formats: \(valid)")
        }
        guard !names.isEmpty else { throw FormatChoiceError(message: "choose at least one format") }
        return formats.filter { names.contains($0.name) }.map { $0.init(options: options) }
    }
}

/// What a run's options say about its formats.
public struct FormatOptions: Sendable {
    /// When set, WebDataset samples also get `<key>.mask.png`, the id plane encoded by it.
    public var encodeMask: WebDatasetFormat.MaskEncoder?
    /// The styles of the `grounding` format.
    public var grounding: [GroundingStyle]

    public init(encodeMask: WebDatasetFormat.MaskEncoder? = nil, grounding: [GroundingStyle] = GroundingStyle.allCases)
    {
        self.encodeMask = encodeMask
        self.grounding = grounding
    }
}

/// What a format reads of a sample besides its record JSON, image and ``TextSummary``; the
/// pipeline makes only what the run's formats need.
public struct OutputNeeds: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The object-id plane itself (COCO and RefCOCO masks).
    public static let idPlane = OutputNeeds(rawValue: 1 << 0)
    /// The id plane as a PNG (WebDataset's `mask.png`).
    public static let maskPNG = OutputNeeds(rawValue: 1 << 1)
    /// The record's text itself, for formats that restate it (without it the record's
    /// description is dropped once its JSON and summary are made).
    public static let description = OutputNeeds(rawValue: 1 << 2)
    /// The objects' spatial relations (``SampleOutput/relationships``).
    public static let relationships = OutputNeeds(rawValue: 1 << 3)
}

/// A `--format` choice that names no registered format.
public struct FormatChoiceError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
