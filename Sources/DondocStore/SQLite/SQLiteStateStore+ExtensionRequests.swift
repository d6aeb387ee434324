import DondocCore
import GRDB

// Extension requests (migration v3): staff ask on the web, the monitoring body answers.

extension SQLiteStateStore {
    public func extensionRequests(_ filter: ExtensionRequestFilter) async throws -> [ExtensionRequest] {
        let (condition, arguments): (String, StatementArguments) = switch filter {
        case .key(let key): ("key = ?", [key])
        case .pending: ("answer IS NULL", [])
        case .changedSince(let instant): ("at >= ? OR answered_at >= ?", [instant, instant])
        }
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "\(ExtensionRequest.selection) WHERE \(condition) ORDER BY at, id"), arguments: arguments)
                .map(ExtensionRequest.init(row:))
        }
    }
}

extension SQLiteTransaction {
    func pendingExtensionRequest(key: String) throws -> ExtensionRequest? {
        try Row.fetchOne(db.cachedStatement(sql: "\(ExtensionRequest.selection) WHERE key = ? AND answer IS NULL"), arguments: [key])
            .map(ExtensionRequest.init(row:))
    }

    func recordExtensionRequest(_ request: ExtensionRequest) throws -> ExtensionRequest {
        try db.execute(
            sql: "INSERT INTO extension_request (key, to_date, reason, requester, by, at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [request.key, request.to.description, request.reason, request.requester, request.by, request.at])
        var recorded = request
        recorded.id = db.lastInsertedRowID
        return recorded
    }

    func answerExtensionRequest(id: Int64, _ decision: ExtensionRequest.Decision) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE extension_request SET answer = ?, answered_by = ?, answered_at = ?, answer_note = ?
                WHERE id = ? AND answer IS NULL
                """,
            arguments: [decision.answer.rawValue, decision.by, decision.at, decision.note, id])
        return db.changesCount == 1
    }
}

extension ExtensionRequest {
    static let selection = """
        SELECT id, key, to_date, reason, requester, by, at, answer, answered_by, answered_at, answer_note
        FROM extension_request
        """

    /// A row of `selection`.
    init(row: Row) throws {
        let id: Int64 = try row.decode(forColumn: "id")
        let text: String = try row.decode(forColumn: "to_date")
        guard let to = CivilDate(iso: text) else {
            throw CorruptValue(message: "extension request \(id) has an invalid date \(text.debugDescription)")
        }
        var decision: Decision?
        if let answer: String = try row.decode(forColumn: "answer") {
            guard let answer = Answer(rawValue: answer) else {
                throw CorruptValue(message: "extension request \(id) has an unknown answer \(answer.debugDescription)")
            }
            decision = Decision(answer: answer, by: try row.decode(forColumn: "answered_by"),
                                at: try row.decode(forColumn: "answered_at"), note: try row.decode(forColumn: "answer_note"))
        }
        self.init(id: id, key: try row.decode(forColumn: "key"), to: to, reason: try row.decode(forColumn: "reason"),
                  requester: try row.decode(forColumn: "requester"), by: try row.decode(forColumn: "by"),
                  at: try row.decode(forColumn: "at"), decision: decision)
    }
}
