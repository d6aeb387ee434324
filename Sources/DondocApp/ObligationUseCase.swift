import DondocLoader
import DondocStore

/// One thing staff or leaders do to an obligation — record it done, record an extension, and
/// (on the web, DESIGN §6.2) request, approve or refuse one: the key is checked against the
/// workflows, then the change and its audit entry are written in one store transaction, so that
/// the trail never misses a change nor records one that did not happen.
///
/// The CLI, the web's forms and the API build the request and call `run(_:now:)`; `now` is the
/// caller's clock (epoch seconds), simulated in drills.
public protocol ObligationUseCase: Sendable {
    associatedtype Request: ObligationRequest
    associatedtype Outcome: Sendable

    /// The workflows keys are checked against, and the store written.
    var context: UseCaseContext { get }

    /// Checks what can be checked without the store (throws the use case's own error).
    func check(_ request: Request) throws

    /// The change and its audit entry, inside one transaction.
    func write(_ request: Request, to key: ResolvedKey, now: Int64, in transaction: any StoreTransaction) throws -> Outcome
}

extension ObligationUseCase {
    public func check(_ request: Request) throws {}

    /// Throws `ObligationKeyError` for a key the workflows do not have, `StoreError` when the
    /// store fails (nothing is then written), or the use case's own error.
    public func run(_ request: Request, now: Int64) async throws -> Outcome {
        try check(request)
        let resolved = try context.workflows.resolve(key: request.key)
        return try await context.store.transaction { try write(request, to: resolved, now: now, in: $0) }
    }
}

/// A request about one obligation.
public protocol ObligationRequest: Sendable {
    /// The obligation key, as the user gave it.
    var key: String { get }
}

/// What every use case works on: the loaded workflows and the state store.
public struct UseCaseContext: Sendable {
    public let workflows: WorkflowSet
    public let store: any StateStore

    public init(workflows: WorkflowSet, store: any StateStore) {
        self.workflows = workflows
        self.store = store
    }
}

/// Who the audit trail names for a change (DESIGN §6.4): where it came from (`via`: the link's
/// address, an access token's name, `cli`), with the person's own name (`by`) when they gave one.
public enum AuditActor {
    public static func name(by: String?, via: String) -> String {
        guard let by, !by.isEmpty, by != via else { return via }
        return via == "cli" ? by : "\(by) (\(via))"
    }
}
