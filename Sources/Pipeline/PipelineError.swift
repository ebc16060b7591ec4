import DatasetWriters
import PNGCodec
import SceneSampler

/// Any failure of a generation run, with the stage's own message.
public enum PipelineError: Error, CustomStringConvertible {
    case plan(PlanError)
    case sampling(SamplingError)
    case png(PNGError)
    case write(WriteError)
    case record(String)
    /// Options that do not fit together.
    case options(String)

    public var description: String {
        switch self {
        case .plan(let e): "error: \(e)"
        case .sampling(let e): "error: \(e)"
        case .png(let e): "error: PNG encoding failed: \(e)"
        case .write(let e): "error: \(e)"
        case .record(let m): "error: \(m)"
        case .options(let m): "error: \(m)"
        }
    }
}
