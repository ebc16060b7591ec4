import DatasetWriters
import PNGCodec
import PlanFiles
import SceneSampler

/// Any failure of a generation run, with the stage's own message.
public enum PipelineError: Error, CustomStringConvertible {
    case plan(PlanError)
    case sampling(SamplingError)
    case twins(TwinError)
    case png(PNGError)
    case write(WriteError)
    case record(String)
    /// Options that do not fit together.
    case options(String)
    /// A shard asked for by number is held by another live process.
    case claimed(String)
    /// Stopped by Ctrl-C or SIGTERM.
    case interrupted

    public var description: String {
        switch self {
        case .plan(let e): "\(e)"
        case .sampling(let e): "\(e)"
        case .twins(let e): "\(e)"
        case .png(let e): "PNG encoding failed: \(e)"
        case .write(let e): "\(e)"
        case .record(let m): "\(m)"
        case .options(let m): "\(m)"
        case .claimed(let m): "\(m)"
        case .interrupted: "interrupted"
        }
    }
}
