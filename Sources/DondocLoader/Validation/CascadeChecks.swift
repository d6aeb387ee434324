import DondocCore

/// A downstream deadline later than the upstream one it feeds (RULES.md: Hải Phòng's
/// 9465/UBND-KSTTHC asks for reports "in 12/2021" while the city's own report under 33/CT-TTg
/// is due before 15/12).
///
/// Directive B `implements: A`; a step of B feeds a step of A when one of B's lead units is a
/// lead of A's step, or reports to one (its parent chain reaches it). For a recurring A step
/// the occurrence due in the same period as B's deadline counts. One warning per step of B,
/// naming the earliest upstream deadline it misses.
enum CascadeChecks {
    static func run(_ context: ValidationContext) {
        for downstream in context.directives {
            guard let implements = downstream.implements,
                  let upstream = context.directive(numbered: implements.value),
                  upstream.normalizedNumber != downstream.normalizedNumber else { continue }
            check(downstream, feeding: upstream, context: context)
        }
    }

    private struct Miss {
        var date: CivilDate
        var step: String
        var unit: String
    }

    private static func check(_ downstream: DirectiveDraft, feeding upstream: DirectiveDraft, context: ValidationContext) {
        let down = StepDeadlines(directive: downstream, calculator: context.calculator)
        let up = StepDeadlines(directive: upstream, calculator: context.calculator)
        for step in downstream.steps {
            guard let due = step.due, let date = down.firstDueDate(of: step) else { continue }
            let feeders = context.org.expand(step.lead.map(\.value))
            var reached: [String: Set<String>] = [:]  // downstream unit → itself and its ancestors
            for unit in feeders { reached[unit] = Set([unit] + context.ancestors(of: unit)) }
            var earliest: Miss?
            for upstreamStep in upstream.steps {
                guard let id = upstreamStep.id?.value,
                      let (upstreamDate, _) = up.dueDate(of: upstreamStep, near: date), date > upstreamDate,
                      earliest == nil || upstreamDate < earliest!.date,
                      let unit = context.org.expand(upstreamStep.lead.map(\.value))
                          .first(where: { unit in reached.values.contains { $0.contains(unit) } })
                else { continue }
                earliest = Miss(date: upstreamDate, step: id, unit: unit)
            }
            if let miss = earliest {
                context.bag.warning(.laterThanUpstream, due.location,
                    "due \(date) is later than \(upstream.name) step \(miss.step), due \(miss.date) for \(miss.unit), which this feeds")
            }
        }
    }
}
