import DondocCore

/// What `dondoc status` (and later the web) says about one obligation (DESIGN §4).
public enum ObligationState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Open, reminders not started yet.
    case pending
    /// Open, within `dueSoonWorkingDays` working days of its target date.
    case dueSoon = "due-soon"
    /// Open after its `due_at`.
    case overdue
    /// A completion is recorded.
    case done
    /// Open, and an extension (gia hạn) replaced its computed deadline.
    case extended
    /// Open, and staff asked for an extension that the monitoring body has not yet answered
    /// (DESIGN §6.2); the deadline is unchanged until it is approved.
    case extensionRequested = "extension-requested"
}

/// The categories of the Government's task-tracking reports (DESIGN §6.3).
public enum ReportCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Hoàn thành đúng hạn: completed before `due_at` of the deadline in force (extensions included).
    case doneOnTime = "done-on-time"
    /// Hoàn thành quá hạn.
    case doneLate = "done-late"
    /// Chưa hoàn thành, trong hạn.
    case openOnTime = "open-on-time"
    /// Chưa hoàn thành, quá hạn.
    case openOverdue = "open-overdue"

    /// The category's name in the reports.
    public var vietnamese: String {
        switch self {
        case .doneOnTime: "hoàn thành đúng hạn"
        case .doneLate: "hoàn thành quá hạn"
        case .openOnTime: "chưa hoàn thành, trong hạn"
        case .openOverdue: "chưa hoàn thành, quá hạn"
        }
    }

    public var isDone: Bool { self == .doneOnTime || self == .doneLate }

    /// The category as a JSON key or a metric's label: `done_on_time`.
    public var jsonName: String { rawValue.replacingOccurrences(of: "-", with: "_") }
}
