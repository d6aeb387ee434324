import DondocCore
import DondocLoader
import DondocStore

/// An extension request (to the monitoring body) or its answer (to the requester), as an item
/// of the recipient's next digest (DESIGN §6.2).
///
/// A notice is a notification like a reminder: its key (`notificationKey`) is claimed in the
/// send log before the hand-over and marked sent after it, so it goes out once, survives a crash,
/// and shows among the obligation's notifications. The key is the obligation key, `!`, the kind
/// and the request's number: `…/2026!extension-request:7`, `…/2026!extension-answer:7`.
public struct ExtensionNotice: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// To the directive's `monitor`, else its `issuer`: a request waits for an answer.
        case request = "extension-request"
        /// To the requester: the answer.
        case answer = "extension-answer"
    }

    /// Who the notice goes to.
    public enum Addressee: Sendable, Hashable {
        /// A unit of the org chart, reached as notifications to it are (its address, else its
        /// nearest ancestor's).
        case unit(String)
        /// An address as given (the link's recipient who asked).
        case address(String)
    }

    public let kind: Kind
    /// The request, with its answer for `.answer`.
    public let request: ExtensionRequest
    public let to: Addressee
    /// When it became due, epoch seconds: the request's `at`, or its answer's. It goes out in
    /// the recipient's first digest at or after that instant.
    public let at: Int64

    public var notificationKey: String { "\(request.key)!\(kind.rawValue):\(request.id ?? 0)" }

    /// The notices of `requests` (as `StateStore.extensionRequests(.changedSince(…))` lists them):
    /// one for each request, one more for each answer. A request of a key the workflows no
    /// longer have gets no request notice (no monitor is known); its answer still goes to the
    /// requester, or to the obligation's unit when the requester left no address.
    public static func notices(of requests: [ExtensionRequest], workflows: WorkflowSet) -> [ExtensionNotice] {
        var notices: [ExtensionNotice] = []
        for request in requests where request.id != nil {
            let parts = Obligation.parse(key: request.key)
            if let directive = parts.flatMap({ workflows.directive($0.directive) }) {
                notices.append(ExtensionNotice(kind: .request, request: request, to: .unit(directive.monitor ?? directive.issuer),
                                               at: request.at))
            }
            guard let decision = request.decision else { continue }
            let requester: Addressee? = request.requester.map { .address($0) } ?? parts.map { .unit($0.unit) }
            if let requester {
                notices.append(ExtensionNotice(kind: .answer, request: request, to: requester, at: decision.at))
            }
        }
        return notices
    }
}
