import DondocCore
import DondocLoader

/// Why a key given by a user (a command's argument, a form, the API) names no obligation.
public enum ObligationKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not of the form `DIRECTIVE#STEP@UNIT[/PERIOD]`.
    case malformed(String)
    /// A notification key (as in `X-Dondoc-Keys`): the obligation's key is the part before `!`.
    case notificationKey(String, obligation: String)
    case unknownDirective(key: String, directive: String)
    case unknownStep(key: String, directive: String, step: String)
    case unknownUnit(key: String, unit: String)

    /// The key is not written as a key at all (a usage error), rather than naming something the
    /// workflows do not have.
    public var isMalformed: Bool {
        switch self {
        case .malformed, .notificationKey: true
        case .unknownDirective, .unknownStep, .unknownUnit: false
        }
    }

    public var description: String {
        switch self {
        case .malformed(let key):
            "'\(key)' is not an obligation key such as 33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"
        case .notificationKey(let key, let obligation):
            "'\(key)' names one notification; give the obligation's key, '\(obligation)'"
        case .unknownDirective(let key, let directive):
            "\(key): no directive '\(directive)' in the workflows"
        case .unknownStep(let key, let directive, let step):
            "\(key): directive \(directive) has no step '\(step)'"
        case .unknownUnit(let key, let unit):
            "\(key): no unit '\(unit)' in units.yaml"
        }
    }
}

/// An obligation key checked against the workflows: its directive, step and unit exist.
public struct ResolvedKey: Sendable {
    public let key: String
    public let directive: Directive
    public let step: Step
    public let unit: String
    public let period: Period?
}

extension WorkflowSet {
    /// The directive, step and unit a key names.
    public func resolve(key: String) throws(ObligationKeyError) -> ResolvedKey {
        // A notification key, copied from a message's X-Dondoc-Keys (`KEY!RULE`): point at its
        // obligation. Checked first: a one-off key's unit would otherwise swallow the rule.
        if let obligation = Notification.obligationKey(ofNotificationKey: key) {
            throw .notificationKey(key, obligation: obligation)
        }
        guard let parts = Obligation.parse(key: key) else { throw .malformed(key) }
        guard let directive = directive(parts.directive) else {
            throw .unknownDirective(key: key, directive: parts.directive)
        }
        guard let step = directive.step(parts.step) else {
            throw .unknownStep(key: key, directive: directive.number, step: parts.step)
        }
        guard org[parts.unit] != nil else { throw .unknownUnit(key: key, unit: parts.unit) }
        return ResolvedKey(key: key, directive: directive, step: step, unit: parts.unit, period: parts.period)
    }
}
