import DatasetWriters
import Foundation
import ScenewrightTestSupport
import Testing

/// `scenewright stream`: tar bytes to standard output, as a `pipe:` reader gets them.
@Suite struct StreamTests {
    /// Runs a shell line with `$SW` set to the scenewright under test; returns its output.
    func shell(_ line: String) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", line]
        var environment = ProcessInfo.processInfo.environment
        environment["SW"] = TestResources.executable.path
        environment["SCENEWRIGHT_HOME"] = TestResources.home.path
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test(arguments: [[], ["--png-color", "indexed", "--masks"]])
    func aShardsStreamIsTheShardGenerateWrites(options: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let extra = options.joined(separator: " ")
        let made = try shell(
            "$SW generate --count 12 --shard-size 5 --seed 4 \(extra) --out \(dir.path)/run --quiet")
        #expect(made.status == 0, "\(made.stderr)")
        for shard in 0..<3 {
            let streamed = try shell("$SW stream --seed 4 --shard-size 5 --shard-index \(shard) \(extra)")
            #expect(streamed.status == 0, "\(streamed.stderr)")
            let written = try Data(
                contentsOf: URL(fileURLWithPath: "\(dir.path)/run/train/scenewright-00000\(shard).tar"))
            // The run's last shard holds 2 samples; a streamed shard always holds a whole shard.
            if shard < 2 {
                #expect(streamed.stdout == written, "shard \(shard)")
            } else {
                let entries = try TarReader.entries([UInt8](streamed.stdout)).get()
                let names = try TarReader.entries([UInt8](written)).get().map(\.name)
                #expect(Array(entries.map(\.name).prefix(names.count)) == names)
            }
        }
    }

    @Test func aStreamStartsAtItsIndexAndEndsAsATar() throws {
        let streamed = try shell("$SW stream --seed 4 --start-index 7 --count 3")
        #expect(streamed.status == 0, "\(streamed.stderr)")
        let names = try TarReader.entries([UInt8](streamed.stdout)).get().map(\.name)
        #expect(
            names == [
                "000000007.json", "000000007.png", "000000007.txt", "000000008.json", "000000008.png",
                "000000008.txt", "000000009.json", "000000009.png", "000000009.txt",
            ])
        #expect(streamed.stdout.count % 10240 == 0)
    }

    /// A reader that stops reading (`head`, a training job that ends) ends an endless stream
    /// with status 0 and nothing on standard error.
    @Test func aClosedPipeEndsTheStreamQuietly() throws {
        let r = try shell(
            "$SW stream --seed 4 2>\"$TMPDIR_ERR\" | head -c 300000 | wc -c; echo \"status ${PIPESTATUS[0]}\"; cat \"$TMPDIR_ERR\""
                .replacingOccurrences(of: "$TMPDIR_ERR", with: "/tmp/scenewright-stream-err-\(getpid())"))
        let text = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(text.first?.trimmingCharacters(in: .whitespaces) == "300000")
        #expect(text.dropFirst().first == "status 0")
        #expect(text.count == 2, "standard error said: \(text.dropFirst(2).joined(separator: "\n"))")
    }

    @Test func txtHoldsTheChosenCaption() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let made = try shell(
            "$SW generate --count 40 --seed 2 --txt detailed:zh=1,short=1 --out \(dir.path)/run --quiet")
        #expect(made.status == 0, "\(made.stderr)")
        let tar = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/run/train/scenewright-000000.tar"))
        let entries = try TarReader.entries([UInt8](tar)).get()
        var detailed = 0
        var short = 0
        for json in entries where json.name.hasSuffix(".json") {
            let key = json.name.dropLast(5)
            let txt = try #require(entries.first { $0.name == key + ".txt" })
            let record = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
            let captions = try #require(record["captions"] as? [String: [String: Any]])
            let text = String(decoding: txt.bytes, as: UTF8.self)
            if text == captions["zh"]?["detailed"] as? String { detailed += 1 }
            if text == captions["en"]?["short"] as? String { short += 1 }
        }
        #expect(detailed + short == 40)
        #expect(detailed >= 10 && short >= 10, "a mix of both: \(detailed) detailed, \(short) short")
        let verified = try shell("$SW verify \(dir.path)/run")
        #expect(verified.status == 0, "\(String(decoding: verified.stdout, as: UTF8.self)) \(verified.stderr)")
        let manifest = try String(contentsOfFile: "\(dir.path)/run/run.json", encoding: .utf8)
        #expect(manifest.contains(#""txt":"detailed:zh=1,short=1""#))

        let bad = try shell("$SW generate --count 2 --txt detailed:fr --out \(dir.path)/bad --quiet")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--txt") && bad.stderr.contains("'fr'"), "\(bad.stderr)")
    }
}
