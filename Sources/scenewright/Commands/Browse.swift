import ArgumentParser
import Foundation
import Viewer

struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Write a static HTML viewer of a dataset: images, boxes, masks and all their text.",
        discussion: """
            Reads DATASET (train/*.tar shards, else samples.jsonl with images/) and writes \
            index.html with one data file per page of samples. Open index.html in a browser; no \
            server is needed. Images in DATASET/images are referenced in place; images only in \
            shards are copied to img/. With --masks datasets, the id plane is drawn as a colored \
            overlay (toggle "id mask"). Rerunning replaces a previous viewer in the same folder. \
            docs/BROWSE.md describes the page. Damaged samples and files are listed on standard \
            error; the viewer is still written, and the exit status is then 1.
            """)

    @Argument(help: "The dataset folder (the --out of generate).")
    var dataset: String

    @Option(name: .long, help: "Samples per page.")
    var perPage: Int = 48

    @Option(name: .long, help: "Output folder (default: DATASET/browse).")
    var out: String?

    func validate() throws {
        guard (1...10_000).contains(perPage) else { throw ValidationError("--per-page must be 1 to 10000") }
    }

    func run() throws {
        try CLIError.report {
            let output = out ?? (dataset.hasSuffix("/") ? dataset + "browse" : dataset + "/browse")
            let start = Date()
            let s = try DatasetViewer.write(dataset: dataset, to: output, perPage: perPage)
            for w in s.warnings { FileHandle.standardError.write(Data("defect: \(w)\n".utf8)) }
            if s.defects > s.warnings.count {
                FileHandle.standardError.write(Data("defect: … and \(s.defects - s.warnings.count) more\n".utf8))
            }
            let images =
                s.imagesReferencedFrom.map { "images referenced from \($0)" }
                ?? "\(s.imagesExtracted) images copied to img/"
            print(
                "wrote \(output)/index.html: \(s.samples) samples on \(s.pages) pages of \(perPage); \(images); "
                    + "\(s.masks) mask overlays; languages \(s.languages.joined(separator: ", ")) "
                    + String(format: "(%.1f s)", Date().timeIntervalSince(start)))
            if s.defects > 0 {
                print("\(s.defects) defects (listed above); the viewer shows every readable sample")
                throw ExitCode.failure
            }
        }
    }
}
