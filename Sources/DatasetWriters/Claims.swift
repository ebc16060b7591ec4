import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One owner per unit of work in an output folder that several processes share (split runs,
/// `--resume` next to a running `generate`, Slurm arrays, Kubernetes Indexed Jobs).
///
/// A process claims a shard (or the finalize step) before making it: it creates
/// `.scenewright/claims/<name>.json` exclusively, as a hard link to a complete file staged in
/// `.scenewright/tmp/` (so no reader ever sees a half-written claim; `link` is exclusive on
/// NFS too), and removes it when the work is done. The claim file names its ``ClaimOwner``.
/// A claim whose owner is gone (``ClaimOwner/isLive(maxAge:here:)``) is taken over: the new
/// claim is renamed over it and read back, and the old owner's temporaries are removed.
/// Whoever holds a claim keeps its temporaries in its own ``Claim/temporaryFolder``, so no
/// process ever removes or renames another's half-written files.
public struct Claims: Sendable {
    /// How long a claim made on another host counts as live (seconds): 6 hours unless
    /// `SCENEWRIGHT_CLAIM_HOURS` says otherwise.
    public static let defaultMaxAge: Double = 6 * 3600
    public static let maxAgeVariable = "SCENEWRIGHT_CLAIM_HOURS"

    /// The claims folder and the temporaries folder.
    let folder: String
    let temporaries: String
    /// This process's identity in its claims (the token is this instance's; `started` is
    /// stamped anew by ``now()``).
    let me: ClaimOwner
    let maxAge: Double

    /// Claims of the output folder `state` (its `.scenewright`).
    init(state: String, maxAge: Double) {
        folder = state + "/claims"
        temporaries = state + "/tmp"
        me = ClaimOwner.current(token: String(UInt64.random(in: 1...UInt64.max), radix: 16))
        self.maxAge = maxAge
    }

    /// The other-host age from `SCENEWRIGHT_CLAIM_HOURS`, or the default.
    public static func maxAge(environment: [String: String]) throws(WriteError) -> Double {
        guard let raw = environment[maxAgeVariable] else { return defaultMaxAge }
        guard let hours = Double(raw), hours > 0, hours.isFinite else {
            throw WriteError(path: maxAgeVariable, message: "'\(raw)' is not a positive number of hours")
        }
        return hours * 3600
    }

    /// The outcome of ``claim(_:)``.
    public enum Result: Sendable {
        case claimed(Claim)
        case held(by: ClaimOwner)
    }

    func path(_ name: String) -> String { folder + "/" + name + ".json" }

    /// This process as the owner of a claim made now (and as the judge of others' ages).
    func now() -> ClaimOwner {
        var owner = me
        owner.started = Int(Date().timeIntervalSince1970)
        return owner
    }

    /// Claims `name` for this process, taking over a claim whose owner is gone; or says who
    /// holds it.
    func claim(_ name: String) throws(WriteError) -> Result {
        let path = path(name)
        let staged = temporaries + "/" + name + "-" + me.token + ".claim"
        defer { unlink(staged) }
        // A few rounds: a claim can be released or taken over between two looks at it.
        for _ in 0..<20 {
            let here = now()
            try AtomicFile.writeFile(here.bytes, to: staged)
            if link(staged, path) == 0 { return .claimed(try start(name, replacing: nil)) }
            guard errno == EEXIST else { throw WriteError(path: path, message: AtomicFile.systemMessage()) }
            guard let seen = try? AtomicFile.read(path) else { continue }  // released meanwhile
            let owner = ClaimOwner(bytes: seen)
            // Held by this process already (through another claim of the same name), or live.
            if let owner, owner.token == me.token || owner.isLive(maxAge: maxAge, here: here) {
                return .held(by: owner)
            }
            // Stale: take it over, unless it changed since it was read; then make sure the
            // claim read back is ours (another process taking it over at the same moment
            // may have renamed its own over it).
            guard (try? AtomicFile.read(path)) == seen else { continue }
            guard rename(staged, path) == 0 else { throw WriteError(path: path, message: AtomicFile.systemMessage()) }
            guard isMine(name) else { continue }
            return .claimed(try start(name, replacing: owner))
        }
        throw WriteError(path: path, message: "changed hands too often to be claimed; try again")
    }

    /// A fresh temporaries folder for a claim just won; the previous owner's is removed.
    func start(_ name: String, replacing previous: ClaimOwner?) throws(WriteError) -> Claim {
        if let previous { try AtomicFile.remove(temporaries + "/" + name + "-" + previous.token) }
        let claim = Claim(name: name, temporaryFolder: temporaries + "/" + name + "-" + me.token)
        try AtomicFile.remove(claim.temporaryFolder)
        try AtomicFile.makeDirectory(claim.temporaryFolder)
        return claim
    }

    /// Whether the claim file of `name` is still this process's.
    func isMine(_ name: String) -> Bool {
        guard let bytes = try? AtomicFile.read(path(name)) else { return false }
        return ClaimOwner(bytes: bytes)?.token == me.token
    }

    /// Removes the claim's temporaries, then the claim (if it is still this process's).
    func release(_ claim: Claim) {
        try? AtomicFile.remove(claim.temporaryFolder)
        if isMine(claim.name) { unlink(path(claim.name)) }
    }

    /// Removes what this process holds, as far as it can while its threads may still be writing
    /// (a quick exit on a second Ctrl-C): each of its temporaries, then each of its claims whose
    /// temporaries are gone. A claim left (its folder was being written into) is a gone
    /// process's claim, which the next run takes over, removing its temporaries.
    func abandonAll() {
        let fm = FileManager.default
        let mine = "-" + me.token
        for file in ((try? fm.contentsOfDirectory(atPath: temporaries)) ?? []).sorted() where file.contains(mine) {
            try? AtomicFile.remove(temporaries + "/" + file)
        }
        for file in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted() where file.hasSuffix(".json") {
            let name = String(file.dropLast(".json".count))
            if isMine(name) && !AtomicFile.exists(temporaries + "/" + name + mine) { unlink(path(name)) }
        }
    }

    /// Every claim in the folder held by another live process, by name.
    func liveOwners() -> [(name: String, owner: ClaimOwner)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let here = now()
        return names.sorted().compactMap { file in
            guard file.hasSuffix(".json"), let bytes = try? AtomicFile.read(folder + "/" + file),
                let owner = ClaimOwner(bytes: bytes), owner.token != me.token,
                owner.isLive(maxAge: maxAge, here: here)
            else { return nil }
            return (String(file.dropLast(".json".count)), owner)
        }
    }

    /// Takes over and releases every claim whose owner is gone, with its temporaries.
    func removeStale() throws(WriteError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in names.sorted() where file.hasSuffix(".json") {
            if case .claimed(let claim) = try claim(String(file.dropLast(".json".count))) { release(claim) }
        }
    }
}

/// A claim this process holds: its name and the folder for its temporaries.
public struct Claim: Sendable {
    public let name: String
    public let temporaryFolder: String
}
