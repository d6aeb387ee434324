/// Which obligations a plan is made for: one directive, one step, the units assigned to (or
/// succeeded by) some units — each `nil` for all. Steps outside the scope are still planned
/// as far as the scope's deadlines count from them (`step ID` anchors).
public struct PlanScope: Sendable {
    public var directive: String?
    public var step: String?
    public var units: Set<String>?

    public init(directive: String? = nil, step: String? = nil, units: Set<String>? = nil) {
        self.directive = directive
        self.step = step
        self.units = units
    }

    public static let all = PlanScope()
}
