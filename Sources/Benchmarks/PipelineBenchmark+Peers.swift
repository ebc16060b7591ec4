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

    /// The peers and both of Scenewright's image kinds, each a whole process on `count` images.
    func runWholeProcesses(temp: URL, report: (String) -> Void) throws {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let plan = setup.planURL.path
        var rates: [String: Double] = [:]
        var notes: [String] = []
        func ours(_ color: String) {
            let out = temp.appendingPathComponent("whole-\(color)")
            let args = [
                "generate", "--plan", plan, "--count", String(count), "--seed", String(seed), "--workers", "1",
                "--png-color", color, "--png-level", String(png.level), "--out", out.path, "--quiet",
            ]
            switch Self.wholeProcess(me, args) {
            case .success(let s): rates[color] = Double(count) / s
            case .failure(let e): notes.append("scenewright \(color): \(e)")
            }
            try? FileManager.default.removeItem(at: out)
        }
        ours("indexed")
        ours("rgb")
        let peers = setup.home.deletingLastPathComponent().appendingPathComponent("shared/peers")
        let source = peers.appendingPathComponent("png_limit.c").path
        if FileManager.default.fileExists(atPath: source) {
            let binary = temp.appendingPathComponent("png_limit").path
            switch Self.wholeProcess("/usr/bin/env", ["cc", "-O2", "-o", binary, source, "-lpng", "-lz", "-lm"]) {
            case .success:
                let out = temp.appendingPathComponent("naive-c")
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                switch Self.wholeProcess(
                    binary, ["--gen", String(count), "--out", out.path, "--level", String(png.level), "--seed", "1"])
                {
                case .success(let s): rates["naive C"] = Double(count) / s
                case .failure(let e): notes.append("naive C: \(e)")
                }
                try? FileManager.default.removeItem(at: out)
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
                switch Self.wholeProcess(
                    interpreter, [pil, "--n", String(count), "--out", out.path, "--level", String(level)])
                {
                case .success(let s): rates["Pillow level \(level)"] = Double(count) / s
                case .failure(let e):
                    notes.append("Pillow level \(level): skipped (\(e); install Pillow: scripts/setup.sh --python)")
                }
                try? FileManager.default.removeItem(at: out)
            }
        } else {
            notes.append("Pillow: skipped (\(pil) not found)")
        }
        let order = ["indexed", "rgb", "naive C", "Pillow level 6", "Pillow level \(png.level)"]
        var seen = Set<String>()
        let listed = order.filter { seen.insert($0).inserted }.compactMap { name in
            rates[name].map { String(format: "%@ %.0f/s", name, $0) }
        }
        report(
            "whole processes, \(count) images each, one worker, zlib level \(png.level): "
                + listed.joined(separator: ", "))
        if let ix = rates["indexed"] {
            var ratios: [String] = []
            if let rgb = rates["rgb"] { ratios.append(String(format: "%.2fx RGB (target >= 1.5)", ix / rgb)) }
            if let c = rates["naive C"] { ratios.append(String(format: "%.2fx naive C (target >= 1.3)", ix / c)) }
            if let p = rates["Pillow level 6"] {
                ratios.append(String(format: "%.1fx Pillow at its default level 6 (target >= 10)", ix / p))
            }
            if png.level != 6, let p = rates["Pillow level \(png.level)"] {
                ratios.append(String(format: "%.1fx Pillow at level %d", ix / p, png.level))
            }
            report("indexed pipeline: " + ratios.joined(separator: ", "))
        }
        if !notes.isEmpty { report("notes: " + notes.joined(separator: "; ")) }
    }
}

/// A benchmark step that could not run, with why.
public struct BenchmarkError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
