/// How one obligation's deadline was reached (`dondoc explain`): the steps the deadline code
/// took, traced as it computed them, with the deadlines it counted from, the extension in
/// force and the notifications planned.
public struct DeadlineExplanation: Sendable {
    /// One deadline as computed: the steps of its computation and, for a `step ID` anchor,
    /// the anchor step's deadlines for each unit it was taken from.
    public struct Traced: Sendable {
        public let step: String
        public let unit: String
        public let period: Period?
        public let key: String
        public let expression: DueExpression
        public let policy: RestDayPolicy
        public let steps: [DeadlineTrace.Step]
        public let anchors: [Traced]
    }

    public let obligation: Obligation
    /// The computed deadline; `nil` when the trace found none (a cycle the loader reports).
    public let computed: Traced?
    /// The due date of an extension in force (the deadline then follows it).
    public let extendedTo: CivilDate?
    public let notifications: [Notification]
}

extension Planner {
    /// Traces the computation of `obligation`'s deadline again, through the same `StepSchedule`
    /// that planned it, with a tracer. `nil` when its directive or step is not planned here.
    public func explain(_ obligation: Obligation, progress: Progress = .none) -> DeadlineExplanation? {
        guard let directive = directives.first(where: { $0.number == obligation.directive }),
              let step = directive.step(obligation.step) else { return nil }
        let tracer = ScheduleTracer()
        var schedule = StepSchedule(planner: self, directive: directive, progress: progress, tracer: tracer)
        // An extension may have moved the due date far from the computed one: plan widely
        // around it (for this step and unit only).
        let day = obligation.deadline.dueDate
        _ = schedule.obligations(of: step, due: day.adding(years: -2)...day.adding(years: 2),
                                 leads: { $0 == obligation.assignedUnit })
        let computed = traced(step: step, unit: obligation.assignedUnit, key: obligation.key, period: obligation.period,
                              directive: directive, schedule: schedule, tracer: tracer, depth: 0)
        return DeadlineExplanation(obligation: obligation, computed: computed,
                                   extendedTo: progress.extensions[obligation.key],
                                   notifications: notifications(for: obligation, directive: directive, step: step))
    }

    private func traced(step: Step, unit: String, key: String, period: Period?, directive: Directive,
                        schedule: StepSchedule, tracer: ScheduleTracer, depth: Int) -> DeadlineExplanation.Traced? {
        guard depth <= directive.steps.count, let trace = tracer.trace(step: step.id, unit: unit, period: period) else { return nil }
        var anchors: [DeadlineExplanation.Traced] = []
        for case .anchor(let anchor) in trace.steps {
            let (id, units): (String?, [DeadlineTrace.AnchorUnit]) = switch anchor {
            case .issued: (nil, [])
            case .stepDue(let id, let units, _), .stepDone(let id, let units, _): (id, units)
            }
            guard let id, let anchorStep = directive.step(id) else { continue }
            for source in units {
                if let inner = traced(step: anchorStep, unit: source.unit, key: source.key, period: period, directive: directive,
                                      schedule: schedule, tracer: tracer, depth: depth + 1) {
                    anchors.append(inner)
                }
            }
        }
        return DeadlineExplanation.Traced(step: step.id, unit: unit, period: period, key: key, expression: step.due,
                                          policy: schedule.policy(step), steps: trace.steps, anchors: anchors)
    }
}
