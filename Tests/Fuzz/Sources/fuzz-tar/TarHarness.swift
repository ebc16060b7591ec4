import DatasetWriters
import FuzzDriver

/// Tar bytes -> entries, or a failure with its offset; never a trap.
@main
enum TarHarness {
    static func main() {
        runLibFuzzer { data, size in
            switch TarReader.entries(fuzzBytes(data, size)) {
            case .success(let entries): _ = entries.map(\.name)
            case .failure(let failure): _ = failure.description
            }
            return 0
        }
    }
}
