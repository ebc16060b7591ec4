import DatasetWriters
import Foundation
import SampleRecords
import SceneModel

extension DatasetStatistics {
    /// A chart to write: its file name under `stats/`, what it shows, and its SVG document.
    public struct Chart: Sendable {
        public var file: String
        public var title: String
        public var svg: [UInt8]
    }

    /// Every chart, in a fixed order.
    public func charts() -> [Chart] {
        var out: [Chart] = []
        func bar(_ file: String, _ chart: BarChart) {
            out.append(Chart(file: file, title: chart.title, svg: chart.svg()))
        }
        func categories(_ t: Tally, color: (String) -> RGB? = { _ in nil }) -> [Bar] {
            t.byCount.map { Bar(label: $0.key, value: Double($0.count), color: color($0.key)) }
        }
        bar(
            "objects_per_image.svg",
            BarChart(
                title: "Objects per image (\(samples) images)",
                bars: objectsPerImage.dense.map { Bar(label: String($0.value), value: Double($0.count)) },
                orientation: .vertical, categoryTitle: "objects", valueTitle: "images"))
        bar(
            "shapes.svg",
            BarChart(
                title: "Shapes (\(shapes.total) objects)", bars: categories(shapes), orientation: .horizontal,
                categoryTitle: "shape", valueTitle: "objects"))
        bar(
            "colors.svg",
            BarChart(
                title: "Colors (\(colors.total) objects)", bars: categories(colors) { colorRGB[$0] },
                orientation: .horizontal, categoryTitle: "color", valueTitle: "objects"))
        bar(
            "sizes.svg",
            BarChart(
                title: "Sizes (\(sizes.total) objects)", bars: categories(sizes), orientation: .horizontal,
                categoryTitle: "size", valueTitle: "objects"))
        bar(
            "fills.svg",
            BarChart(
                title: "Fills (\(fills.total) objects)", bars: categories(fills), orientation: .horizontal,
                categoryTitle: "fill", valueTitle: "objects"))
        let size = typicalImageSize
        let heat = HeatMap(
            title: "Object centers (\(objectsPerImage.sum) objects)", counts: positions, imageWidth: size.width,
            imageHeight: size.height)
        out.append(Chart(file: "positions.svg", title: heat.title, svg: heat.svg()))
        for code in languageCodes {
            guard let l = languages[code] else { continue }
            if l.questions > 0 {
                // Top answers per family, as shares of the family; families alternate colors.
                var bars: [Bar] = []
                for (k, (family, count)) in l.questionsPerFamily.byKey.enumerated() {
                    let tint = k % 2 == 0 ? BarChart.defaultBar : RGB(230, 140, 50)
                    for (answer, n) in l.topAnswers(family) {
                        bars.append(Bar(label: "\(family): \(answer)", value: ratio(n, count), color: tint))
                    }
                }
                bar(
                    "answers_\(code).svg",
                    BarChart(
                        title: "Top answers per family (\(code))", bars: bars, orientation: .horizontal,
                        valueStyle: .percent, categoryTitle: "family: answer", valueTitle: "share of the family",
                        labelLanguage: code))
                bar(
                    "question_lengths_\(code).svg",
                    BarChart(
                        title: "Question length (\(code), \(l.unit))",
                        bars: l.questionLengths.dense.map { Bar(label: String($0.value), value: Double($0.count)) },
                        orientation: .vertical, categoryTitle: l.unit, valueTitle: "questions"))
                let report = l.baseline.evaluate()
                var risk: [Bar] = []
                let colors = (RGB(200, 60, 60), RGB(230, 140, 50), RGB(150, 150, 150))
                func add(_ name: String, _ q: Double, _ f: Double, _ c: Double) {
                    risk.append(Bar(label: "\(name) question", value: q, color: colors.0))
                    risk.append(Bar(label: "\(name) family", value: f, color: colors.1))
                    risk.append(Bar(label: "\(name) chance", value: c, color: colors.2))
                }
                add("all", report.questionAccuracy, report.familyAccuracy, report.chance)
                for f in report.families { add(f.name, f.questionAccuracy, f.familyAccuracy, f.chance) }
                bar(
                    "shortcut_\(code).svg",
                    BarChart(
                        title: "Blind baselines (\(code)): accuracy on odd indices", bars: risk,
                        orientation: .horizontal, valueStyle: .percent, categoryTitle: "family: baseline",
                        valueTitle: "accuracy"))
            }
            if l.captions > 0 {
                bar(
                    "caption_lengths_\(code).svg",
                    BarChart(
                        title: "Short caption length (\(code), \(l.unit))",
                        bars: l.shortLengths.dense.map { Bar(label: String($0.value), value: Double($0.count)) },
                        orientation: .vertical, categoryTitle: l.unit, valueTitle: "captions"))
                bar(
                    "detailed_caption_lengths_\(code).svg",
                    BarChart(
                        title: "Detailed caption length (\(code), \(l.unit))",
                        bars: l.detailedLengths.dense.map { Bar(label: String($0.value), value: Double($0.count)) },
                        orientation: .vertical, categoryTitle: l.unit, valueTitle: "captions"))
            }
        }
        var distinct: [Bar] = []
        var vocabulary: [Bar] = []
        for code in languageCodes {
            guard let l = languages[code] else { continue }
            for (name, n) in [
                ("short captions", l.distinctShortCaptions), ("detailed captions", l.distinctDetailedCaptions),
                ("questions", l.distinctQuestions), ("answers", l.distinctAnswers), ("refs", l.distinctRefs),
            ] {
                distinct.append(Bar(label: "\(code) \(name)", value: Double(n)))
            }
            for (name, n) in [
                ("all", l.vocabularySize), ("captions", l.captionVocabularySize),
                ("questions", l.questionVocabularySize),
            ] {
                vocabulary.append(Bar(label: "\(code) \(name)", value: Double(n)))
            }
        }
        bar(
            "distinct_strings.svg",
            BarChart(
                title: "Distinct strings per language", bars: distinct, orientation: .horizontal,
                categoryTitle: "language, text", valueTitle: "distinct strings"))
        bar(
            "vocabulary.svg",
            BarChart(
                title: "Vocabulary per language (words; zh: characters)", bars: vocabulary, orientation: .horizontal,
                categoryTitle: "language, text", valueTitle: "distinct words or characters"))
        return out
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    /// Markdown for the dataset card; chart links are `linkPrefix + file` (`""` beside the
    /// charts, `"stats/"` from the output folder).
    public func markdown(charts: [Chart], linkPrefix: String) -> String {
        var md = "## Statistics (scenewright stats)\n\n"
        md += "Computed by `scenewright stats` from the \(samples) sample records (\(source)) of this dataset"
        md += unreadable > 0 ? "; \(unreadable) samples could not be read and are not counted" : ""
        md += damaged > 0 ? "; \(damaged) samples or files are damaged (listed in stats.json).\n\n" : ".\n\n"
        func image(_ file: String) {
            if let c = charts.first(where: { $0.file == file }) { md += "![\(c.title)](\(linkPrefix)\(file))\n\n" }
        }
        func table(_ title: String, _ t: Tally) {
            md += "| \(title) | objects | share |\n|---|---:|---:|\n"
            for (k, n) in t.byCount { md += "| \(k) | \(n) | \(Self.percent(ratio(n, t.total))) |\n" }
            md += "\n"
        }
        md += "### Objects\n\n"
        md += "\(objectsPerImage.sum) objects, \(String(format: "%.2f", objectsPerImage.mean)) per image "
        md += "(min \(objectsPerImage.minimum ?? 0), max \(objectsPerImage.maximum ?? 0)).\n\n"
        md += "| objects per image | images |\n|---:|---:|\n"
        for (v, n) in objectsPerImage.sorted { md += "| \(v) | \(n) |\n" }
        md += "\n"
        image("objects_per_image.svg")
        table("shape", shapes)
        image("shapes.svg")
        table("color", colors)
        image("colors.svg")
        table("size", sizes)
        image("sizes.svg")
        table("fill", fills)
        image("fills.svg")
        md +=
            "### Positions\n\nWhere object centers fall on the canvas (\(Self.heatBins) x \(Self.heatBins) cells).\n\n"
        image("positions.svg")
        md +=
            "### Text\n\nLengths and vocabulary in words (Chinese and Japanese: characters). Distinct counts are of exact strings.\n\n"
        md +=
            "| language | captions | mean short caption | mean detailed caption | questions | mean question | distinct short captions | distinct detailed captions | distinct questions | distinct answers | refs | distinct refs | negatives | vocabulary |\n"
        md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for code in languageCodes {
            guard let l = languages[code] else { continue }
            md += "| \(code) | \(l.captions) | \(String(format: "%.1f", l.shortLengths.mean)) | "
            md += "\(String(format: "%.1f", l.detailedLengths.mean)) | \(l.questions) | "
            md += "\(String(format: "%.1f", l.questionLengths.mean)) | \(l.distinctShortCaptions) | "
            md += "\(l.distinctDetailedCaptions) | \(l.distinctQuestions) | \(l.distinctAnswers) | \(l.refs) | "
            md += "\(l.distinctRefs) | \(l.negatives) | \(l.vocabularySize) \(l.unit) |\n"
        }
        md += "\n"
        image("distinct_strings.svg")
        image("vocabulary.svg")
        for code in languageCodes {
            image("caption_lengths_\(code).svg")
            image("detailed_caption_lengths_\(code).svg")
            image("question_lengths_\(code).svg")
        }
        md += "### Answers per question family\n\n"
        for code in languageCodes {
            guard let l = languages[code], l.questions > 0 else { continue }
            md += "**\(code)**\n\n| family | questions | distinct answers | top answers |\n|---|---:|---:|---|\n"
            for (family, count) in l.questionsPerFamily.byKey {
                let top = l.topAnswers(family).map { "\($0.key) \(Self.percent(ratio($0.count, count)))" }
                md +=
                    "| \(family) | \(count) | \(l.answersPerFamily[family]?.distinct ?? 0) | \(top.joined(separator: ", ")) |\n"
            }
            md += "\n"
            image("answers_\(code).svg")
        }
        for code in languageCodes {
            guard let c = languages[code]?.conversations, c.conversations > 0 else { continue }
            if code == languageCodes.first(where: { (languages[$0]?.conversations.conversations ?? 0) > 0 }) {
                md += "### Conversations\n\nTurns per kind, distinct strings, and the turns plans asked for that "
                md += "scenes could not give as distinct true turns (shortfall).\n\n"
            }
            md += "**\(code)**: \(c.conversations) conversations, \(c.turns) turns, shortfall \(c.shortfall)\n\n"
            md += "| kind | turns | distinct questions | distinct answers |\n|---|---:|---:|---:|\n"
            for (kind, count) in c.turnsPerKind.byKey {
                md += "| \(kind) | \(count) | \(c.distinctQuestions(kind)) | \(c.distinctAnswers(kind)) |\n"
            }
            md += "\n"
        }
        md += "### Shortcut risk: blind baselines\n\n"
        md += "Accuracy of answering from the question text alone. Fitted on samples with an even index, "
        md += "scored on samples with an odd index. *Question*: the most common answer of the exact question string "
        md +=
            "(its family's answer when the string was not seen in fitting); *family*: the family's most common answer; "
        md += "*chance*: 1 / distinct answers of the family; *majority*: share of the family's most common answer. "
        md += "A baseline far above chance means those questions can be answered without looking at the image. "
        md += "*In sample* fits and scores on all samples (an upper bound). Method: docs/STATS.md.\n\n"
        for code in languageCodes {
            guard let l = languages[code], l.questions > 0 else { continue }
            let r = l.baseline.evaluate()
            md += "**\(code)**\n\n"
            md += "| family | scored | question | family | chance | majority | question, in sample | unseen strings |\n"
            md += "|---|---:|---:|---:|---:|---:|---:|---:|\n"
            for f in r.families {
                md +=
                    "| \(f.name) | \(f.evaluated) | \(Self.percent(f.questionAccuracy)) | \(Self.percent(f.familyAccuracy)) | "
                md += "\(Self.percent(f.chance)) | \(Self.percent(f.majorityRate)) | "
                md += "\(Self.percent(f.questionAccuracyInSample)) | \(f.unseenEvaluated) |\n"
            }
            let unseen = r.families.reduce(0) { $0 + $1.unseenEvaluated }
            md +=
                "| **all** | \(r.evaluated) | \(Self.percent(r.questionAccuracy)) | \(Self.percent(r.familyAccuracy)) | "
            md += "\(Self.percent(r.chance)) | \(Self.percent(r.majorityRate)) | "
            md += "\(Self.percent(r.questionAccuracyInSample)) | \(unseen) |\n\n"
            image("shortcut_\(code).svg")
        }
        md += "### Sampler rejections\n\n\(Self.rejectionsUnavailable)\n"
        return md
    }

    /// The heading that starts the card's statistics section.
    public static let cardHeading = "## Statistics (scenewright stats)"

    /// `card` with its statistics section replaced by `section` (appended when absent). The
    /// section runs from its heading to the next level-2 heading or the end; everything else,
    /// the YAML front matter first, is kept byte for byte.
    public static func updateCard(_ card: String, section: String) -> String {
        var lines = card.components(separatedBy: "\n")
        // Headings inside the front matter do not count.
        var bodyStart = 0
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") { bodyStart = end + 1 }
        let body = section.hasSuffix("\n") ? String(section.dropLast()) : section
        if let start = lines[bodyStart...].firstIndex(of: cardHeading) {
            var end = start + 1
            while end < lines.count, !lines[end].hasPrefix("## ") { end += 1 }
            var replacement = body.components(separatedBy: "\n")
            if end < lines.count { replacement.append("") }
            lines.replaceSubrange(start..<end, with: replacement)
            return lines.joined(separator: "\n") + (lines.last == "" ? "" : "\n")
        }
        var text = card
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        if !text.isEmpty { text += "\n" }
        return text + body + "\n"
    }

    /// Writes `stats/stats.json`, the charts and `stats/README-stats.md` under `directory`, and
    /// the statistics section of `directory/README.md` when that card exists. Returns the paths
    /// written, relative to `directory`.
    public func write(to directory: String) throws -> [String] {
        let folder = directory + "/stats"
        try AtomicFile.makeDirectory(folder)
        let charts = self.charts()
        var written: [String] = []
        for c in charts {
            try AtomicFile.write(c.svg, to: folder + "/" + c.file)
            written.append("stats/" + c.file)
        }
        var w = JSONWriter()
        w.value(json(charts: charts.map(\.file)))
        w.rawBytes(Array("\n".utf8))
        try AtomicFile.write(w.bytes, to: folder + "/stats.json")
        written.append("stats/stats.json")
        try AtomicFile.write(Array(markdown(charts: charts, linkPrefix: "").utf8), to: folder + "/README-stats.md")
        written.append("stats/README-stats.md")
        let cardPath = directory + "/README.md"
        if AtomicFile.exists(cardPath) {
            let card = String(decoding: try AtomicFile.read(cardPath), as: UTF8.self)
            let updated = Self.updateCard(card, section: markdown(charts: charts, linkPrefix: "stats/"))
            try AtomicFile.write(Array(updated.utf8), to: cardPath)
            written.append("README.md")
        }
        return written
    }
}
