import DondocCore
import DondocStore

/// Why an extension request cannot be recorded or answered.
public enum ExtensionRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    case noReason
    /// The date asked for is before the day of the request.
    case dateInPast(CivilDate, today: CivilDate)
    /// The obligation is done: there is nothing left to extend.
    case alreadyDone(Completion)
    /// A request of the key is waiting for an answer: a second one waits until it is answered.
    case alreadyPending(ExtensionRequest)
    /// No request of the key is waiting (or not the one named: `id`), so there is nothing to answer.
    case notPending(key: String, id: Int64?)

    public var description: String {
        switch self {
        case .noReason:
            "must say why the extension is needed"
        case .dateInPast(let date, let today):
            "the date asked for, \(date), is before today (\(today))"
        case .alreadyDone(let completion):
            "\(completion.key) is already done: there is nothing to extend"
        case .alreadyPending(let request):
            "\(request.key) already has an extension request waiting for an answer (to \(request.to))"
        case .notPending(let key, let id?):
            "extension request \(id) of \(key) is not waiting for an answer (answered already, or another request)"
        case .notPending(let key, nil):
            "\(key) has no extension request waiting for an answer"
        }
    }
}
