import FuzzDriver
import SampleRecords

/// Record bytes -> JSONValue -> SampleRecord (what verify, stats, browse and render do with each
/// record); what reads back is written again. Any input gives a value or an error, never a trap.
@main
enum RecordHarness {
    static func main() {
        runLibFuzzer { data, size in
            guard let value = try? JSONValue.parse(fuzzBytes(data, size)) else { return 0 }
            var out: [UInt8] = []
            value.write(into: &out)
            guard let record = try? SampleRecord(json: value) else { return 0 }
            var writer = JSONWriter()
            record.write(into: &writer)
            return 0
        }
    }
}
