import DondocCore

/// A unit that the directives notify must be reachable by email: its own address, or its
/// parent's. Units no directive addresses, and units that have ceased to exist, are left alone.
enum UnitDeliveryChecks {
    /// `addressed`: what `addressedUnits` found in each directive, together.
    static func run(_ context: ValidationContext, addressed: Set<String>) {
        guard let units = context.units else { return }
        for entry in units.entries where addressed.contains(entry.unit.id) {
            let unit = entry.unit
            if let until = unit.validUntil, context.today.map({ until < $0 }) ?? true { continue }
            guard unit.email == nil else { continue }
            if let parent = unit.parent.flatMap({ context.org[$0] }), parent.email != nil { continue }
            let parentNote = unit.parent == nil ? "no parent with one" : "neither has its parent '\(unit.parent!)'"
            context.bag.warning(.undeliverableUnit, entry.idLocation,
                "unit '\(unit.id)' has no email and \(parentNote): notifications to it cannot be delivered")
        }
    }

    /// Every unit some directive may send to: leads and support (reminders), and whoever its
    /// escalations go to — unit targets, and the monitor, issuer, report-to or parents when
    /// an escalation names them.
    static func addressedUnits(_ context: ValidationContext) -> Set<String> {
        var result = Set<String>()
        for directive in context.directives {
            for step in directive.steps {
                let leads = context.org.expand(step.lead.map(\.value))
                result.formUnion(leads)
                result.formUnion(context.org.expand(step.support.map(\.value)))
                let targets = directive.escalation(of: step)?.flatMap { $0.rule.targets }
                    ?? Directive.defaultEscalation.flatMap(\.targets)
                for target in targets {
                    switch target {
                    case .unit(let id): result.insert(id)
                    case .issuer: if let issuer = directive.issuer { result.insert(issuer.value) }
                    case .parent: result.formUnion(leads.compactMap { context.org[$0]?.parent })
                    case .monitor: if let monitor = directive.monitor { result.insert(monitor.value) }
                    case .reportTo: result.formUnion(step.reportTo.map(\.value))
                    case .head: break
                    }
                }
            }
        }
        return result
    }
}
