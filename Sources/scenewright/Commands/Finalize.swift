import ArgumentParser
import Pipeline

struct Finalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finalize", abstract: "Merge the shards of a run into its whole-run files and write run.json.",
        discussion: """
            For runs whose shards were written by several processes or machines (--shard-index, \
            Slurm array tasks): once every shard is complete, this writes the same files a \
            single-process run writes. The run is read from <folder>/.scenewright/manifest.json.
            """)

    @Argument(help: "The run's output folder.")
    var folder: String

    func run() throws {
        try CLIError.report {
            let run = try RunSetup.finalize(folder: folder)
            print("finalized \(run.count) samples in \(run.shards.count) shards in \(folder)/")
        }
    }
}
