import Foundation
import PlanFiles

/// Finds Scenewright's data directory: the folder holding `assets/` (palettes, lexicons) and
/// `scenes/` (shipped plans). Looked up, in order: `$SCENEWRIGHT_HOME`; the folders above the
/// running executable (a checkout's `.build/<config>/scenewright`); the current directory and
/// its parents.
public enum ResourceLocator {
    public static func home(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PlanError)
        -> URL
    {
        if let explicit = environment["SCENEWRIGHT_HOME"], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit)
            guard isHome(url) else {
                throw PlanError(
                    file: "", field: "SCENEWRIGHT_HOME",
                    message: "\(explicit) has no assets/palettes.yaml; point it at a Scenewright checkout")
            }
            return url
        }
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        starts.append(exe.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                if isHome(dir) { return dir }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw PlanError(
            file: "", field: "SCENEWRIGHT_HOME",
            message: "cannot find Scenewright's assets/ and scenes/; run from a checkout or set SCENEWRIGHT_HOME")
    }

    static func isHome(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("assets/palettes.yaml").path)
    }

    /// The shipped plans, sorted by name.
    public static func shippedPlans(home: URL) -> [URL] {
        let dir = home.appendingPathComponent("scenes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The default plan, scenes/shapes.yaml.
    public static func defaultPlan(home: URL) -> URL { home.appendingPathComponent("scenes/shapes.yaml") }
}
