import Foundation
import PNGCodec
import SampleRecords

/// Writes a dataset shard by shard in any set of ``DatasetFormat``s, then merges the shards'
/// pieces into the formats' whole-run files.
///
/// A shard is the unit of work and of recovery. Writing one puts its files in place (each under
/// a temporary name, renamed when complete), its pieces under `.scenewright/shards/<name>/`,
/// syncs the file system, and writes the shard's completion marker
/// `.scenewright/shards/<name>.json` last: format version, sample count, and size and CRC-32
/// of every file and piece. A shard without a valid marker is unfinished whatever else is on disk, and is
/// regenerated on resume. ``finalize(metadata:)`` assembles the merged files from the pieces
/// of every shard, in shard order, and writes `run.json` last: the dataset is complete when
/// `run.json` exists.
///
/// The run's manifest (`.scenewright/manifest.json`, written first) identifies the run: a
/// folder holding another run's manifest, or one of another ``FormatVersion``, is refused, so
/// resuming never mixes two runs.
///
/// Different shards may be written from different threads or processes at once; a shard (and
/// the finalize step) has one owner at a time, the process that holds its claim (``Claims``).
public final class DatasetSink: Sendable {
    public static let stateFolder = ".scenewright"
    public static let manifestName = "manifest.json"
    public static let markerName = "run.json"
    /// Every top-level name a run writes: the sink's own, the shared images and every
    /// registered format's, sorted. `--overwrite` removes these and nothing else, so an output
    /// folder shared with other files keeps them.
    public static let ownedNames =
        ([stateFolder, markerName] + FormatRegistry.sharedNames
        + FormatRegistry.formats.flatMap { $0.ownedNames }).sorted()

    public let directory: String
    public let run: RunInfo
    public let formats: [any DatasetFormat]
    /// Whether to flush to disk before each completion marker (off only for benchmarks on
    /// RAM-backed folders, where it is meaningless).
    let durable: Bool
    /// This process's claims on the folder's shards.
    let claims: Claims

    /// Prepares `directory` for the run described by `manifest`.
    ///
    /// - A folder that holds no dataset is used as is.
    /// - With `resume` (also for every task of a split run, which share the folder), a folder
    ///   holding this same run (equal manifest) is used with what it holds; one holding a
    ///   different run, or a run of another format version, is refused.
    /// - With `overwrite`, a dataset already there is removed first (only ``ownedNames``).
    /// - Otherwise an existing dataset is refused, naming both options.
    ///
    /// Claims made on another host count as live for `claimMaxAge` seconds.
    public init(
        directory: String, run: RunInfo, formats: [any DatasetFormat], manifest: [UInt8], overwrite: Bool = false,
        resume: Bool = false, durable: Bool = true, claimMaxAge: Double = Claims.defaultMaxAge
    ) throws(WriteError) {
        self.directory = directory
        self.run = run
        self.formats = formats
        self.durable = durable
        claims = Claims(state: directory + "/" + Self.stateFolder, maxAge: claimMaxAge)
        var isDirectory: ObjCBool = false
        let fm = FileManager.default
        if fm.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw WriteError(path: directory, message: "exists and is not a folder")
        }
        let manifestPath = directory + "/" + Self.stateFolder + "/" + Self.manifestName
        let different =
            "holds a different run (its \(Self.stateFolder)/\(Self.manifestName) differs from this command's plan, seed, range, shards or formats); finish it with the command that started it, or clear the folder (--overwrite, for a single-process run)"
        // The sink's own folder may be another task's, created a moment ago: it alone is no
        // dataset. Data files, or a manifest, are.
        let existing = Self.ownedNames.filter { $0 != Self.stateFolder && fm.fileExists(atPath: directory + "/" + $0) }
        let manifestExisted = fm.fileExists(atPath: manifestPath)
        if overwrite {
            if let (name, owner) = claims.liveOwners().first {
                throw WriteError(
                    path: directory,
                    message:
                        "is in use: \(Self.describe(name)) by \(owner); --overwrite would remove its files. Stop that process first"
                )
            }
            for name in Self.ownedNames { try AtomicFile.remove(directory + "/" + name) }
        } else if resume {
            guard manifestExisted || existing.isEmpty else {
                throw WriteError(
                    path: directory,
                    message:
                        "already holds files of a dataset without a run manifest (\(existing.joined(separator: ", "))); choose another --out, or --overwrite to replace it"
                )
            }
        } else if manifestExisted || !existing.isEmpty {
            throw WriteError(
                path: directory,
                message:
                    "already holds a dataset (\((existing.isEmpty ? [Self.stateFolder] : existing).joined(separator: ", "))); choose another --out, pass --resume to finish the same run, or --overwrite to replace it"
            )
        }
        for folder in ["shards", "claims", "tmp"] {
            try AtomicFile.makeDirectory(directory + "/" + Self.stateFolder + "/" + folder)
        }
        // The manifest is created exclusively (tasks of a split run start together): the
        // first task's stands, every other task compares its own with it.
        let staged = claims.temporaries + "/manifest-" + claims.me.token + ".json"
        try AtomicFile.writeFile(manifest, to: staged, sync: durable)
        defer { unlink(staged) }
        if link(staged, manifestPath) != 0 {
            guard errno == EEXIST else {
                throw WriteError(path: manifestPath, message: String(cString: strerror(errno)))
            }
            guard let old = fm.contents(atPath: manifestPath) else {
                throw WriteError(path: manifestPath, message: "cannot be read")
            }
            try FormatVersion.check(try? JSONValue.parse([UInt8](old)), folder: directory)
            guard [UInt8](old) == manifest else { throw WriteError(path: directory, message: different) }
        }
    }

    /// A temporary name for `path` (relative) in a claim's temporaries folder: unique among
    /// the files of a run, and renaming from there into place stays on one file system.
    func temporary(for path: String, in claim: Claim) -> String {
        claim.temporaryFolder + "/" + String(path.map { $0 == "/" ? "%" : $0 })
    }

    /// Writes `bytes` at the relative `path` through the claim's temporaries folder.
    func place(_ bytes: [UInt8], at path: String, in claim: Claim, sync: Bool = false) throws(WriteError) {
        try AtomicFile.write(bytes, to: directory + "/" + path, temporary: temporary(for: path, in: claim), sync: sync)
    }

    /// Writes a shard file's runs at its relative path through the claim's temporaries folder;
    /// returns their size and CRC-32.
    func place(_ file: ShardFile, in claim: Claim) throws(WriteError) -> (size: Int, crc: CRC32) {
        let path = directory + "/" + file.path
        if file.parts.count == 1 {
            // One run (an image, an annotation file): written as it is, no staging buffer.
            try AtomicFile.write(file.parts[0], to: path, temporary: temporary(for: file.path, in: claim))
            return (file.parts[0].count, CRC32(file.parts[0]))
        }
        let out = try AtomicFile.Stream(path: path, temporary: temporary(for: file.path, in: claim))
        for part in file.parts { try out.append(part) }
        try out.commit(sync: false)
        return (out.size, out.crc)
    }

    func shardFolder(_ shard: ShardInfo) -> String {
        directory + "/" + Self.stateFolder + "/shards/" + shard.name
    }

    func markerPath(_ shard: ShardInfo) -> String { shardFolder(shard) + ".json" }

    /// True when the shard's completion marker is there, of the current format version, and
    /// every file and piece it lists has the recorded size and CRC-32.
    public func isComplete(_ shard: ShardInfo) -> Bool {
        guard let bytes = try? AtomicFile.read(markerPath(shard)), let marker = try? JSONValue.parse(bytes),
            marker[FormatVersion.field]?.intValue == FormatVersion.current,
            marker["samples"]?.intValue == shard.count, let entries = marker["entries"]?.arrayValue
        else { return false }
        for entry in entries {
            guard let path = entry["path"]?.stringValue, let size = entry["bytes"]?.intValue,
                let crc = entry["crc32"]?.stringValue, let content = try? AtomicFile.read(directory + "/" + path),
                content.count == size, CRC32(content).hex == crc
            else { return false }
        }
        return true
    }

    /// Claims `shard` for this process (see ``Claims``), or says which live process holds it.
    public func claim(_ shard: ShardInfo) throws(WriteError) -> Claims.Result {
        try claims.claim(shard.name)
    }

    /// Gives up a claim: its temporaries, then its claim file.
    public func release(_ claim: Claim) { claims.release(claim) }

    /// Removes this process's temporaries and claims, as far as it can, before a quick exit
    /// (see ``Claims/abandonAll()``); a completed shard's marker stays valid.
    public func abandon() { claims.abandonAll() }

    /// Claims held by other live processes: shard names (or `finalize`) and owners, sorted.
    public func liveClaims() -> [(name: String, owner: ClaimOwner)] { claims.liveOwners() }

    static let finalizeClaim = "finalize"

    /// What a claim name stands for, in messages.
    static func describe(_ claimName: String) -> String {
        claimName == finalizeClaim ? "the run is being finalized" : "shard \(claimName) is being made"
    }

    /// "shard 000003 is being made by pid 4242 on node7 since … (.scenewright/claims/000003.json)".
    public static func describe(claim name: String, owner: ClaimOwner) -> String {
        "\(describe(name)) by \(owner) (\(stateFolder)/claims/\(name).json)"
    }

    /// Writes one shard, which `claim` holds: its samples (in index order) in every format,
    /// then its marker. Returns the bytes written.
    @discardableResult
    public func write(shard: ShardInfo, samples: [SampleOutput], claim: Claim) throws(WriteError) -> Int {
        guard samples.count == shard.count * run.samplesPerIndex else {
            throw WriteError(
                path: shardFolder(shard),
                message:
                    "shard \(shard.name) got \(samples.count) samples, expected \(shard.count * run.samplesPerIndex)")
        }
        try AtomicFile.remove(markerPath(shard))
        // A marker being rewritten says nothing; nor does a finished run's run.json.
        try AtomicFile.remove(directory + "/" + Self.markerName)
        // Files first, each path once (several formats point at the same images/<key>.png).
        // Each is summed as it is written: the marker lists size and CRC-32 of everything.
        var entries: [(path: String, size: Int, crc: CRC32)] = []
        var seen = Set<String>()
        var folders = Set<String>()
        for format in formats {
            for file in try format.shardFileParts(shard, samples, run: run) where seen.insert(file.path).inserted {
                let full = directory + "/" + file.path
                let folder = (full as NSString).deletingLastPathComponent
                if folders.insert(folder).inserted { try AtomicFile.makeDirectory(folder) }
                let (size, crc) = try place(file, in: claim)
                entries.append((file.path, size, crc))
            }
        }
        let pieceFolder = shardFolder(shard)
        try AtomicFile.remove(pieceFolder)
        try AtomicFile.makeDirectory(pieceFolder)
        let relativePieces = Self.stateFolder + "/shards/" + shard.name + "/"
        for format in formats {
            for piece in try format.pieces(shard, samples, run: run) {
                try AtomicFile.writeFile(piece.bytes, to: pieceFolder + "/" + piece.name)
                entries.append((relativePieces + piece.name, piece.bytes.count, CRC32(piece.bytes)))
            }
        }
        if durable { AtomicFile.syncWrittenData(under: directory) }
        var w = JSONWriter(capacity: 256 + 96 * entries.count)
        var total = 0
        w.beginObject()
        w.key("entries")
        w.beginArray()
        for (path, size, crc) in entries {
            total += size
            w.beginObject()
            w.key("bytes")
            w.int(size)
            w.key("crc32")
            w.string(crc.hex)
            w.key("path")
            w.string(path)
            w.endObject()
        }
        w.endArray()
        w.key("first_index")
        w.int(Int(truncatingIfNeeded: shard.firstIndex))
        w.key(string: FormatVersion.field)
        w.int(FormatVersion.current)
        w.key("samples")
        w.int(shard.count)
        w.key("shard")
        w.int(shard.number)
        w.endObject()
        w.rawBytes([0x0A])
        // Only the owner marks the shard complete: a claim taken over meanwhile (its owner seemed
        // gone) means another process is making the same bytes, and its marker will say so.
        guard claims.isMine(claim.name) else {
            throw WriteError(
                path: markerPath(shard),
                message:
                    "shard \(shard.name) was taken over by another process while this one made it (its claim looked stale: see \(Claims.maxAgeVariable)); run the same command with --resume if that process does not finish it"
            )
        }
        try place(w.bytes, at: Self.stateFolder + "/shards/" + shard.name + ".json", in: claim, sync: durable)
        return total
    }

    /// Shards of the run without a completion marker.
    public func unfinishedShards() -> [ShardInfo] {
        run.shards.filter { !AtomicFile.exists(markerPath($0)) }
    }

    /// Assembles every format's merged files from the pieces of all shards, in shard order,
    /// then writes `run.json` (the run's metadata) last. Refuses while another live process
    /// holds a claim (a shard being made, or another finalize), naming it.
    public func finalize(metadata: JSONValue) throws(WriteError) {
        if let (name, owner) = try finalizeUnlessClaimed(metadata: metadata) {
            throw WriteError(
                path: directory, message: Self.describe(claim: name, owner: owner) + "; finalize when it is done")
        }
    }

    /// ``finalize(metadata:)``, except that a live claim of another process is returned and
    /// nothing done: that process finalizes the run when it has released its claim (a
    /// `generate` finalizes after releasing its last).
    public func finalizeUnlessClaimed(metadata: JSONValue) throws(WriteError) -> (name: String, owner: ClaimOwner)? {
        if let busy = claims.liveOwners().first { return busy }
        try claims.removeStale()
        let claim: Claim
        switch try claims.claim(Self.finalizeClaim) {
        case .claimed(let c): claim = c
        case .held(let owner): return (Self.finalizeClaim, owner)
        }
        defer { claims.release(claim) }
        try finalize(metadata: metadata, claim: claim)
        return nil
    }

    func finalize(metadata: JSONValue, claim: Claim) throws(WriteError) {
        let missing = unfinishedShards()
        guard missing.isEmpty else {
            let names = missing.prefix(8).map(\.name).joined(separator: ", ") + (missing.count > 8 ? ", ..." : "")
            throw WriteError(
                path: directory,
                message:
                    "\(missing.count) of \(run.shards.count) shards are not finished (\(names)); run the same command with --resume, or the missing shard tasks, before finalizing"
            )
        }
        // The pieces are what finalize reads: check them against their markers (shard files
        // are checked by `--resume`, which rereads everything).
        for shard in run.shards { try verifyPieces(shard) }
        for format in formats {
            for file in format.mergedFiles(run) { try assemble(file, in: claim) }
        }
        var bytes = metadata.bytes
        bytes.append(0x0A)
        try place(bytes, at: Self.markerName, in: claim, sync: durable)
    }

    func verifyPieces(_ shard: ShardInfo) throws(WriteError) {
        let marker = markerPath(shard)
        guard let parsed = try? JSONValue.parse(try AtomicFile.read(marker)),
            let entries = parsed["entries"]?.arrayValue
        else {
            throw WriteError(path: marker, message: "is not a completion marker; run the same command with --resume")
        }
        try FormatVersion.check(parsed, folder: directory)
        let prefix = Self.stateFolder + "/shards/" + shard.name + "/"
        for entry in entries {
            guard let path = entry["path"]?.stringValue, path.hasPrefix(prefix) else { continue }
            let content = try AtomicFile.read(directory + "/" + path)
            guard content.count == entry["bytes"]?.intValue, CRC32(content).hex == entry["crc32"]?.stringValue
            else {
                throw WriteError(
                    path: directory + "/" + path,
                    message:
                        "does not match shard \(shard.name)'s completion marker (damaged after it was written); run the same command with --resume to make the shard again"
                )
            }
        }
    }

    func assemble(_ file: MergedFile, in claim: Claim) throws(WriteError) {
        let path = directory + "/" + file.path
        try AtomicFile.makeDirectory((path as NSString).deletingLastPathComponent)
        let out = try AtomicFile.Stream(path: path, temporary: temporary(for: file.path, in: claim))
        var counter = 0
        for part in file.parts {
            switch part {
            case .literal(let bytes): try out.append(bytes)
            case .pieces(let name, let separator), .numberedPieces(let name, let separator):
                var numbered = false
                if case .numberedPieces = part { numbered = true }
                var first = true
                for shard in run.shards {
                    let piece = try AtomicFile.read(shardFolder(shard) + "/" + name)
                    guard !piece.isEmpty else { continue }
                    if !first { try out.append(separator) }
                    try out.append(numbered ? MergedFile.numbering(piece, from: &counter) : piece)
                    first = false
                }
            case .computed(let name, let make):
                var pieces: [[UInt8]] = []
                for shard in run.shards { pieces.append(try AtomicFile.read(shardFolder(shard) + "/" + name)) }
                try out.append(make(pieces))
            }
        }
        try out.commit()
    }
}
