import DatasetWriters
import Foundation
import PNGCodec
import ScenewrightTestSupport
import Testing

@testable import Pipeline

/// The output contract: every byte of a fixed run in every format (the sink's own state
/// included) is pinned in Goldens/output-contract.txt together with ``FormatVersion/current``,
/// so output bytes cannot change without a new format version. After an intended change, bump
/// `FormatVersion.current`, add a row to docs/FORMATS.md's version table and regenerate with
/// `UPDATE_GOLDENS=1 swift test --filter OutputContractTests`.
@Suite struct OutputContractTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens/output-contract.txt")
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"
    /// PNG bytes depend on the zlib and libpng builds: the pin holds for the versions it names.
    static let libraries = ["libpng \(PNGLibrary.libpngVersion)", "zlib \(PNGLibrary.zlibVersion)"]
    static var goldenLines: [String] {
        ((try? String(contentsOf: golden, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
    static var sameLibraries: Bool { libraries.allSatisfy(goldenLines.contains) }

    /// The pinned run: two shards (the second short), every format, masks, every grounding
    /// style, English and Chinese. One line per file, `<crc32> <bytes> <path>`, in path order.
    static func digest() throws -> [String] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try ShardedRunTests.run(count: 6, shardSize: 4)
        let out = dir.path + "/out"
        try ShardedRunTests.write(r, to: out, workers: 2).finalize(metadata: r.setup.completion)
        let tree = try ShardedRunTests.tree(out)
        return ["format_version \(FormatVersion.current)"] + libraries
            + tree.keys.sorted().map { path in
                let bytes = [UInt8](tree[path] ?? Data())
                return "\(CRC32(bytes).hex) \(bytes.count) \(path)"
            }
    }

    @Test(
        .enabled(
            if: updating || sameLibraries,
            "the golden pins PNG bytes of other libpng/zlib versions; regenerate it where those are installed"))
    func outputBytesChangeOnlyWithTheFormatVersion() throws {
        let actual = try Self.digest()
        if Self.updating {
            try FileManager.default.createDirectory(
                at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (actual.joined(separator: "\n") + "\n").write(to: Self.golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = Self.goldenLines
        let regenerate = "UPDATE_GOLDENS=1 swift test --filter OutputContractTests"
        guard expected.first == actual.first else {
            Issue.record(
                "FormatVersion.current is \(FormatVersion.current) but \(Self.golden.lastPathComponent) pins '\(expected.first ?? "nothing")': regenerate it with \(regenerate), and give the version a row in docs/FORMATS.md"
            )
            return
        }
        let changed = Set(actual).symmetricDifference(expected).compactMap { $0.split(separator: " ").last }
        let paths = Set(changed).sorted()
        #expect(
            paths.isEmpty,
            "output bytes changed while FormatVersion.current stayed \(FormatVersion.current): \(paths.prefix(20).joined(separator: ", ")). If intended, bump FormatVersion.current (Sources/DatasetWriters/FormatVersion.swift), add a row to docs/FORMATS.md's version table and run \(regenerate); if not, the change breaks the output contract."
        )
    }
}
