import Foundation
import FuzzDriver
import PlanFiles
import SceneSampler

/// Plan YAML text -> ScenePlan: any input gives a plan or a PlanError, never a trap. Palettes
/// and levels are read from SCENEWRIGHT_HOME, else the working directory.
@main
enum PlanHarness {
    static let home = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SCENEWRIGHT_HOME"] ?? ".")

    static func main() {
        runLibFuzzer { data, size in
            let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
            do throws(PlanError) {
                _ = try ScenePlan.parse(try YAMLValue.parse(text, file: "fuzz.yaml"), home: PlanHarness.home)
            } catch {
                _ = error.description
            }
            return 0
        }
    }
}
