import DatasetWriters
import PNGCodec
import SceneModel
import SceneSampler

/// The formats a run writes, chosen by name (`--format webdataset,coco`), with their options.
public struct OutputFormats: Sendable {
    /// Every format name, in the order runs write them.
    public static let names = ["webdataset", "folder", "coco", "vqa", "clevr", "refcoco", "hf", "grounding"]

    public let formats: [any DatasetFormat]
    /// What the chosen formats read of a sample besides its record and image.
    public let needs: OutputNeeds

    /// - Parameters:
    ///   - names: format names; order does not matter, duplicates are ignored.
    ///   - masks: WebDataset samples also get `<key>.mask.png`, the id plane as 8-bit gray.
    ///   - grounding: the styles of the `grounding` format.
    public init(
        names: [String], relations: Relations, png: PNGOptions, masks: Bool = false,
        grounding: [GroundingStyle] = GroundingStyle.allCases
    ) throws(PipelineError) {
        for name in names where !Self.names.contains(name) {
            throw .options(
                "unknown format '\(name)'; valid formats: \(Self.names.joined(separator: ", "))")
        }
        guard !names.isEmpty else { throw .options("choose at least one format") }
        var formats: [any DatasetFormat] = []
        for name in Self.names where names.contains(name) {
            switch name {
            case "webdataset":
                let options = png
                let encoder: WebDatasetFormat.MaskEncoder = {
                    (ids: [UInt8], width: Int, height: Int) throws -> [UInt8] in
                    try PNGEncoder(options: options).encode(gray: ids, width: width, height: height)
                }
                formats.append(WebDatasetFormat(encodeMask: masks ? encoder : nil))
            case "folder": formats.append(FolderFormat())
            case "coco": formats.append(COCOFormat())
            case "vqa": formats.append(VQAFormat())
            case "clevr": formats.append(CLEVRFormat(relations: relations))
            case "refcoco": formats.append(RefCOCOFormat())
            case "hf": formats.append(HuggingFaceFormat())
            default: formats.append(GroundingFormat(styles: grounding))
            }
        }
        self.formats = formats
        needs = OutputNeeds(
            idPlane: names.contains("coco") || names.contains("refcoco"),
            maskPNG: masks && names.contains("webdataset"),
            description: names.contains { ["coco", "vqa", "clevr", "refcoco", "hf", "grounding"].contains($0) })
    }
}
