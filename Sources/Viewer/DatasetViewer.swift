import DatasetWriters
import Foundation
import PNGCodec
import ParallelWork
import SampleRecords

/// Writes a static HTML viewer of a dataset Scenewright wrote, so anyone can look at samples
/// and their text with nothing but a browser: no server, the folder opens from `file://`.
///
/// Layout of the output folder (`<dataset>/browse` by default):
///
/// - `index.html`, `viewer.js`, `viewer.css`: the page; the same bytes for every dataset
///   except the title.
/// - `data/manifest.js`: sample count, page table, languages.
/// - `data/page-000001.js` …: one file per page of samples, loaded on demand by a `<script>`
///   element (Chromium blocks `fetch` of `file://`, not scripts), so a page of a million-sample
///   dataset loads as fast as one of a small dataset.
/// - `img/<key>.png`: images copied out of the tar shards, only when the dataset has no
///   `images/` folder (otherwise the page points at `images/<key>.png` relatively).
/// - `mask/<key>.png`: colored id-plane overlays, when the shards hold masks (`--masks`).
///
/// The output depends only on the dataset and `perPage`: running it twice gives the same bytes.
public enum DatasetViewer {
    /// What was written, for the command's report.
    public struct Summary: Sendable {
        public var output: String
        public var samples: Int
        public var pages: Int
        /// Relative folder the page reads images from when they were referenced in place.
        public var imagesReferencedFrom: String?
        public var imagesExtracted: Int
        public var masks: Int
        public var languages: [String]
        /// Samples shown with a problem (a missing or damaged image, an unreadable record),
        /// samples left out (a key that cannot name a file) and damaged files (a shard cut
        /// short), one line each, `<key> (<file>): <what>`; at most `maxWarnings` of them.
        public var warnings: [String]
        /// Every such problem, counted.
        public var defects = 0
    }

    public static let maxWarnings = 200

    /// The names the viewer writes in its folder; a rerun replaces exactly these.
    static let ownNames = ["index.html", "viewer.js", "viewer.css", "data", "img", "mask"]
    static let generatorMark = "<meta name=\"generator\" content=\"scenewright browse\">"

    /// Writes the viewer of the dataset in `dataset` into `output`.
    ///
    /// Samples are read in stored order in batches; each batch's images and masks are prepared
    /// on `workers` threads. Memory holds one batch and one page, whatever the dataset's size.
    public static func write(
        dataset: String, to output: String, perPage: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(ViewerError) -> Summary {
        guard (1...10_000).contains(perPage) else {
            throw ViewerError(path: output, message: "--per-page must be 1 to 10000, got \(perPage)")
        }
        let reader: DatasetReader
        do { reader = try DatasetReader(directory: dataset) } catch { throw ViewerError(error) }
        try prepareOutput(output)
        try mkdir(output + "/data")

        let imagesFolder = dataset + "/images"
        let imagesPrefix: String? =
            FileManager.default.fileExists(atPath: imagesFolder)
            ? urlPath(relativePath(from: output, to: imagesFolder)) + "/" : nil
        var state = PageState(output: output, perPage: perPage)
        var summary = Summary(
            output: output, samples: 0, pages: 0, imagesReferencedFrom: imagesPrefix, imagesExtracted: 0, masks: 0,
            languages: [], warnings: [])
        var languages = Set<String>()
        var title: String?

        do {
            func warn(_ line: String) {
                summary.defects += 1
                if summary.warnings.count < maxWarnings { summary.warnings.append(line) }
            }
            try reader.forEachBatch(of: max(64, min(perPage, 1024))) { batch in
                var shown: [DatasetReader.Sample] = []
                for sample in batch {
                    if sample.isFileProblem {
                        for problem in sample.problems { warn("\(sample.key): \(problem)") }
                    } else if !isSafeKey(sample.key) {
                        warn("\(sample.key) (\(sample.location)): \(unsafeKeyMessage(sample.key)); not shown")
                    } else {
                        shown.append(sample)
                    }
                }
                let prepared = prepare(shown, output: output, imagesPrefix: imagesPrefix, workers: workers)
                for p in prepared {
                    let p = try p.get()
                    if title == nil, let plan = p.card.record?.plan { title = plan }
                    for (language, _) in p.card.record?.description.captions ?? [] { languages.insert(language) }
                    for problem in p.card.problems { warn("\(p.card.key) (\(p.card.location)): \(problem)") }
                    if p.extracted { summary.imagesExtracted += 1 }
                    if p.card.mask != nil { summary.masks += 1 }
                    try state.append(key: p.card.key, json: p.json)
                }
            }
        } catch let error as ViewerError {
            throw error
        } catch let error as WriteError {
            throw ViewerError(error)
        } catch {
            throw ViewerError(path: dataset, message: "\(error)")
        }
        try state.flush()
        guard state.total > 0 else {
            throw ViewerError(path: dataset, message: "holds no samples; generate some first (scenewright generate)")
        }
        summary.samples = state.total
        summary.pages = state.pages.count
        summary.languages = languages.sorted()

        let pageTitle = "Scenewright · \(title ?? "dataset")"
        var m = JSONWriter()
        m.beginObject()
        m.key("title")
        m.string(pageTitle)
        m.key("samples")
        m.int(state.total)
        m.key("per_page")
        m.int(perPage)
        m.key("languages")
        m.beginArray()
        for l in summary.languages { m.string(l) }
        m.endArray()
        m.key("default_language")
        m.string(summary.languages.contains("en") ? "en" : summary.languages.first ?? "all")
        m.key("masks")
        m.int(summary.masks)
        m.key("pages")
        m.beginArray()
        for page in state.pages {
            m.beginArray()
            m.string(page.firstKey)
            m.int(page.count)
            m.endArray()
        }
        m.endArray()
        m.endObject()
        try put(
            Array("window.SW_MANIFEST = ".utf8) + scriptSafe(m.bytes) + Array(";\n".utf8), output + "/data/manifest.js")
        try put(Array(ViewerAssets.script.utf8), output + "/viewer.js")
        try put(Array(ViewerAssets.style.utf8), output + "/viewer.css")
        // Last: a folder with index.html is a complete viewer.
        try put(Array(ViewerAssets.index(title: pageTitle).utf8), output + "/index.html")
        return summary
    }

    // MARK: Samples

    struct Prepared: Sendable {
        var card: SampleCard
        /// The card's JSON, made on the worker thread.
        var json: [UInt8]
        var extracted: Bool
    }

    /// Reads each sample's record and writes its image and mask files, on several threads;
    /// results in the batch's order.
    static func prepare(_ batch: [DatasetReader.Sample], output: String, imagesPrefix: String?, workers: Int)
        -> [Result<Prepared, ViewerError>]
    {
        ParallelWork.map(count: batch.count, workers: workers) { i in
            Result { () throws(ViewerError) -> Prepared in
                try prepare(batch[i], output: output, imagesPrefix: imagesPrefix)
            }
        }
    }

    static func prepare(_ sample: DatasetReader.Sample, output: String, imagesPrefix: String?) throws(ViewerError)
        -> Prepared
    {
        let key = sample.key
        guard isSafeKey(key) else {
            throw ViewerError(path: sample.location, message: unsafeKeyMessage(key))
        }
        var card = SampleCard(
            key: key, location: sample.location, image: nil, mask: nil, record: nil, problems: sample.problems)
        if sample.recordJSON.isEmpty {
            if !card.problems.contains(where: { $0.contains("json") }) { card.problems.append("no record (json)") }
        } else {
            do {
                card.record = try SampleRecord(json: try JSONValue.parse(sample.recordJSON))
            } catch {
                card.problems.append("unreadable record: \(error)")
            }
        }
        var extracted = false
        if let imagesPrefix, AtomicFile.exists(output + "/" + imagesPrefixOnDisk(imagesPrefix) + key + ".png") {
            card.image = imagesPrefix + key + ".png"
        } else if let png = sample.png {
            try mkdir(output + "/img")
            try put(png, output + "/img/" + key + ".png")
            card.image = "img/" + key + ".png"
            extracted = true
        } else if !card.problems.contains(where: { $0.contains(".png") }) {
            card.problems.append("no image")
        }
        if let mask = sample.maskPNG {
            do {
                let overlay = try MaskOverlay.colorize(maskPNG: mask)
                if let r = card.record, r.width != overlay.width || r.height != overlay.height {
                    card.problems.append(
                        "mask is \(overlay.width)x\(overlay.height), the record says \(r.width)x\(r.height)")
                } else {
                    try mkdir(output + "/mask")
                    try put(overlay.png, output + "/mask/" + key + ".png")
                    card.mask = "mask/" + key + ".png"
                }
            } catch let error as ViewerError {
                throw error
            } catch {
                card.problems.append("unreadable mask: \(error)")
            }
        }
        var w = JSONWriter(capacity: 8192)
        card.write(into: &w)
        return Prepared(card: card, json: w.bytes, extracted: extracted)
    }

    static func unsafeKeyMessage(_ key: String) -> String {
        "sample key '\(key)' cannot name a file (keys are letters, digits, '-' and '_'); "
            + "this is not a dataset Scenewright wrote, or it was edited"
    }

    /// Keys become file names and URLs: only characters that need no escaping in either.
    static func isSafeKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 200
            && key.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D
                    || b == 0x5F
            }
    }

    // MARK: Pages

    /// The page being filled and the table of pages written so far.
    struct PageState {
        let output: String
        let perPage: Int
        var pages: [(firstKey: String, count: Int)] = []
        var current: [UInt8] = []
        var firstKey: String?
        var count = 0
        var total = 0

        init(output: String, perPage: Int) {
            self.output = output
            self.perPage = perPage
        }

        mutating func append(key: String, json: [UInt8]) throws(ViewerError) {
            if count == 0 {
                current = Array("window.SW_PAGE(\(pages.count + 1), [".utf8)
                firstKey = key
            } else {
                current.append(UInt8(ascii: ","))
            }
            current.append(contentsOf: json)
            count += 1
            total += 1
            if count == perPage { try flush() }
        }

        mutating func flush() throws(ViewerError) {
            guard count > 0, let firstKey else { return }
            current.append(contentsOf: Array("]);\n".utf8))
            let number = pages.count + 1
            try put(scriptSafe(current), output + "/data/" + DatasetViewer.pageFileName(number))
            pages.append((firstKey, count))
            count = 0
            self.firstKey = nil
        }
    }

    /// `page-000001.js`: six digits at least, like shard names.
    public static func pageFileName(_ number: Int) -> String {
        "page-" + zeroPadded(number, width: 6) + ".js"
    }

    // MARK: Files

    /// Makes `output` ready: created when missing; a previous viewer's own files removed; any
    /// other non-empty folder refused, since a viewer must not mix with or delete unknown files.
    static func prepareOutput(_ output: String) throws(ViewerError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output, isDirectory: &isDirectory) else {
            try mkdir(output)
            return
        }
        guard isDirectory.boolValue else {
            throw ViewerError(path: output, message: "exists and is not a folder; choose another --out")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: output)) ?? []
        if entries.isEmpty { return }
        let index = (try? AtomicFile.read(output + "/index.html")).map { String(decoding: $0, as: UTF8.self) }
        guard let index, index.contains(generatorMark) else {
            throw ViewerError(
                path: output,
                message: "exists, is not empty and is not a Scenewright viewer; choose another --out or empty it")
        }
        // index.html first: if removal stops midway, the folder no longer claims to be complete.
        for name in ownNames {
            do { try AtomicFile.remove(output + "/" + name) } catch { throw ViewerError(error) }
        }
    }

    static func mkdir(_ path: String) throws(ViewerError) {
        do { try AtomicFile.makeDirectory(path) } catch { throw ViewerError(error) }
    }

    static func put(_ bytes: [UInt8], _ path: String) throws(ViewerError) {
        do { try AtomicFile.write(bytes, to: path) } catch { throw ViewerError(error) }
    }

    /// The path from folder `from` to `to`, both made absolute; `..` as needed.
    static func relativePath(from: String, to: String) -> String {
        let a = URL(fileURLWithPath: from).standardizedFileURL.pathComponents
        let b = URL(fileURLWithPath: to).standardizedFileURL.pathComponents
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: a.count - common) + b[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// Percent-encodes a relative file path for use as a URL: a folder named `a#b` or `50%`
    /// must not turn into a fragment or an escape.
    static func urlPath(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            let plain =
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
                || b == UInt8(ascii: "/")
            if plain {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + zeroPadded(Int(b), width: 2, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// The file-system form of an `imagesPrefix` (undoes ``urlPath(_:)``).
    static func imagesPrefixOnDisk(_ prefix: String) -> String {
        prefix.removingPercentEncoding ?? prefix
    }
}
