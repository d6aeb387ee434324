import DondocTestSupport
import DondocCore
import Foundation
import Testing

@testable import DondocMail

@Suite("Header fields: RFC 2047 encoded-words and RFC 5322 folding")
struct HeaderFieldTests {
    static let subjects = [
        "[dondoc] Nhắc hạn: 3 việc đến hạn ngày 14/12/2026",
        "[dondoc] Quá hạn và nhắc hạn: 2 việc quá hạn, 5 việc sắp đến hạn",
        "Báo cáo kết quả thực hiện công tác dân vận hằng năm của Ủy ban nhân dân thành phố Hải Phòng, "
            + "Sở Nội vụ và các cơ quan, đơn vị có liên quan theo Chỉ thị số 33/CT-TTg ngày 26/11/2021",
        String(repeating: "Đ", count: 200),
        "emoji 📅🇻🇳 và chữ kết hợp: Tiếng Việt viết bằng dấu rời e\u{0302}\u{0301}",
        "a" + String(repeating: "\u{0301}", count: 40) + " một chữ có 40 dấu",
        "plain ASCII subject that is long enough to need folding across more than one line of the header",
        "looks like =?UTF-8?B?eA==?= but is not",
        "tab\tand  double  spaces",
    ]

    @Test("every line is ASCII, ends in a fold or the field, and respects the limits", arguments: subjects)
    func limits(subject: String) {
        let field = HeaderField.unstructured("Subject", subject)
        #expect(field.rendered.utf8.allSatisfy { $0 < 0x80 })
        #expect(field.rendered.hasSuffix("\r\n"))
        for (i, line) in field.lines.enumerated() {
            #expect(!line.contains("\r") && !line.contains("\n"))
            #expect(i == 0 ? line.hasPrefix("Subject: ") : line.hasPrefix(" "))
            #expect(line.utf8.count <= 78, "line \(i) is \(line.utf8.count) long: \(line)")
            if line.contains("=?") { #expect(line.utf8.count <= 76, "a line with an encoded-word is \(line.utf8.count) long") }
        }
        for word in RFC2047Decoder.words(in: field.rendered) {
            #expect(word.count <= 75)
            // Each word holds whole UTF-8 sequences: it decodes on its own.
            let bytes = RFC2047Decoder.word(word)!.bytes
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(word) splits a UTF-8 sequence")
        }
    }

    @Test("decoding gives back the text (white space collapsed)", arguments: subjects)
    func roundTrip(subject: String) {
        let field = HeaderField.unstructured("Subject", subject)
        let collapsed = subject.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(RFC2047Decoder.decodeField(field.rendered) == collapsed)
    }

    @Test("Python's email package decodes the same text, old API and new")
    func pythonDecodes() throws {
        // Each field as sent, without its final CRLF (note: "\r\n" is one Character in Swift).
        var fields = Self.subjects.map { HeaderField.unstructured("Subject", $0).lines.joined(separator: "\r\n") }
        fields.append(HeaderField.mailbox("From", try MailAddress(parsing: Fixture.from)).lines.joined(separator: "\r\n"))
        let input = try JSONEncoder().encode(fields)
        let output = try TestTools.python("mail_inspect.py", ["decode"], input: input)
        let decoded = try JSONDecoder().decode([[String: String]].self, from: output)
        for (subject, result) in zip(Self.subjects, decoded) {
            let collapsed = subject.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(result["modern"] == collapsed)
            #expect(result["legacy"] == collapsed)
        }
        #expect(decoded.last?["modern"] == "Hệ thống đôn đốc <dondoc@example.gov.vn>")
    }

    @Test("a non-ASCII display name is encoded, an ASCII one is quoted only when it must be")
    func mailbox() throws {
        let vn = HeaderField.mailbox("From", try MailAddress(parsing: Fixture.from))
        #expect(vn.rendered.hasPrefix("From: =?UTF-8?B?"))
        #expect(vn.rendered.hasSuffix(" <dondoc@example.gov.vn>\r\n"))
        #expect(RFC2047Decoder.decodeField(vn.rendered) == "Hệ thống đôn đốc <dondoc@example.gov.vn>")

        let plain = HeaderField.mailbox("From", try MailAddress(parsing: "Dondoc Daemon <d@example.org>"))
        #expect(plain.rendered == "From: Dondoc Daemon <d@example.org>\r\n")
        let quoted = HeaderField.mailbox("From", try MailAddress(parsing: "\"Văn phòng, \\\"UBND\\\"\" <d@example.org>"))
        #expect(RFC2047Decoder.decodeField(quoted.rendered) == "Văn phòng, \"UBND\" <d@example.org>")
        let special = HeaderField.mailbox("From", try MailAddress(parsing: "Office, Hai Phong <d@example.org>"))
        #expect(special.rendered == "From: \"Office, Hai Phong\" <d@example.org>\r\n")
        let bare = HeaderField.mailbox("To", try MailAddress(parsing: "vanthu@moha.gov.vn"))
        #expect(bare.rendered == "To: vanthu@moha.gov.vn\r\n")
    }

    @Test("X-Dondoc-Keys with 200 keys folds between keys and unfolds to the exact list")
    func manyKeys() {
        let keys = (0..<200).map { i in
            i % 7 == 3
                ? "02-ĐA/TU#so-ket-\(i)@so-noi-vu-hung-yen!escalation:5wd"
                : "33/CT-TTg#bao-cao-nam@ubnd-tinh-\(i)/2026-Q\(i % 4 + 1)!reminder:3wd"
        }
        let field = HeaderField.list("X-Dondoc-Keys", keys)
        #expect(field.lines.count > 100)
        #expect(field.rendered.utf8.allSatisfy { $0 < 0x80 })
        for (i, line) in field.lines.enumerated() {
            #expect(i == 0 ? line.hasPrefix("X-Dondoc-Keys: ") : line.hasPrefix(" ") && !line.hasPrefix("  "))
            #expect(line.utf8.count <= 78, "\(line)")
            if line.contains("=?") { #expect(line.utf8.count <= 76) }
        }
        let decoded = RFC2047Decoder.decodeField(field.rendered)
        #expect(decoded == keys.joined(separator: ", "))
        let split = decoded?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(split == keys)
        // ASCII keys are readable as they are, one whole key per token.
        let unfolded = field.rendered.replacingOccurrences(of: "\r\n", with: "")
        #expect(unfolded.contains(" 33/CT-TTg#bao-cao-nam@ubnd-tinh-0/2026-Q1!reminder:3wd,"))
    }

    @Test("ASCII-only keys need no encoding at all")
    func asciiKeys() {
        let keys = (0..<30).map { "33/CT-TTg#quan-triet@ubnd-\($0)!reminder:0" }
        let field = HeaderField.list("X-Dondoc-Keys", keys)
        #expect(!field.rendered.contains("=?"))
        #expect(field.rendered.replacingOccurrences(of: "\r\n", with: "") == "X-Dondoc-Keys: " + keys.joined(separator: ", "))
    }

    @Test("Date: is RFC 5322 at +0700")
    func date() {
        let field = HeaderField.date("Date", LocalDateTime(date: CivilDate(iso: "2026-12-14")!, hour: 8, minute: 5))
        #expect(field.rendered == "Date: Mon, 14 Dec 2026 08:05:00 +0700\r\n")
    }

    /// Message-IDs as dondoc has always computed them (SHA-256 over the address, the instant and
    /// the sorted keys; checked against Python's hashlib): a message resent after an upgrade must
    /// keep its id.
    @Test("Message-IDs do not change", arguments: [
        ("VanPhong@HaiPhong.gov.vn", "2026-12-09", ["33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd",
                                                     "02-ĐA/TU#so-ket@ubnd-hung-yen!escalation:+1wd"],
         "<b3390269bcdd1619eddeea7a3b5bb277.dondoc@example.gov.vn>"),
        ("vanthu@moha.gov.vn", "2026-12-15", ["33/CT-TTg#bao-cao-nam@bo-noi-vu/2026!escalation:+5wd"],
         "<989c5a0f236ba4c749f67906c80fadbb.dondoc@example.gov.vn>"),
    ])
    func pinnedMessageIDs(_ address: String, _ day: String, _ keys: [String], _ expected: String) throws {
        let at = LocalDateTime(date: try #require(CivilDate(iso: day)), hour: 8, minute: 0)
        let items = keys.map { key in
            DigestItem(notificationKey: key, obligationKey: String(key.split(separator: "!")[0]), kind: .reminder, role: "lead",
                       isCopy: false, recipientUnit: "u", recipientUnitName: "u", directiveNumber: "d", directiveTitle: "d",
                       stepID: "s", stepTitle: "s", unitID: "u", unitName: "u", period: nil, dueDate: at.date,
                       dueAt: LocalDateTime(date: at.date.adding(days: 1)), targetDate: at.date, rule: "r", scheduledAt: at)
        }
        #expect(MessageComposer.messageID(for: Digest(address: address, at: at, items: items), domain: "example.gov.vn") == expected)
    }
}
