import SampleRecords

/// A WebDataset tar made sample by sample for a reader that takes it as it comes
/// (`scenewright stream`): the same members, in the same order, with the same bytes as the
/// shard ``WebDatasetFormat`` writes for the same samples; ``end()`` adds the archive's end as
/// the shard has it. A stream without end never calls it: readers of `pipe:` URLs take members
/// as they arrive.
public struct WebDatasetStream: Sendable {
    let format: WebDatasetFormat
    /// Named in messages about a sample that cannot be written.
    let name: String
    /// Bytes of members so far.
    public private(set) var size = 0

    public init(format: WebDatasetFormat, name: String) {
        self.format = format
        self.name = name
    }

    /// The sample's members as runs of bytes: per member a header, its bytes and padding.
    public mutating func members(_ sample: SampleOutput) throws(WriteError) -> [ArraySlice<UInt8>] {
        var parts = try TarArchive.parts(try format.entries(sample, tar: name))
        // `parts` closes an archive; a stream closes only at its end.
        parts.removeLast()
        size += parts.reduce(0) { $0 + $1.count }
        return parts
    }

    /// The end of the archive: two zero blocks, padded to a whole record.
    public func end() -> ArraySlice<UInt8> {
        TarArchive.zeros[..<(TarArchive.padded(size + 2 * TarArchive.blockSize, to: TarArchive.recordSize) - size)]
    }
}
