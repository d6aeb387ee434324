import DondocCore
import DondocLoader
import DondocStore
import Foundation

/// `dondoc extend`, and later an approval on the web: records an extension (gia hạn), after
/// which the obligation is due on the new date. A later extension replaces an earlier one.
public struct RecordExtension: ObligationUseCase {
    public struct Request: ObligationRequest {
        public var key: String
        public var to: CivilDate
        /// Why: the decision that granted it.
        public var reason: String
        /// Who granted it.
        public var by: String?
        /// Where the request came from (see `RecordCompletion.Request.via`).
        public var via: String

        public init(key: String, to: CivilDate, reason: String, by: String? = nil, via: String) {
            self.key = key
            self.to = to
            self.reason = reason
            self.by = by
            self.via = via
        }

        /// What can be checked without the workflows or the store.
        public func validate() throws(RequestError) {
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .noReason }
        }
    }

    public enum RequestError: Error, Sendable, Hashable, CustomStringConvertible {
        case noReason

        public var description: String {
            switch self {
            case .noReason: "must say why (the decision that granted the extension)"
            }
        }
    }

    public let context: UseCaseContext

    public init(_ context: UseCaseContext) { self.context = context }

    public func check(_ request: Request) throws { try request.validate() }

    public func write(_ request: Request, to key: ResolvedKey, now: Int64, in transaction: any StoreTransaction) throws -> Extension {
        let granted = Extension(key: key.key, to: request.to, reason: request.reason, by: request.by, at: now)
        try transaction.recordExtension(granted)
        try transaction.audit(AuditEvent(at: now, actor: AuditActor.name(by: request.by, via: request.via), action: "extend", key: key.key,
                                         detail: "to \(request.to): \(request.reason)"))
        return granted
    }
}
