import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import DatasetWriters

@Suite struct WebDatasetFormatTests {
    /// A stand-in mask encoder: the tests check placement and sizes, not PNG encoding.
    static let fakeMask: WebDatasetFormat.MaskEncoder = { ids, width, height in
        Array("MASK \(width)x\(height) ".utf8) + ids.prefix(16)
    }

    func names(_ tar: [UInt8]) -> [String] {
        var out: [String] = []
        var offset = 0
        while offset + 512 <= tar.count, tar[offset] != 0 {
            let name = String(decoding: tar[offset..<(offset + 100)].prefix { $0 != 0 }, as: UTF8.self)
            let size = Int(String(decoding: tar[(offset + 124)..<(offset + 135)], as: UTF8.self), radix: 8) ?? 0
            out.append(name)
            offset += 512 + (size + 511) / 512 * 512
        }
        return out
    }

    @Test func shardTarHoldsEverySampleAdjacentInOrder() throws {
        let samples = try FormatFixtures.samples(0..<3)
        let run = try FormatFixtures.run(count: 3, samplesPerShard: 3)
        let shard = run.shards[0]
        let files = try WebDatasetFormat().shardFiles(shard, samples, run: run)
        #expect(files.map(\.path) == ["train/scenes-000000.tar"])
        let expected = samples.flatMap { s in ["json", "png", "txt"].map { "\(s.record.key).\($0)" } }
        #expect(names(files[0].bytes) == expected)

        let masked = try WebDatasetFormat(encodeMask: WebDatasetFormatTests.fakeMask).shardFiles(
            shard, samples, run: run)
        #expect(
            names(masked[0].bytes)
                == samples.flatMap { s in
                    ["json", "mask.png", "png", "txt"].map { "\(s.record.key).\($0)" }
                })
    }

    @Test func captionIsEnglishShortCaption() throws {
        let sample = try FormatFixtures.samples(0..<1)[0]
        let en = sample.record.description.captions.first { $0.language == "en" }
        #expect(en != nil)
        #expect(WebDatasetFormat.caption(sample.record) == en?.captions.short)
        var zhOnly = sample.record
        zhOnly.description.captions.removeAll { $0.language == "en" }
        #expect(WebDatasetFormat.caption(zhOnly) == zhOnly.description.captions.first?.captions.short)
        zhOnly.description.captions = []
        #expect(WebDatasetFormat.caption(zhOnly) == "")
    }

    @Test func piecesStateTheTarsSizeWithAndWithoutMasks() throws {
        let samples = try FormatFixtures.samples(0..<4)
        let run = try FormatFixtures.run(count: 4, samplesPerShard: 4)
        for format in [WebDatasetFormat(), WebDatasetFormat(encodeMask: WebDatasetFormatTests.fakeMask)] {
            let tar = try format.shardFiles(run.shards[0], samples, run: run)[0].bytes
            let pieces = try format.pieces(run.shards[0], samples, run: run)
            #expect(
                pieces.map(\.name) == ["webdataset-sizes", "webdataset-wids", "webdataset-stats", "webdataset-card"])
            #expect(String(decoding: pieces[0].bytes, as: UTF8.self) == #""scenes-000000.tar":4"#)
            #expect(
                String(decoding: pieces[1].bytes, as: UTF8.self)
                    == #"{"filesize":\#(tar.count),"nsamples":4,"url":"scenes-000000.tar"}"#)
            let stats = try JSONValue.parse(Array(pieces[2].bytes.dropLast()))
            #expect(pieces[2].bytes.last == UInt8(ascii: "\n"))
            #expect(stats["bytes"]?.intValue == tar.count)
            #expect(stats["samples"]?.intValue == 4)
            #expect(stats["objects"]?.intValue == samples.reduce(0) { $0 + $1.record.objects.count })
            #expect(stats["refs"]?.intValue == samples.reduce(0) { $0 + $1.record.description.refs.count })
            #expect(stats["languages"]?["zh"]?["questions"]?.intValue ?? 0 > 0)
        }
    }

    @Test func badKeyIsAnErrorNamingTheSample() throws {
        var sample = try FormatFixtures.samples(0..<1)[0]
        sample.record.key = "000.1"
        let run = try FormatFixtures.run(count: 1, samplesPerShard: 1)
        #expect {
            _ = try WebDatasetFormat().shardFiles(run.shards[0], [sample], run: run)
        } throws: { error in
            (error as? WriteError)?.message.contains("000.1") == true
        }
    }

    @Test func bytesAreDeterministic() throws {
        let run = try FormatFixtures.run(count: 2, samplesPerShard: 2)
        let a = try WebDatasetFormat().shardFiles(run.shards[0], try FormatFixtures.samples(0..<2), run: run)
        let b = try WebDatasetFormat().shardFiles(run.shards[0], try FormatFixtures.samples(0..<2), run: run)
        #expect(a.map(\.bytes) == b.map(\.bytes))
    }

    /// A run writing only WebDataset drops each record's text on the worker: the shard's files
    /// and pieces (statistics, the card's counts, `<key>.txt`) come out the same from the
    /// summary alone, and the summary states what the text held.
    @Test func shardsAreTheSameWithoutTheRecordsText() throws {
        let (run, shards, _) = try FormatFixture.make()
        for (shard, samples) in shards {
            let slim = samples.map { s in
                SampleOutput(
                    record: s.record, recordJSON: s.recordJSON, png: s.png, ids: s.ids, keepingDescription: false)
            }
            #expect(slim.allSatisfy { $0.record.description.qa.isEmpty && $0.record.description.captions.isEmpty })
            let format = WebDatasetFormat()
            #expect(
                try format.shardFiles(shard, slim, run: run).map(\.bytes)
                    == format.shardFiles(shard, samples, run: run).map(\.bytes))
            #expect(
                try format.pieces(shard, slim, run: run).map(\.bytes)
                    == format.pieces(shard, samples, run: run).map(\.bytes))
            for s in samples {
                let d = s.record.description
                #expect(s.summary.caption == d.captions.first { $0.language == "en" }?.captions.short)
                #expect(s.summary.families == d.qa.filter { $0.language == "en" }.map(\.family))
                #expect(s.summary.counts.map(\.language) == ["en", "zh"])
                #expect(
                    s.summary.counts.map(\.questions)
                        == ["en", "zh"].map { l in d.qa.filter { $0.language == l }.count })
                #expect(s.summary.counts.map(\.negatives).reduce(0, +) == d.negatives.count)
                #expect(s.summary.counts.map(\.refs).reduce(0, +) == d.refs.count)
            }
        }
    }

    /// Two shards (the second short) written as the sink would, then read with Python's
    /// `tarfile` and GNU tar.
    @Test func readersAgreeWithTheIndexes() throws { try Self.readBack(withWebDataset: false) }

    /// The same, and every sample decoded by the `webdataset` package.
    @Test(.enabled(if: FormatFixtures.pythonHas("webdataset"), "webdataset missing: run scripts/setup.sh --python"))
    func webDatasetReadsEverySample() throws { try Self.readBack(withWebDataset: true) }

    static func readBack(withWebDataset: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let samples = try FormatFixtures.samples(0..<5)
        let run = try FormatFixtures.run(count: 5, samplesPerShard: 3)
        try FormatFixtures.write(WebDatasetFormat(), samples, run: run, to: dir.url)

        let script = #"""
            import json, os, sys, tarfile
            root = sys.argv[1]
            train = os.path.join(root, "train")
            def canonical(path):
                text = open(path, encoding="utf-8").read()
                obj = json.loads(text)
                assert text == json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n", path
                return obj
            sizes = canonical(os.path.join(train, "sizes.json"))
            index = canonical(os.path.join(train, "index.wids.json"))
            assert index["__kind__"] == "wids-shard-index-v1" and index["wids_version"] == 1, index
            assert [s["url"] for s in index["shardlist"]] == sorted(sizes), index
            tars = sorted(f for f in os.listdir(train) if f.endswith(".tar"))
            assert tars == sorted(sizes), (tars, sizes)
            keys = []
            for entry in index["shardlist"]:
                path = os.path.join(train, entry["url"])
                assert os.path.getsize(path) == entry["filesize"]
                with tarfile.open(path, mode="r:") as t:
                    names = t.getnames()
                shard_keys = list(dict.fromkeys(n.split(".", 1)[0] for n in names))
                assert len(names) == 3 * len(shard_keys)
                assert sizes[entry["url"]] == entry["nsamples"] == len(shard_keys)
                keys += shard_keys
            assert len(keys) == len(set(keys)) == 5
            lines = open(os.path.join(root, "meta", "shards.jsonl"), encoding="utf-8").read().splitlines()
            stats = [json.loads(l) for l in lines]
            assert [s["samples"] for s in stats] == [3, 2], stats
            assert not any(f.endswith(".jsonl") for f in os.listdir(train))
            decoded = 0
            if sys.argv[2] == "webdataset":
                import webdataset as wds
                urls = [os.path.join(train, t) for t in tars]
                for png, txt, rec in wds.WebDataset(urls, shardshuffle=False).decode("pil").to_tuple("png", "txt", "json"):
                    assert png.size == (rec["image"]["width"], rec["image"]["height"])
                    assert txt == rec["captions"]["en"]["short"]
                    decoded += 1
                assert decoded == 5
            print("ok", decoded)
            """#
        let r = try FormatFixtures.python(script, [dir.path, withWebDataset ? "webdataset" : "pure"])
        #expect(r.status == 0, "\(r.out) \(r.err)")
        #expect(r.out == (withWebDataset ? "ok 5\n" : "ok 0\n"), "\(r.out) \(r.err)")

        for shard in run.shards {
            let path = dir.url.appendingPathComponent(WebDatasetFormat.tarPath(shard, run: run)).path
            let t = try FormatFixtures.execute(["/usr/bin/env", "tar", "-tf", path])
            #expect(t.status == 0 && t.err.isEmpty, "\(t.err)")
            #expect(t.out.split(separator: "\n").count == 3 * shard.count)
        }
    }
}
