import ArgumentParser
import DatasetWriters
import Foundation
import Pipeline
import SampleRecords
import SceneModel

struct Finalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the shards of a run into its whole-run files and write run.json.",
        discussion: """
            For runs whose shards were written by several processes or machines (--shard-index, \
            Slurm array tasks): once every shard is complete, this writes the same files a \
            single-process run writes. The run is read from <folder>/.scenewright/manifest.json.
            """)

    @Argument(help: "The run's output folder.")
    var folder: String

    func run() throws {
        try CLIError.report {
            let path = folder + "/" + DatasetSink.stateFolder + "/" + DatasetSink.manifestName
            let bytes = try AtomicFile.read(path)
            let setup = try RunSetup(manifest: try JSONValue.parse(bytes), path: path)
            let outputs = try setup.formats()
            let sink = try DatasetSink(
                directory: folder, run: setup.info, formats: outputs.formats, manifest: bytes, resume: true,
                label: "finalize")
            try sink.finalize(metadata: setup.completion)
            print("finalized \(setup.info.count) samples in \(setup.info.shards.count) shards in \(folder)/")
        }
    }
}
