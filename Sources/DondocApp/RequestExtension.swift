import DondocCore
import DondocLoader
import DondocStore
import Foundation

/// The web's extension form (DESIGN §6.2): staff ask for a new due date. The obligation is then
/// `extension-requested`; its deadline stays as it is until the monitoring body approves
/// (`ApproveExtension`) or refuses (`RefuseExtension`).
///
/// Refused (`ExtensionRequestError`) when the obligation is done, and when a request of it is
/// already waiting: the monitoring body answers what it was shown, and a second request waits
/// for that answer.
public struct RequestExtension: ObligationUseCase {
    public struct Request: ObligationRequest {
        public var key: String
        /// The due date asked for.
        public var to: CivilDate
        public var reason: String
        /// The requester's own name, as they give it.
        public var by: String?
        /// Where the answer goes: the address the link was sent to.
        public var requester: String?
        /// Where the request came from, the audit trail's actor when `by` is not given.
        public var via: String

        public init(key: String, to: CivilDate, reason: String, by: String? = nil, requester: String? = nil, via: String) {
            self.key = key
            self.to = to
            self.reason = reason
            self.by = by
            self.requester = requester
            self.via = via
        }
    }

    public let context: UseCaseContext

    public init(_ context: UseCaseContext) { self.context = context }

    public func check(_ request: Request) throws {
        if request.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ExtensionRequestError.noReason }
    }

    public func write(_ request: Request, to key: ResolvedKey, now: Int64, in transaction: any StoreTransaction) throws -> ExtensionRequest {
        let today = LocalDateTime(epochSeconds: now).date
        if request.to < today { throw ExtensionRequestError.dateInPast(request.to, today: today) }
        if let completion = try transaction.completion(key: key.key) { throw ExtensionRequestError.alreadyDone(completion) }
        if let pending = try transaction.pendingExtensionRequest(key: key.key) { throw ExtensionRequestError.alreadyPending(pending) }
        let recorded = try transaction.recordExtensionRequest(ExtensionRequest(
            key: key.key, to: request.to, reason: request.reason, requester: request.requester, by: request.by, at: now))
        try transaction.audit(AuditEvent(at: now, actor: AuditActor.name(by: request.by, via: request.via), action: "request-extension", key: key.key,
                                         detail: "request \(recorded.id ?? 0) to \(request.to): \(request.reason)"))
        return recorded
    }
}
