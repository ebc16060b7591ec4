import DatasetWriters
import Describer
import PNGCodec

/// The formats a run writes, chosen by name (`--format webdataset,coco`), with their options.
public struct OutputFormats: Sendable {
    /// Every format name, in the order runs write them (``FormatRegistry``).
    public static var names: [String] { FormatRegistry.names }

    public let formats: [any DatasetFormat]
    /// What the chosen formats read of a sample besides its record JSON and image.
    public let needs: OutputNeeds

    /// - Parameters:
    ///   - names: format names; order does not matter, duplicates are ignored.
    ///   - masks: WebDataset samples also get `<key>.mask.png`, the id plane as 8-bit gray.
    ///   - grounding: the styles of the `grounding` format.
    public init(
        names: [String], png: PNGOptions, masks: Bool = false, grounding: [GroundingStyle] = GroundingStyle.allCases
    ) throws(PipelineError) {
        let encodeMask: WebDatasetFormat.MaskEncoder = { ids, width, height in
            try PNGEncoder(options: png).encode(gray: ids, width: width, height: height)
        }
        do {
            formats = try FormatRegistry.make(
                names: names, options: FormatOptions(encodeMask: masks ? encodeMask : nil, grounding: grounding))
        } catch { throw .options(error.message) }
        needs = formats.reduce(into: []) { $0.formUnion($1.needs) }
    }
}
