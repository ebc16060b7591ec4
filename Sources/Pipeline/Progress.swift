import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reports a run's progress on standard error: a live bar with rate and ETA on a terminal,
/// a plain line every ten seconds otherwise (cluster logs keep every line), nothing when
/// quiet. Safe to call from every worker.
public final class Progress: Sendable {
    public enum Style: Sendable { case bar, lines, quiet }

    public let total: Int
    public let style: Style
    private let label: String
    private let start = DispatchTime.now().uptimeNanoseconds
    /// Samples made so far and when the last line was written.
    private let state = Mutex((done: 0, lastReport: UInt64(0)))

    public init(total: Int, style: Style, label: String = "") {
        self.total = total
        self.style = style
        self.label = label
    }

    /// `.bar` on a terminal, `.lines` otherwise, `.quiet` when asked.
    public static func style(quiet: Bool) -> Style {
        quiet ? .quiet : (isatty(2) != 0 ? .bar : .lines)
    }

    public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Counts `n` more samples made.
    public func add(_ n: Int) {
        guard style != .quiet else { return }
        state.withLock { state in
            state.done += n
            let now = DispatchTime.now().uptimeNanoseconds
            let interval: UInt64 = style == .bar ? 200_000_000 : 10_000_000_000
            guard now - state.lastReport >= interval || state.done == total else { return }
            state.lastReport = now
            report(done: state.done, final: false)
        }
    }

    /// Ends the bar's line.
    public func finish() {
        guard style == .bar else { return }
        state.withLock { report(done: $0.done, final: true) }
    }

    /// Writes one report; called under the lock, so lines never interleave.
    private func report(done: Int, final: Bool) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let percent = total > 0 ? 100 * done / total : 100
        let numbers =
            "\(done)/\(total) samples, \(Int(rate.rounded())) samples/s, "
            + (done < total ? "ETA \(Progress.clock(eta))" : "\(Progress.clock(seconds))")
        switch style {
        case .bar:
            let width = 24
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(
                Data("\r\(label)[\(bar)] \(percent)% \(numbers)\u{1B}[K\(final ? "\n" : "")".utf8))
        case .lines:
            FileHandle.standardError.write(Data("\(label)progress: \(percent)% \(numbers)\n".utf8))
        case .quiet: break
        }
    }

    /// `h:mm:ss` or `m:ss`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }
}

/// A request to stop, set by Ctrl-C (SIGINT) or SIGTERM: workers finish the sample they are
/// making and stop; finished shards stay, marked complete, for `--resume`. A second signal
/// runs the ``onQuickExit(_:)`` cleanup (removing what it can of this process's temporaries
/// and claims) and exits at once with status 130.
public final class Interruption: Sendable {
    private let requested = Atomic(false)
    private let beforeQuickExit = Mutex<@Sendable () -> Void>({})
    /// Kept so the signal sources live as long as the request they route to.
    private let sources = Mutex<[DispatchSourceSignal]>([])

    public init() {}

    public var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// What a second signal does before exiting (set once the run has files to clean up).
    public func onQuickExit(_ cleanup: @escaping @Sendable () -> Void) {
        beforeQuickExit.withLock { $0 = cleanup }
    }

    public func request() {
        let again = requested.exchange(true, ordering: .relaxed)
        if again {
            beforeQuickExit.withLock { $0 }()
            exit(130)
        }
        FileHandle.standardError.write(
            Data("\ninterrupted: finishing the current samples; press Ctrl-C again to quit at once\n".utf8))
    }

    /// Routes SIGINT and SIGTERM to ``request()``.
    public func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            // Made inside the lock: the sources belong to this object from the start.
            sources.withLock { sources in
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { [weak self] in self?.request() }
                source.resume()
                sources.append(source)
            }
        }
    }
}
