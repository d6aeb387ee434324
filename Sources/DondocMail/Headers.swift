import DondocCore
import Foundation

/// One header field as it goes on the wire: ASCII only (RFC 5322 §2.2), non-ASCII text as
/// RFC 2047 `B` encoded-words, folded at white space.
///
/// Limits kept: an encoded-word is at most 75 characters and a line holding one at most 76
/// (RFC 2047 §2); other lines at most 78 where the tokens allow and never more than 998
/// (RFC 5322 §2.1.1). Folding only inserts CRLF before a space that is part of the value, so
/// unfolding (removing every CRLF) gives the value back; an encoded-word never splits a UTF-8
/// sequence, nor a grapheme unless that one grapheme is longer than a word can hold.
public struct HeaderField: Hashable, Sendable {
    public let name: String
    /// The physical lines, without CRLF; the first starts with `Name:`, the others with a space.
    public let lines: [String]

    /// The field with CRLF after each line.
    public var rendered: String { lines.map { $0 + "\r\n" }.joined() }

    init(name: String, lines: [String]) {
        self.name = name
        self.lines = lines
    }

    /// A field whose value is one plain ASCII token (`Message-ID`, `MIME-Version`, …).
    public static func plain(_ name: String, _ value: String) -> HeaderField {
        var folder = HeaderFolder(name: name)
        folder.appendPlain(value)
        return folder.field
    }

    /// Unstructured text (`Subject`): white space collapsed; plain words when it is all printable
    /// ASCII, otherwise the whole text as encoded-words.
    public static func unstructured(_ name: String, _ text: String) -> HeaderField {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        var folder = HeaderFolder(name: name)
        if words.contains(where: needsEncoding) {
            folder.appendEncoded(words.joined(separator: " "))
        } else {
            words.forEach { folder.appendPlain(String($0)) }
        }
        return folder.field
    }

    /// A mailbox (`From`, `To`): `Name <addr>` with the name as words, a quoted string, or
    /// encoded-words when it is not ASCII.
    public static func mailbox(_ name: String, _ mailbox: MailAddress) -> HeaderField {
        var folder = HeaderFolder(name: name)
        guard let display = mailbox.displayName else {
            folder.appendPlain(mailbox.address)
            return folder.field
        }
        let words = display.split(separator: " ")
        if words.contains(where: needsEncoding) {
            folder.appendEncoded(display)
        } else if display.unicodeScalars.allSatisfy({ isAtext($0) || $0 == " " }) {
            words.forEach { folder.appendPlain(String($0)) }
        } else {
            let escaped = display.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            folder.appendPlain("\"\(escaped)\"")
        }
        folder.appendPlain("<\(mailbox.address)>")
        return folder.field
    }

    /// A comma-separated list (`X-Dondoc-Keys`): `k1, k2, k3`, folded between items. An item that
    /// is not plain ASCII goes as encoded-words with its comma (and, after another encoded item,
    /// the separating space) inside, so a decoder that follows RFC 2047 gives back exactly
    /// `items.joined(separator: ", ")`. Items must not contain commas.
    public static func list(_ name: String, _ items: [String]) -> HeaderField {
        var folder = HeaderFolder(name: name)
        var previousEncoded = false
        for (index, item) in items.enumerated() {
            let text = index == items.count - 1 ? item : item + ","
            if needsEncoding(Substring(text)) {
                folder.appendEncoded(previousEncoded ? " " + text : text)
                previousEncoded = true
            } else {
                folder.appendPlain(text)
                previousEncoded = false
            }
        }
        return folder.field
    }

    /// `Date:` per RFC 5322 §3.3, e.g. `Mon, 14 Dec 2026 08:00:00 +0700`.
    public static func date(_ name: String, _ time: LocalDateTime, offsetMinutes: Int = LocalDateTime.civilOffsetMinutes) -> HeaderField {
        plain(name, rfc5322Date(time, offsetMinutes: offsetMinutes))
    }

    static func rfc5322Date(_ time: LocalDateTime, offsetMinutes: Int) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let d = time.date
        let sign = offsetMinutes < 0 ? "-" : "+"
        let o = abs(offsetMinutes)
        return "\(d.weekday.englishShort), \(d.day) \(months[d.month - 1]) \(pad(d.year, 4)) "
            + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):00 \(sign)\(pad(o / 60, 2))\(pad(o % 60, 2))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Words that cannot go as they are: non-ASCII or control characters, something a decoder
    /// would take for an encoded-word, or too long for a line.
    static func needsEncoding(_ word: Substring) -> Bool {
        word.utf8.count > 900 || word.contains("=?") || word.unicodeScalars.contains { $0.value < 0x21 || $0.value > 0x7E }
    }

    /// RFC 5322 atext: what a display name may hold without quotes.
    static func isAtext(_ s: Unicode.Scalar) -> Bool {
        guard s.isASCII else { return false }
        if s.properties.isAlphabetic || ("0"..."9").contains(s) { return true }
        return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(s)
    }
}

/// Packs tokens onto header lines.
struct HeaderFolder {
    static let lineLimit = 78
    static let encodedLineLimit = 76
    static let encodedWordLimit = 75
    static let prefix = "=?UTF-8?B?"
    static let suffix = "?="

    private(set) var lines: [String]
    private var lineHasToken = false
    private var lineHasEncoded = false
    let name: String

    init(name: String) {
        self.name = name
        self.lines = [name + ":"]
    }

    var field: HeaderField { HeaderField(name: name, lines: lines) }

    private var currentLength: Int { lines[lines.count - 1].utf8.count }

    private mutating func newLine() {
        lines.append("")
        lineHasToken = false
        lineHasEncoded = false
    }

    private mutating func place(_ token: String, encoded: Bool) {
        let limit = encoded || lineHasEncoded ? HeaderFolder.encodedLineLimit : HeaderFolder.lineLimit
        if lineHasToken, currentLength + 1 + token.utf8.count > limit { newLine() }
        lines[lines.count - 1] += " " + token
        lineHasToken = true
        lineHasEncoded = lineHasEncoded || encoded
    }

    /// A token that must stay whole (an ASCII word, `<addr>`, `k1,`).
    mutating func appendPlain(_ token: String) { place(token, encoded: false) }

    /// Text as one or more `B` encoded-words, each as long as the room on its line allows.
    mutating func appendEncoded(_ text: String) {
        var rest = Substring(text)
        while !rest.isEmpty {
            let room = HeaderFolder.encodedLineLimit - currentLength - 1
            let capacity = HeaderFolder.capacity(forWordLength: min(room, HeaderFolder.encodedWordLimit))
            var taken = rest.startIndex
            var bytes = 0
            for c in rest {
                let n = c.utf8.count
                if bytes + n > capacity { break }
                bytes += n
                taken = rest.index(after: taken)
            }
            // Not worth a sliver of a word at the end of a line: start a new one.
            if lineHasToken, capacity < min(rest.utf8.count, 24) {
                newLine()
                continue
            }
            if taken == rest.startIndex {
                if lineHasToken || capacity < 4 {
                    newLine()
                    continue
                }
                // One grapheme longer than the room on an empty line: split it between scalars.
                var scalars = rest.unicodeScalars.startIndex
                while scalars < rest.unicodeScalars.endIndex {
                    let n = UTF8.width(rest.unicodeScalars[scalars])
                    if bytes + n > capacity { break }
                    bytes += n
                    scalars = rest.unicodeScalars.index(after: scalars)
                }
                taken = scalars
            }
            place(HeaderFolder.encodedWord(rest[..<taken]), encoded: true)
            rest = rest[taken...]
        }
    }

    /// The most UTF-8 bytes an encoded-word of at most `length` characters can carry.
    static func capacity(forWordLength length: Int) -> Int {
        let overhead = prefix.utf8.count + suffix.utf8.count
        return max(0, (length - overhead) / 4) * 3
    }

    static func encodedWord(_ text: Substring) -> String {
        prefix + Data(text.utf8).base64EncodedString() + suffix
    }
}
