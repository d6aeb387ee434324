import DondocApp
import DondocCore

/// `GET /api/v1/report`: the counts of `dondoc report --format json`, one object per unit or
/// directive and the total.
struct ReportAnswer: Encodable {
    let report: Report
    /// The window asked for (a window that ends before it starts counts nothing).
    let from: CivilDate
    let to: CivilDate

    struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(report.grouping.rawValue, forKey: Key("by"))
        try c.encode(from.description, forKey: Key("from"))
        try c.encode(to.description, forKey: Key("to"))
        var rows = c.nestedUnkeyedContainer(forKey: Key("rows"))
        for row in report.rows { try rows.encode(Counts(id: row.id, name: row.name, counts: row.counts, grouping: report.grouping)) }
        try c.encode(Counts(id: nil, name: nil, counts: report.total, grouping: report.grouping), forKey: Key("total"))
    }

    /// One line of `dondoc report --format json`: the unit or directive, its name, the count of
    /// each category, the total and the share done on time.
    struct Counts: Encodable {
        let id: String?
        let name: String?
        let counts: Report.Counts
        let grouping: Report.Grouping

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(id, forKey: Key(grouping.rawValue))
            try c.encode(name, forKey: Key("name"))
            for category in ReportCategory.allCases { try c.encode(counts[category], forKey: Key(category.jsonName)) }
            try c.encode(counts.total, forKey: Key("total"))
            try c.encode(counts.roundedOnTimeShare, forKey: Key("on_time_share"))
        }
    }
}
