import DondocLoader
import DondocStore

/// `dondoc done`, and later the web's done form: records a completion. Done twice is not an
/// error: the first completion stands.
public struct RecordCompletion: ObligationUseCase {
    public struct Request: ObligationRequest {
        public var key: String
        /// When it was done (epoch seconds); `nil` for now.
        public var at: Int64?
        /// Who did it, as they name themselves.
        public var by: String?
        public var note: String?
        /// Where the request came from, the audit trail's actor when `by` is not given: `cli`,
        /// a recipient's address, an access token's name.
        public var via: String

        public init(key: String, at: Int64? = nil, by: String? = nil, note: String? = nil, via: String) {
            self.key = key
            self.at = at
            self.by = by
            self.note = note
            self.via = via
        }
    }

    public enum Outcome: Sendable, Hashable {
        case recorded(Completion)
        /// The completion recorded earlier, which stands.
        case alreadyDone(Completion?)
    }

    public let context: UseCaseContext

    public init(_ context: UseCaseContext) { self.context = context }

    public func write(_ request: Request, to key: ResolvedKey, now: Int64, in transaction: any StoreTransaction) throws -> Outcome {
        let completion = Completion(key: key.key, at: request.at ?? now, by: request.by, note: request.note)
        let recorded = try transaction.recordCompletion(completion)
        try transaction.audit(AuditEvent(at: now, actor: AuditActor.name(by: request.by, via: request.via), action: "done", key: key.key, detail: request.note))
        return recorded ? .recorded(completion) : .alreadyDone(try transaction.completion(key: key.key))
    }
}
