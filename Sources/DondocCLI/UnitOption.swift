import ArgumentParser
import DondocApp
import DondocCore

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

    /// The obligations the unit holds (all of them without `--unit`).
    func filter(_ obligations: [Obligation], org: OrgChart, directory: String) throws -> [Obligation] {
        guard let filter = try filter(org: org, directory: directory) else { return obligations }
        return obligations.filter(filter.includes)
    }
}
