import DatasetWriters
import Foundation
import SampleRecords
import SceneModel

extension RunSetup {
    /// Merges the shards of the run in `folder`, read from its manifest, into the whole-run files
    /// and writes run.json: for runs whose shards several processes or machines wrote. Returns
    /// the run.
    public static func finalize(folder: String) throws -> RunInfo {
        let path = folder + "/" + DatasetSink.stateFolder + "/" + DatasetSink.manifestName
        let bytes = try AtomicFile.read(path)
        let setup = try RunSetup(manifest: try JSONValue.parse(bytes), path: path)
        let outputs = try setup.formats()
        let sink = try DatasetSink(
            directory: folder, run: setup.info, formats: outputs.formats, manifest: bytes, resume: true,
            claimMaxAge: try Claims.maxAge(environment: ProcessInfo.processInfo.environment))
        if let (name, owner) = try sink.finalizeUnlessClaimed(metadata: setup.completion) {
            throw PipelineError.claimed(
                "cannot finalize \(folder): \(DatasetSink.describe(claim: name, owner: owner)); finalize when it is done"
            )
        }
        return setup.info
    }
}
