import DondocCore

/// A unit's obligations as an iCalendar feed (RFC 5545, DESIGN §6.6): one all-day `VEVENT` per
/// obligation on its due date, that Thunderbird, Outlook and phone calendars subscribe to.
public struct CalendarFeed: Sendable {
    public struct Event: Sendable, Equatable {
        /// The obligation key: stable across runs, so a subscribed calendar updates in place.
        public var uid: String
        public var dueDate: CivilDate
        public var summary: String
        public var description: String
        /// The obligation's page.
        public var url: String?
        public var done: Bool

        public init(uid: String, dueDate: CivilDate, summary: String, description: String, url: String? = nil, done: Bool) {
            self.uid = uid
            self.dueDate = dueDate
            self.summary = summary
            self.description = description
            self.url = url
            self.done = done
        }
    }

    public var name: String
    public var events: [Event]

    public init(name: String, events: [Event]) {
        self.name = name
        self.events = events
    }

    /// The feed's text: CRLF line ends, every content line folded at 75 octets without splitting
    /// a UTF-8 sequence. `stamp` (epoch seconds) is the `DTSTAMP` of every event.
    public func render(stamp: Int64) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//dondoc//dondoc//VI",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name),
            "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        ]
        let dtstamp = Self.utcStamp(stamp)
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape(event.uid),
                "DTSTAMP:" + dtstamp,
                "DTSTART;VALUE=DATE:" + Self.basic(event.dueDate),
                "DTEND;VALUE=DATE:" + Self.basic(event.dueDate.adding(days: 1)),
                "SUMMARY:" + Self.escape((event.done ? "✔ Đã hoàn thành: " : "") + event.summary),
                "DESCRIPTION:" + Self.escape(event.url.map { event.description + "\n" + $0 } ?? event.description),
            ]
            if let url = event.url { lines.append("URL:" + url) }
            lines += [
                "STATUS:CONFIRMED",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined()
    }

    /// RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and line breaks escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in a content line.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// RFC 5545 §3.1: a content line longer than 75 octets continues on lines that begin with a
    /// space; a break never falls inside a UTF-8 sequence. Each line ends with CRLF.
    static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        var width = 0
        let limit = 75
        for scalar in line.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if width + bytes.count > limit {
                out += [13, 10, 32]
                width = 1
            }
            out += bytes
            width += bytes.count
        }
        out += [13, 10]
        return String(decoding: out, as: UTF8.self)
    }

    static func basic(_ date: CivilDate) -> String {
        padded(date.year, 4) + padded(date.month, 2) + padded(date.day, 2)
    }

    static func utcStamp(_ epochSeconds: Int64) -> String {
        let utc = LocalDateTime(epochSeconds: epochSeconds, offsetMinutes: 0)
        let seconds = Int(((epochSeconds % 60) + 60) % 60)
        return basic(utc.date) + "T" + padded(utc.hour, 2) + padded(utc.minute, 2) + padded(seconds, 2) + "Z"
    }
}

/// `value` in decimal with leading zeros to `width` digits.
private func padded(_ value: Int, _ width: Int) -> String {
    let digits = "\(value)"
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
