import Foundation
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters

@Suite struct FolderSinkTests {
    @Test func finishedRunHasEveryFileAndNoStaging() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/ds"
        let sink = try FolderSink(directory: out, overwrite: false)
        try sink.write(key: "000000000", png: [1, 2, 3], record: Array(#"{"key":"000000000"}"#.utf8))
        try sink.write(key: "000000001", png: [4], record: Array(#"{"key":"000000001"}"#.utf8))
        // Before finish nothing is at its final name.
        #expect(!FileManager.default.fileExists(atPath: out + "/samples.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: out + "/images"))
        try sink.finish(metadata: .object(["complete": .bool(true)]))
        let lines = try String(contentsOfFile: out + "/samples.jsonl", encoding: .utf8)
        #expect(lines == "{\"key\":\"000000000\"}\n{\"key\":\"000000001\"}\n")
        #expect(FileManager.default.contents(atPath: out + "/images/000000000.png") == Data([1, 2, 3]))
        #expect(FileManager.default.fileExists(atPath: out + "/run.json"))
        #expect(!FileManager.default.fileExists(atPath: out + "/" + FolderSink.stagingName))
    }

    @Test func abandonedRunLeavesNothingAtFinalNames() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/ds"
        do {
            let sink = try FolderSink(directory: out, overwrite: false)
            try sink.write(key: "000000000", png: [1], record: Array("null".utf8))
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test func existingDatasetIsRefusedUnlessOverwriting() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = dir.path + "/ds"
        let first = try FolderSink(directory: out, overwrite: false)
        try first.finish(metadata: .null)
        #expect(throws: WriteError.self) { _ = try FolderSink(directory: out, overwrite: false) }
        let again = try FolderSink(directory: out, overwrite: true)
        try again.write(key: "k", png: [9], record: Array("null".utf8))
        try again.finish(metadata: .null)
        #expect(FileManager.default.fileExists(atPath: out + "/images/k.png"))
    }

    @Test func unwritableOutputIsAnError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("x".utf8).write(to: dir.file("file"))
        #expect(throws: WriteError.self) { _ = try FolderSink(directory: dir.path + "/file", overwrite: false) }
        #expect(throws: WriteError.self) { _ = try FolderSink(directory: dir.path + "/file/sub", overwrite: false) }
    }
}
