import SampleRecords

/// The version of Scenewright's output contract: every byte an unchanged command writes.
///
/// Bump ``current`` by one whenever any output byte of an unchanged command changes (pixels,
/// PNG encoding, text, record fields, ids, any format's files, the manifest, the markers, the
/// cards), then regenerate the pinned output with
/// `UPDATE_GOLDENS=1 swift test --filter OutputContractTests` and add a row to the table in
/// docs/FORMATS.md. `run.json`, the manifest, every shard completion marker and both dataset
/// cards state it; `--resume` and `finalize` refuse a folder written with another version, so
/// one dataset never mixes files of two versions.
public enum FormatVersion {
    public static let current = 5

    /// The manifest and marker field that holds the version.
    public static let field = "format_version"

    /// Refuses to continue the run in `folder` unless its manifest (or marker) `written` states
    /// the current version: a run's files must all be of one version.
    public static func check(_ written: JSONValue?, folder: String) throws(WriteError) {
        let found = written?[field]?.intValue
        guard found != current else { return }
        let stated =
            found.map { "output format version \($0)" }
            ?? "no output format version (written before versions were recorded)"
        throw WriteError(
            path: folder,
            message:
                "holds a run with \(stated), but this scenewright writes version \(current); files of two versions must not mix in one dataset. Finish or finalize it with the scenewright build that started it, or generate it anew (another --out, or --overwrite)"
        )
    }
}
