import DondocCore

/// One obligation as JSON: the lines of `status --format json` and `agenda --format json`
/// (DESIGN §4) and the objects of the API (§6.5). The fields after `due_date` are written only
/// when asked for (`fields`), as `null` when they have no value; keys in this order.
public struct ObligationDTO: Codable, Sendable, Hashable {
    /// The optional groups of fields.
    public struct Fields: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let state = Fields(rawValue: 1 << 0)
        public static let nominal = Fields(rawValue: 1 << 1)
        public static let dueAt = Fields(rawValue: 1 << 2)
        public static let targetDate = Fields(rawValue: 1 << 3)
        /// `window_start`, `window_end`.
        public static let window = Fields(rawValue: 1 << 4)
        /// `done_at`, `done_by`.
        public static let completion = Fields(rawValue: 1 << 5)
        public static let extendedTo = Fields(rawValue: 1 << 6)
        public static let category = Fields(rawValue: 1 << 7)

        /// `dondoc status --format json`.
        public static let status: Fields = [.state]
        /// `dondoc agenda --format json`.
        public static let agenda: Fields = [.nominal, .dueAt, .targetDate, .window]
        /// `GET /api/v1/obligations`: status's fields and what the API adds.
        public static let api: Fields = [.state, .dueAt, .completion, .extendedTo, .category]
    }

    public var key: String
    public var directive: String
    public var step: String
    public var unit: String
    public var period: String?
    public var dueDate: String
    public var state: ObligationState?
    public var nominal: String?
    /// ISO 8601 with the civil offset, as everywhere in dondoc's JSON.
    public var dueAt: String?
    public var targetDate: String?
    public var windowStart: String?
    public var windowEnd: String?
    public var doneAt: String?
    public var doneBy: String?
    public var extendedTo: String?
    public var category: ReportCategory?
    /// Which optional fields `encode(to:)` writes.
    public var fields: Fields

    /// An obligation as the planner sees it (no state: nothing recorded is known).
    public init(_ obligation: Obligation, fields: Fields) {
        let deadline = obligation.deadline
        key = obligation.key
        directive = obligation.directive
        step = obligation.step
        unit = obligation.unit
        period = obligation.period?.description
        dueDate = deadline.dueDate.description
        nominal = deadline.nominal.description
        dueAt = deadline.dueAt.iso8601(offsetMinutes: LocalDateTime.civilOffsetMinutes)
        targetDate = deadline.targetDate.description
        windowStart = obligation.window?.lowerBound.description
        windowEnd = obligation.window?.upperBound.description
        self.fields = fields
    }

    /// An obligation with its state and category.
    public init(_ tracked: TrackedObligation, fields: Fields) {
        self.init(tracked.obligation, fields: fields)
        state = tracked.state
        category = tracked.category
        doneAt = tracked.completion.map { LocalDateTime.iso8601(epochSeconds: $0.at) }
        doneBy = tracked.completion?.by
        extendedTo = tracked.extendedTo?.description
    }

    enum CodingKeys: String, CodingKey {
        case key, directive, step, unit, period
        case dueDate = "due_date", state, nominal, dueAt = "due_at", targetDate = "target_date"
        case windowStart = "window_start", windowEnd = "window_end", doneAt = "done_at", doneBy = "done_by"
        case extendedTo = "extended_to", category
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        directive = try c.decode(String.self, forKey: .directive)
        step = try c.decode(String.self, forKey: .step)
        unit = try c.decode(String.self, forKey: .unit)
        period = try c.decodeIfPresent(String.self, forKey: .period)
        dueDate = try c.decode(String.self, forKey: .dueDate)
        state = try c.decodeIfPresent(ObligationState.self, forKey: .state)
        nominal = try c.decodeIfPresent(String.self, forKey: .nominal)
        dueAt = try c.decodeIfPresent(String.self, forKey: .dueAt)
        targetDate = try c.decodeIfPresent(String.self, forKey: .targetDate)
        windowStart = try c.decodeIfPresent(String.self, forKey: .windowStart)
        windowEnd = try c.decodeIfPresent(String.self, forKey: .windowEnd)
        doneAt = try c.decodeIfPresent(String.self, forKey: .doneAt)
        doneBy = try c.decodeIfPresent(String.self, forKey: .doneBy)
        extendedTo = try c.decodeIfPresent(String.self, forKey: .extendedTo)
        category = try c.decodeIfPresent(ReportCategory.self, forKey: .category)
        var fields: Fields = []
        let present: [(CodingKeys, Fields)] = [
            (.state, .state), (.nominal, .nominal), (.dueAt, .dueAt), (.targetDate, .targetDate),
            (.windowStart, .window), (.doneAt, .completion), (.extendedTo, .extendedTo), (.category, .category),
        ]
        for (key, field) in present where c.contains(key) { fields.insert(field) }
        self.fields = fields
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(directive, forKey: .directive)
        try c.encode(step, forKey: .step)
        try c.encode(unit, forKey: .unit)
        try c.encode(period, forKey: .period)
        try c.encode(dueDate, forKey: .dueDate)
        if fields.contains(.state) { try c.encode(state?.rawValue, forKey: .state) }
        if fields.contains(.nominal) { try c.encode(nominal, forKey: .nominal) }
        if fields.contains(.dueAt) { try c.encode(dueAt, forKey: .dueAt) }
        if fields.contains(.targetDate) { try c.encode(targetDate, forKey: .targetDate) }
        if fields.contains(.window) {
            try c.encode(windowStart, forKey: .windowStart)
            try c.encode(windowEnd, forKey: .windowEnd)
        }
        if fields.contains(.completion) {
            try c.encode(doneAt, forKey: .doneAt)
            try c.encode(doneBy, forKey: .doneBy)
        }
        if fields.contains(.extendedTo) { try c.encode(extendedTo, forKey: .extendedTo) }
        if fields.contains(.category) { try c.encode(category?.rawValue, forKey: .category) }
    }
}
