import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters

@Suite struct TarArchiveTests {
    /// A field of a header block as text, up to its first NUL.
    func field(_ h: ArraySlice<UInt8>, _ offset: Int, _ width: Int) -> String {
        let start = h.startIndex + offset
        let bytes = h[start..<(start + width)].prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func headerFieldsChecksumAndPadding() throws {
        var tar = TarArchive()
        try tar.add(name: "000000001.txt", bytes: Array("hello".utf8))
        let bytes = tar.finished()
        #expect(bytes.count == 10240)
        let h = bytes[0..<512]
        #expect(field(h, 0, 100) == "000000001.txt")
        #expect(Array(h[100..<108]) == Array("0000644\0".utf8))
        #expect(Array(h[108..<116]) == Array("0000000\0".utf8))
        #expect(Array(h[116..<124]) == Array("0000000\0".utf8))
        #expect(Array(h[124..<136]) == Array("00000000005\0".utf8))
        #expect(Array(h[136..<148]) == Array("00000000000\0".utf8))
        #expect(h[156] == UInt8(ascii: "0"))
        #expect(Array(h[257..<265]) == Array("ustar\0".utf8) + Array("00".utf8))
        #expect(h[265..<512].allSatisfy { $0 == 0 }, "uname, gname, devices and prefix are empty")
        // Checksum: six octal digits, NUL, space; the sum of the header with the field as spaces.
        #expect(h[154] == 0 && h[155] == UInt8(ascii: " "))
        var blank = Array(h)
        for i in 148..<156 { blank[i] = UInt8(ascii: " ") }
        let sum = blank.reduce(0) { $0 + Int($1) }
        #expect(Int(field(h, 148, 6), radix: 8) == sum)
        #expect(field(h, 148, 6).count == 6)
        // Data, then zeros to the block; then the end marker and record padding, all zero.
        #expect(Array(bytes[512..<517]) == Array("hello".utf8))
        #expect(bytes[517...].allSatisfy { $0 == 0 })
    }

    @Test func sizesFollowBlocksAndRecords() throws {
        for sizes in [[], [0], [1], [512], [513], [9215], [8192, 1], [40_000, 120, 3, 0, 1024]] {
            var tar = TarArchive()
            for (i, size) in sizes.enumerated() {
                try tar.add(name: "f\(i).bin", bytes: Array(repeating: UInt8(i & 0xff), count: size))
            }
            let bytes = tar.finished()
            #expect(bytes.count == TarArchive.archiveSize(fileSizes: sizes), "sizes \(sizes)")
            #expect(bytes.count % 10240 == 0, "sizes \(sizes)")
            #expect(bytes.count >= sizes.reduce(0) { $0 + 512 + ($1 + 511) / 512 * 512 } + 1024, "sizes \(sizes)")
        }
    }

    @Test func bytesAreDeterministicAndViewingDoesNotFinish() throws {
        func build() throws -> TarArchive {
            var tar = TarArchive(reservingCapacity: 4096)
            try tar.add(name: "a.json", bytes: Array(#"{"k":1}"#.utf8))
            try tar.add(name: "a.png", bytes: [0x89, 0x50, 0x4e, 0x47])
            return tar
        }
        var first = try build()
        let snapshot = first.bytes
        try first.add(name: "b.txt", bytes: [1])
        #expect(snapshot == (try build()).finished())
        #expect(first.bytes != snapshot)
        #expect(first.bytes == first.finished())
    }

    @Test func badNamesAreRejectedNamingTheEntry() {
        let cases = [String(repeating: "x", count: 100), "", "caf\u{e9}.txt", "a\0b"]
        for name in cases {
            var tar = TarArchive()
            do {
                try tar.add(name: name, bytes: [1])
                Issue.record("accepted '\(name)'")
            } catch {
                #expect(error.path == name)
                #expect(!error.message.isEmpty)
            }
        }
        var tar = TarArchive()
        #expect(throws: Never.self) { try tar.add(name: String(repeating: "y", count: 99), bytes: []) }
    }

    static let entries: [(String, [UInt8])] = [
        ("000000000.json", Array(#"{"a":"\u00e9 \u4e2d"}"#.utf8)),
        ("000000000.png", (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
        ("000000000.txt", Array("a red circle".utf8)),
        ("000000001.empty", []),
        ("000000001.block", Array(repeating: 7, count: 512)),
    ]

    func archive() throws -> [UInt8] {
        var tar = TarArchive()
        for (name, bytes) in TarArchiveTests.entries { try tar.add(name: name, bytes: bytes) }
        return tar.finished()
    }

    @Test func pythonTarfileReadsEveryEntry() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("t.tar").path
        try Data(try archive()).write(to: URL(fileURLWithPath: path))
        let script = #"""
            import hashlib, json, sys, tarfile
            out = []
            with tarfile.open(sys.argv[1], mode="r:") as t:
                for m in t.getmembers():
                    data = t.extractfile(m).read()
                    out.append([m.name, m.size, m.mode, m.uid, m.gid, m.mtime, m.uname, m.gname,
                                m.isreg(), hashlib.sha256(data).hexdigest()])
            print(json.dumps(out))
            """#
        let r = try FormatFixtures.python(script, [path])
        #expect(r.status == 0, "\(r.err)")
        let listed = try JSONValue.parse(Array(r.out.utf8)).arrayValue ?? []
        #expect(listed.count == TarArchiveTests.entries.count)
        for (row, (name, bytes)) in zip(listed, TarArchiveTests.entries) {
            let f = row.arrayValue ?? []
            #expect(f.count == 10)
            guard f.count == 10 else { continue }
            #expect(f[0].stringValue == name)
            #expect(f[1].intValue == bytes.count)
            #expect(f[2].intValue == 0o644)
            #expect(f[3].intValue == 0 && f[4].intValue == 0 && f[5].intValue == 0)
            #expect(f[6].stringValue == "" && f[7].stringValue == "")
            #expect(f[8] == .bool(true))
            let expected = try FormatFixtures.python(
                "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())", stdin: bytes)
            #expect(f[9].stringValue == expected.out.trimmingCharacters(in: .whitespacesAndNewlines), "\(name)")
        }
    }

    @Test func gnuTarListsEveryEntry() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("t.tar").path
        try Data(try archive()).write(to: URL(fileURLWithPath: path))
        let r = try FormatFixtures.execute(["/usr/bin/env", "tar", "-tvf", path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty, "tar warned: \(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == TarArchiveTests.entries.count)
        for (line, (name, bytes)) in zip(lines, TarArchiveTests.entries) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(fields.first == "-rw-r--r--", "\(line)")
            #expect(fields.last == name, "\(line)")
            #expect(fields.contains(String(bytes.count)), "\(line)")
        }
        // Extracting reproduces the bytes.
        let x = try FormatFixtures.execute(["/usr/bin/env", "tar", "-xf", path, "-C", dir.path])
        #expect(x.status == 0, "\(x.err)")
        for (name, bytes) in TarArchiveTests.entries {
            #expect(FileManager.default.contents(atPath: dir.file(name).path) == Data(bytes), "\(name)")
        }
    }
}

extension TarArchiveTests {
    /// The runs a shard's tar is written as are, joined, the archive `add` builds.
    @Test func partsJoinToTheBuiltArchive() throws {
        let entries: [(name: String, bytes: [UInt8])] = [
            ("000000000.json", Array("{\"a\":1}".utf8)), ("000000000.png", Array(repeating: 7, count: 1024)),
            ("000000000.txt", []), ("000000001.json", Array(repeating: 9, count: 513)),
        ]
        var tar = TarArchive()
        for e in entries { try tar.add(name: e.name, bytes: e.bytes) }
        let parts = try TarArchive.parts(entries)
        #expect(parts.reduce([UInt8]()) { $0 + $1 } == tar.finished())
        #expect(throws: WriteError.self) { try TarArchive.parts([("bad\0name", [])]) }
    }
}
