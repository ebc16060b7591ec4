import Foundation
import SampleRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process that holds a claim (``Claims``), as written in its claim file: pid, host name,
/// start time and a token unique to the process; on Linux also the boot id and the kernel's
/// start time of the pid, so that a pid reused after the owner died, or after a reboot, is
/// not taken for the owner.
public struct ClaimOwner: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var host: String
    /// When the claim was made, in seconds since 1970 (UTC).
    public var started: Int
    public var token: String
    public var boot: String?
    public var pidStart: String?

    public init(pid: Int32, host: String, started: Int, token: String, boot: String? = nil, pidStart: String? = nil) {
        self.pid = pid
        self.host = host
        self.started = started
        self.token = token
        self.boot = boot
        self.pidStart = pidStart
    }

    /// This process, claiming now.
    static func current(token: String) -> ClaimOwner {
        let pid = getpid()
        return ClaimOwner(
            pid: pid, host: hostName(), started: Int(Date().timeIntervalSince1970), token: token,
            boot: bootID(), pidStart: startTime(of: pid))
    }

    /// "pid 4242 on node7 since 2025-03-01T10:00:00Z".
    public var description: String {
        let since = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(started)))
        return "pid \(pid) on \(host) since \(since)"
    }

    /// Whether the owner may still be at work: on this host, while its process exists (same pid,
    /// same boot, same process start); on another host, for `maxAge` seconds after it claimed.
    func isLive(maxAge: Double, here: ClaimOwner) -> Bool {
        guard host == here.host else { return Double(here.started - started) < maxAge }
        if let boot, let hereBoot = here.boot, boot != hereBoot { return false }
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        if let pidStart, let now = Self.startTime(of: pid), now != pidStart { return false }
        return true
    }

    /// The claim file's content: one JSON object, sorted keys.
    var bytes: [UInt8] {
        var fields: JSONObject = [
            "host": .string(host), "pid": .int(Int(pid)), "started": .int(started), "token": .string(token),
        ]
        if let boot { fields["boot"] = .string(boot) }
        if let pidStart { fields["pid_start"] = .string(pidStart) }
        return JSONValue.object(fields).bytes + [0x0A]
    }

    /// Reads a claim file's content; nil if it is not one (a damaged claim counts as stale).
    init?(bytes: [UInt8]) {
        guard let json = try? JSONValue.parse(bytes), let pid = json["pid"]?.intValue,
            let p = Int32(exactly: pid), let host = json["host"]?.stringValue,
            let started = json["started"]?.intValue, let token = json["token"]?.stringValue
        else { return nil }
        self.init(
            pid: p, host: host, started: started, token: token, boot: json["boot"]?.stringValue,
            pidStart: json["pid_start"]?.stringValue)
    }

    static func hostName() -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The kernel's boot id (Linux), which changes at every boot.
    static func bootID() -> String? {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The start time of process `pid` in clock ticks since boot (field 22 of
    /// `/proc/<pid>/stat`, Linux), which tells a reused pid from the original process.
    static func startTime(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name start with field 3 (state); field 22 is the 20th.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
