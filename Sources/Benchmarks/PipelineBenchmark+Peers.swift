import Dispatch
import Foundation
import PNGCodec
import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Whole processes side by side, one after another on the same count: Scenewright's own
/// command line with indexed and with RGB images, the naive C + libpng generator of
/// ../shared/peers/png_limit.c and the Pillow script at its default level and at this run's.
extension PipelineBenchmark {
    /// Wall time of one process, or why it could not run.
    static func wholeProcess(_ executable: String, _ arguments: [String]) -> Result<Double, BenchmarkError> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        do { try process.run() } catch { return .failure(BenchmarkError("\(executable): \(error)")) }
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard process.terminationStatus == 0 else {
            let last = text.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            return .failure(BenchmarkError("\(URL(fileURLWithPath: executable).lastPathComponent): \(last)"))
        }
        return .success(seconds)
    }

    /// The peers and both of Scenewright's image kinds, each a whole process on `count` images,
    /// all taking turns in each of `rounds` rounds: a single process's wall time moves by a
    /// fifth on these machines, so each rate is the median of its rounds and each ratio the
    /// median of the rounds' ratios.
    func runWholeProcesses(temp: URL, report: (String) -> Void) throws {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let plan = setup.planURL.path
        var runs: [(name: String, executable: String, arguments: [String], out: URL?)] = []
        var notes: [String] = []
        for color in ["indexed", "rgb"] {
            let out = temp.appendingPathComponent("whole-\(color)")
            runs.append(
                (
                    color, me,
                    [
                        "generate", "--plan", plan, "--count", String(count), "--seed", String(seed), "--workers", "1",
                        "--png-color", color, "--png-level", String(png.level), "--out", out.path, "--quiet",
                    ], out
                ))
        }
        let peers = setup.home.deletingLastPathComponent().appendingPathComponent("shared/peers")
        let source = peers.appendingPathComponent("png_limit.c").path
        if FileManager.default.fileExists(atPath: source) {
            let binary = temp.appendingPathComponent("png_limit").path
            switch Self.wholeProcess("/usr/bin/env", ["cc", "-O2", "-o", binary, source, "-lpng", "-lz", "-lm"]) {
            case .success:
                let out = temp.appendingPathComponent("naive-c")
                runs.append(
                    (
                        "naive C", binary,
                        ["--gen", String(count), "--out", out.path, "--level", String(png.level), "--seed", "1"], out
                    ))
            case .failure(let e): notes.append("naive C: not built (\(e); needs cc and libpng-dev)")
            }
        } else {
            notes.append("naive C: skipped (\(source) not found)")
        }
        let pil = peer ?? peers.appendingPathComponent("pil_peer.py").path
        if FileManager.default.fileExists(atPath: pil) {
            let venv = setup.home.appendingPathComponent(".venv/bin/python").path
            let interpreter = python ?? (FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3")
            for level in Array(Set([6, png.level])).sorted(by: >) {
                let out = temp.appendingPathComponent("pil-\(level)")
                runs.append(
                    (
                        "Pillow level \(level)", interpreter,
                        [pil, "--n", String(count), "--out", out.path, "--level", String(level)], out
                    ))
            }
        } else {
            notes.append("Pillow: skipped (\(pil) not found)")
        }
        var rates: [String: [Double]] = [:]
        var failed = Set<String>()
        for _ in 0..<rounds {
            for run in runs where !failed.contains(run.name) {
                if let out = run.out, run.name == "naive C" {
                    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                }
                switch Self.wholeProcess(run.executable, run.arguments) {
                case .success(let s): rates[run.name, default: []].append(Double(count) / s)
                case .failure(let e):
                    failed.insert(run.name)
                    let hint = run.name.hasPrefix("Pillow") ? "; install Pillow: scripts/setup.sh --python" : ""
                    notes.append("\(run.name): skipped (\(e)\(hint))")
                }
                if let out = run.out { try? FileManager.default.removeItem(at: out) }
            }
        }
        func median(_ xs: [Double]) -> Double? {
            guard !xs.isEmpty else { return nil }
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let listed = runs.map(\.name).compactMap { name in
            median(rates[name] ?? []).map { String(format: "%@ %.0f/s", name, $0) }
        }
        report(
            "whole processes, \(count) images each, one worker, zlib level \(png.level), medians of \(rounds) rounds: "
                + listed.joined(separator: ", "))
        /// The median over rounds of indexed's rate over `name`'s in the same round.
        func ratio(_ name: String) -> Double? {
            guard let ix = rates["indexed"], let other = rates[name], ix.count == other.count else { return nil }
            return median(zip(ix, other).map { $0 / $1 })
        }
        var ratios: [String] = []
        if let r = ratio("rgb") { ratios.append(String(format: "%.2fx RGB (target >= 1.5)", r)) }
        if let r = ratio("naive C") { ratios.append(String(format: "%.2fx naive C (target >= 1.3)", r)) }
        if let r = ratio("Pillow level 6") {
            ratios.append(String(format: "%.1fx Pillow at its default level 6 (target >= 10)", r))
        }
        if png.level != 6, let r = ratio("Pillow level \(png.level)") {
            ratios.append(String(format: "%.1fx Pillow at level %d", r, png.level))
        }
        if !ratios.isEmpty {
            report("indexed pipeline, median of the rounds' ratios: " + ratios.joined(separator: ", "))
        }
        if !notes.isEmpty { report("notes: " + notes.joined(separator: "; ")) }
    }
}

/// A benchmark step that could not run, with why.
public struct BenchmarkError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
