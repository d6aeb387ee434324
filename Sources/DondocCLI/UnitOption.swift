import ArgumentParser
import DondocApp
import DondocCore
import DondocLoader

/// `--unit`: only the obligations of one unit, or of a group's units.
struct UnitOption: ParsableArguments {
    @Option(help: ArgumentHelp("Only this unit's obligations (a unit id or group:NAME).", valueName: "unit"))
    var unit: String?

    /// The filter for the unit, `nil` without `--unit`; a unit or group that the workflows in
    /// `directory` do not name is a usage error.
    func filter(org: OrgChart, directory: String) throws -> UnitFilter? {
        guard let unit else { return nil }
        do {
            return try UnitFilter(unit: unit, org: org)
        } catch {
            throw CommandFailure.usage("--unit: \(error) in \(directory)")
        }
    }

    /// The obligations due in `dates` that the unit holds (all of them without `--unit`).
    func obligations(of workflows: WorkflowSet, due dates: ClosedRange<CivilDate>, directory: String) throws -> [Obligation] {
        workflows.planner().obligations(due: dates, unit: try filter(org: workflows.org, directory: directory))
    }
}
