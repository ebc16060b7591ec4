import ArgumentParser
import Pipeline

@main
struct Scenewright: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "scenewright",
        abstract: "Draw procedural 2D scenes into PNG images with text that is exactly true of their pixels.",
        discussion: """
            Scene plans (YAML, see docs/SCENES.md) decide what scenes look like. The sample with \
            global index i depends only on (plan, seed, i), so any sample can be regenerated alone.
            """,
        version: version,
        subcommands: [
            Generate.self, Finalize.self, Verify.self, Stats.self, Browse.self, Ask.self, Preview.self, Render.self,
            Plans.self, Bench.self, Stream.self, Score.self,
        ]
    )

    static func main() {
        ProcessTuning.keepLargeAllocationsOnTheHeap()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
