import DondocCore

/// Extension requests for the monitoring body to answer, and answers for those who asked
/// (DESIGN §6.2), to one address: a message of its own, sent as soon as the daemon sees them.
public struct NoticeMessage: Sendable {
    public struct Item: Sendable {
        public enum Kind: Sendable { case request, approved, refused }
        public var kind: Kind
        public var notificationKey: String
        public var directiveNumber: String
        public var stepTitle: String
        public var unitName: String
        public var period: String?
        public var dueDate: CivilDate
        public var requestedTo: CivilDate
        public var reason: String
        public var requester: String
        /// The answer's note, for an answer.
        public var note: String?
        /// The review page (a request) or the obligation's page (an answer), when links are on.
        public var link: String?

        public init(kind: Kind, notificationKey: String, directiveNumber: String, stepTitle: String, unitName: String,
                    period: String?, dueDate: CivilDate, requestedTo: CivilDate, reason: String, requester: String,
                    note: String?, link: String?) {
            self.kind = kind
            self.notificationKey = notificationKey
            self.directiveNumber = directiveNumber
            self.stepTitle = stepTitle
            self.unitName = unitName
            self.period = period
            self.dueDate = dueDate
            self.requestedTo = requestedTo
            self.reason = reason
            self.requester = requester
            self.note = note
            self.link = link
        }
    }

    public var address: String
    public var at: LocalDateTime
    public var items: [Item]

    public init(address: String, at: LocalDateTime, items: [Item]) {
        self.address = address
        self.at = at
        self.items = items
    }

    public var keys: [String] { items.map(\.notificationKey) }

    public var subject: String {
        let requests = items.filter { $0.kind == .request }.count
        let answers = items.count - requests
        switch (requests, answers) {
        case (_, 0): return "[dondoc] Đề nghị gia hạn: \(requests) đề nghị chờ trả lời"
        case (0, _): return "[dondoc] Trả lời đề nghị gia hạn: \(answers) đề nghị đã được trả lời"
        default: return "[dondoc] Đề nghị gia hạn: \(requests) đề nghị chờ trả lời, \(answers) đề nghị đã được trả lời"
        }
    }

    public var body: String {
        var text = "Hệ thống đôn đốc thực hiện văn bản chỉ đạo (dondoc) thông báo:\n\n"
        for (index, item) in items.enumerated() {
            let heading = switch item.kind {
            case .request: "Đề nghị gia hạn chờ trả lời"
            case .approved: "Đề nghị gia hạn đã được chấp thuận"
            case .refused: "Đề nghị gia hạn không được chấp thuận"
            }
            text += "\(index + 1). [\(heading)] \(item.directiveNumber): \(item.stepTitle)\n"
            text += "   Đơn vị chủ trì: \(item.unitName)\n"
            if let period = item.period { text += "   Kỳ: \(period)\n" }
            text += "   Hạn hiện tại: \(item.dueDate.weekday.vietnameseName), ngày \(item.dueDate.vietnamese)\n"
            text += "   Đề nghị gia hạn đến: ngày \(item.requestedTo.vietnamese)\n"
            text += "   Lý do: \(item.reason)\n"
            text += "   Người đề nghị: \(item.requester)\n"
            if let note = item.note { text += "   Ghi chú của cơ quan theo dõi: \(note)\n" }
            if let link = item.link {
                text += item.kind == .request ? "   Chấp thuận hoặc không chấp thuận tại:\n" : "   Xem nhiệm vụ tại:\n"
                text += "       \(link)\n"
            }
            text += "\n"
        }
        text += "-- \nThư này được gửi tự động từ hệ thống dondoc, vui lòng không trả lời thư này.\n"
        return text
    }
}
