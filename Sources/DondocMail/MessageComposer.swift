import Crypto
import DondocCore

/// Turns a digest into an RFC 5322 message: headers in ASCII, a UTF-8 plain-text body.
///
/// The body goes as `Content-Transfer-Encoding: 8bit`: Vietnamese stays readable in the raw
/// message (audits, `journalctl`, a clerk's "view source"), every MTA dondoc targets (postfix,
/// exim, msmtp → any relay) speaks 8BITMIME, and a relay that does not must downgrade or bounce
/// (RFC 6152), not corrupt. What 8bit demands is enforced here: CRLF line ends only, no NUL or
/// bare CR, and no line longer than 998 octets (longer lines are broken at a space, or between
/// characters when there is none).
public struct MessageComposer: Sendable {
    public let from: MailAddress
    public let templates: MailTemplates
    /// Links to each obligation's page for its recipient, when `http.base-url` is configured;
    /// without them the message tells staff the commands to run.
    public let links: DigestLinks?

    public static let maxLineOctets = 998

    public init(from: MailAddress, templates: MailTemplates = .builtIn, links: DigestLinks? = nil) {
        self.from = from
        self.templates = templates
        self.links = links
    }

    /// `from` as the config writes it: `Hệ thống đôn đốc <dondoc@example.gov.vn>`.
    public init(from: String, templates: MailTemplates = .builtIn, links: DigestLinks? = nil) throws(MailAddressError) {
        self.init(from: try MailAddress(parsing: from), templates: templates, links: links)
    }

    /// The message for `digest`. `date` is the `Date:` header (default: the digest's instant);
    /// pass the actual time when a catch-up sends late. Throws when the digest's address cannot
    /// be a header or an envelope recipient.
    public func compose(_ digest: Digest, date: LocalDateTime? = nil) throws(MailAddressError) -> ComposedMessage {
        try compose(address: digest.address, at: digest.at, keys: digest.keys, subject: templates.subject(for: digest),
                    body: templates.body(for: digest, links: links), date: date)
    }

    /// Extension requests and answers to one address (DESIGN §6.2), as one message.
    public func compose(_ notices: NoticeMessage) throws(MailAddressError) -> ComposedMessage {
        try compose(address: notices.address, at: notices.at, keys: notices.keys, subject: notices.subject, body: notices.body, date: nil)
    }

    func compose(address: String, at: LocalDateTime, keys: [String], subject: String, body: String,
                 date: LocalDateTime?) throws(MailAddressError) -> ComposedMessage {
        let digestAt = at
        let to = try MailAddress(address: address)
        let messageID = MessageComposer.messageID(address: address, at: at, keys: keys, domain: from.domain)
        let headers: [HeaderField] = [
            .date("Date", date ?? digestAt),
            .mailbox("From", from),
            .mailbox("To", to),
            .unstructured("Subject", subject),
            .plain("Message-ID", messageID),
            .plain("MIME-Version", "1.0"),
            .plain("Content-Type", "text/plain; charset=UTF-8"),
            .plain("Content-Transfer-Encoding", "8bit"),
            .plain("Auto-Submitted", "auto-generated"),
            .plain("X-Auto-Response-Suppress", "All"),
            .list("X-Dondoc-Keys", keys),
        ]
        var bytes = Array(headers.map(\.rendered).joined().utf8)
        bytes += [13, 10]
        bytes += MessageComposer.bodyBytes(body)
        return ComposedMessage(
            bytes: bytes, messageID: messageID, envelopeFrom: from.address, recipients: [to.address],
            keys: keys, subject: subject)
    }

    /// `<hex.dondoc@domain>`: 128 bits of SHA-256 over the address, the instant and the sorted
    /// notification keys. The same digest always gets the same id (a retry or a re-send after a
    /// crash is recognisably the same message); any other set of keys, address or instant, another.
    public static func messageID(for digest: Digest, domain: String) -> String {
        messageID(address: digest.address, at: digest.at, keys: digest.keys, domain: domain)
    }

    static func messageID(address: String, at: LocalDateTime, keys: [String], domain: String) -> String {
        var input = "dondoc-message-id/1\n\(address.lowercased())\n"
        input += at.iso8601(offsetMinutes: LocalDateTime.civilOffsetMinutes) + "\n"
        input += keys.sorted().joined(separator: "\n")
        let digits = Array("0123456789abcdef")
        let hex = String(SHA256.hash(data: Array(input.utf8)).prefix(16).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
        return "<\(hex).dondoc@\(domain)>"
    }

    /// The body as 8bit-safe octets: CRLF line ends, no NUL, no bare CR, lines ≤ 998 octets,
    /// ending with CRLF.
    static func bodyBytes(_ text: String) -> [UInt8] {
        var lines: [Substring] = []
        var normalized = text.replacingCRLF()
        normalized.unicodeScalars.removeAll { $0 == "\0" }
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrap(line, limit: maxLineOctets)
        }
        if lines.last == "" { lines.removeLast() }
        var out: [UInt8] = []
        out.reserveCapacity(normalized.utf8.count + 2 * lines.count)
        for line in lines {
            out += line.utf8
            out += [13, 10]
        }
        return out
    }

    /// `line` in pieces of at most `limit` octets, broken after the last space that fits, or
    /// between characters (never inside a UTF-8 sequence) when no space does.
    static func wrap(_ line: Substring, limit: Int) -> [Substring] {
        var pieces: [Substring] = []
        var rest = line
        while rest.utf8.count > limit {
            var end = rest.startIndex
            var lastSpace: Substring.Index?
            var octets = 0
            for index in rest.unicodeScalars.indices {
                let width = UTF8.width(rest.unicodeScalars[index])
                if octets + width > limit { break }
                octets += width
                end = rest.unicodeScalars.index(after: index)
                if rest.unicodeScalars[index] == " " { lastSpace = end }
            }
            let cut = lastSpace ?? end
            pieces.append(rest[..<cut])
            rest = rest[cut...]
        }
        pieces.append(rest)
        return pieces
    }
}

extension String {
    /// `\r\n` and lone `\r` become `\n`.
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in unicodeScalars {
            if s == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if !(s == "\n" && previousCR) { out.append(s) }
            previousCR = false
        }
        return String(out)
    }
}
