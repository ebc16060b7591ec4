import Describer
import FuzzDriver
import Pipeline
import PlanFiles

/// Lexicon YAML text -> Lexicon: any input gives a lexicon or a PlanError, never a trap.
@main
enum LexiconHarness {
    static func main() {
        runLibFuzzer { data, size in
            let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
            do throws(PlanError) {
                _ = try Lexicon.parse(try YAMLValue.parse(text, file: "fuzz.yaml"))
            } catch {
                _ = error.description
            }
            return 0
        }
    }
}
