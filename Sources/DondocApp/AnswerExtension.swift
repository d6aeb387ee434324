import DondocCore
import DondocLoader
import DondocStore

/// The monitoring body's answer to an extension request (DESIGN §6.2), from the page its digest
/// links to or an admin token: `ApproveExtension` records the extension as `dondoc extend`
/// does, `RefuseExtension` leaves the deadline as it was. Either way the request is answered
/// once, and the answer reaches the requester in its next digest (`ExtensionNotice`).
///
/// An answer is accepted while the request waits, also when the obligation was done meanwhile:
/// an extension approved late still decides whether it was done on time.
public struct ApproveExtension: ObligationUseCase {
    public struct Request: ObligationRequest {
        public var key: String
        /// The request the approver was shown; `nil` for whichever is waiting.
        public var requestID: Int64?
        /// The new due date; `nil` for the date asked for.
        public var to: CivilDate?
        public var note: String?
        /// Who approves, as they name themselves.
        public var by: String?
        /// The link's address, or an access token's name (the audit trail's actor without `by`).
        public var via: String

        public init(key: String, requestID: Int64? = nil, to: CivilDate? = nil, note: String? = nil, by: String? = nil,
                    via: String) {
            self.key = key
            self.requestID = requestID
            self.to = to
            self.note = note
            self.by = by
            self.via = via
        }
    }

    public struct Outcome: Sendable, Hashable {
        /// The request, answered.
        public let request: ExtensionRequest
        /// The extension now in force.
        public let granted: Extension
    }

    public let context: UseCaseContext

    public init(_ context: UseCaseContext) { self.context = context }

    public func write(_ request: Request, to key: ResolvedKey, now: Int64, in transaction: any StoreTransaction) throws -> Outcome {
        let actor = AuditActor.name(by: request.by, via: request.via)
        let decision = ExtensionRequest.Decision(answer: .approved, by: request.by ?? request.via, at: now, note: request.note)
        let answered = try ExtensionAnswer.answer(key: key.key, id: request.requestID, decision, in: transaction)
        let to = request.to ?? answered.to
        let granted = try RecordExtension(context).write(
            RecordExtension.Request(key: key.key, to: to, reason: answered.reason, by: request.by, via: request.via),
            to: key, now: now, in: transaction)
        try transaction.audit(AuditEvent(at: now, actor: actor, action: "approve-extension", key: key.key,
                                         detail: ExtensionAnswer.detail(answered, to: to)))
        return Outcome(request: answered, granted: granted)
    }
}

/// The refusal: the request is answered, the deadline stays.
public struct RefuseExtension: ObligationUseCase {
    public struct Request: ObligationRequest {
        public var key: String
        /// The request the answerer was shown; `nil` for whichever is waiting.
        public var requestID: Int64?
        /// Why, for the requester.
        public var note: String?
        public var by: String?
        /// See `ApproveExtension.Request.via`.
        public var via: String

        public init(key: String, requestID: Int64? = nil, note: String? = nil, by: String? = nil, via: String) {
            self.key = key
            self.requestID = requestID
            self.note = note
            self.by = by
            self.via = via
        }
    }

    public let context: UseCaseContext

    public init(_ context: UseCaseContext) { self.context = context }

    public func write(_ request: Request, to key: ResolvedKey, now: Int64, in transaction: any StoreTransaction) throws -> ExtensionRequest {
        let actor = AuditActor.name(by: request.by, via: request.via)
        let decision = ExtensionRequest.Decision(answer: .refused, by: request.by ?? request.via, at: now, note: request.note)
        let answered = try ExtensionAnswer.answer(key: key.key, id: request.requestID, decision, in: transaction)
        try transaction.audit(AuditEvent(at: now, actor: actor, action: "refuse-extension", key: key.key,
                                         detail: ExtensionAnswer.detail(answered, to: nil)))
        return answered
    }
}

/// What approving and refusing share.
enum ExtensionAnswer {
    /// Answers the request of `key` that waits (the one numbered `id`, when given).
    static func answer(key: String, id: Int64?, _ decision: ExtensionRequest.Decision,
                       in transaction: any StoreTransaction) throws -> ExtensionRequest {
        guard var pending = try transaction.pendingExtensionRequest(key: key), let pendingID = pending.id,
              id == nil || id == pendingID,
              try transaction.answerExtensionRequest(id: pendingID, decision) else {
            throw ExtensionRequestError.notPending(key: key, id: id)
        }
        pending.decision = decision
        return pending
    }

    static func detail(_ request: ExtensionRequest, to: CivilDate?) -> String {
        let note = request.decision?.note.map { ": \($0)" } ?? ""
        return "request \(request.id ?? 0)" + (to.map { " to \($0)" } ?? "") + note
    }
}
