@testable import DondocCore
import Foundation
import Testing

@testable import DondocMail

@Suite("Messages: RFC 5322 octets")
struct MessageComposerTests {
    let composer = try! MessageComposer(from: Fixture.from)

    func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 10 {
            result.append(bytes[start..<i])
            start = i + 1
        }
        return result
    }

    func headers(_ message: ComposedMessage) -> String {
        let text = String(decoding: message.bytes, as: UTF8.self)
        return String(text[..<text.range(of: "\r\n\r\n")!.lowerBound])
    }

    @Test("CRLF everywhere, no bare CR or LF, lines ≤ 998 octets, ASCII headers, UTF-8 body")
    func wireFormat() throws {
        for digest in Fixture.morningDigests() {
            let message = try composer.compose(digest)
            let bytes = message.bytes
            #expect(bytes.suffix(2) == [13, 10])
            for i in bytes.indices {
                if bytes[i] == 10 { #expect(i > 0 && bytes[i - 1] == 13, "bare LF at \(i)") }
                if bytes[i] == 13 { #expect(i + 1 < bytes.count && bytes[i + 1] == 10, "bare CR at \(i)") }
                #expect(bytes[i] != 0)
            }
            #expect(lines(bytes).allSatisfy { $0.count - 1 <= 998 })
            let head = headers(message)
            #expect(head.utf8.allSatisfy { $0 < 0x80 })
            #expect(String(validating: bytes, as: UTF8.self) != nil)
            for field in ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
                          "To: \(digest.address)", "Date: Wed, 9 Dec 2026 08:00:00 +0700", "Auto-Submitted: auto-generated",
                          "Message-ID: \(message.messageID)"] {
                #expect(head.contains("\r\n" + field + "\r\n") || head.hasPrefix(field + "\r\n"), "missing \(field)")
            }
            #expect(message.envelopeFrom == "dondoc@example.gov.vn")
            #expect(message.recipients == [digest.address])
            #expect(message.keys == digest.keys)
        }
    }

    @Test("a 5,000-character title without spaces, lone CRs and NULs still make a valid body")
    func hostileBody() throws {
        let long = String(repeating: "Đề", count: 2500)
        let n = Fixture.notification(to: [Fixture.moha])
        let digest = Digest.group([n], at: Fixture.sendAt, describe: { _ in
            ItemContext(directiveTitle: long + " " + String(repeating: "x", count: 3000), stepTitle: "a\rb\0c\r\nd")
        }, unitName: Fixture.unitName)[0]
        let message = try composer.compose(digest)
        #expect(lines(message.bytes).allSatisfy { $0.count - 1 <= 998 })
        #expect(!message.bytes.contains(0))
        let text = try #require(String(validating: message.bytes, as: UTF8.self))
        // The title survives, only broken into lines.
        #expect(text.replacingOccurrences(of: "\r\n", with: "").contains(long))
        #expect(text.contains("a\r\nbc\r\nd"))
    }

    @Test("body lines are cut at a space when one fits, never inside a UTF-8 sequence")
    func wrapping() {
        let words = Array(repeating: "nhiệm", count: 400).joined(separator: " ")
        let pieces = MessageComposer.wrap(Substring(words), limit: 998)
        #expect(pieces.map(\.utf8.count) == [992, 992, 992, 223])   // 124 words of 8 octets, then the rest
        #expect(pieces.allSatisfy { $0.utf8.count <= 998 })
        #expect(pieces.dropLast().allSatisfy { $0.hasSuffix(" ") })
        #expect(pieces.joined() == words)
        let solid = String(repeating: "ệ", count: 1000)   // 3 octets each
        let cut = MessageComposer.wrap(Substring(solid), limit: 998)
        #expect(cut.map(\.utf8.count) == [996, 996, 996, 12])
        #expect(cut.allSatisfy { $0.utf8.count <= 998 && $0.allSatisfy { $0 == "ệ" } })
        #expect(cut.joined() == solid)
    }

    @Test("the Message-ID is stable for the same digest and differs for any other")
    func messageID() throws {
        let digests = Fixture.morningDigests()
        let id = MessageComposer.messageID(for: digests[3], domain: "example.gov.vn")
        #expect(id.wholeMatch(of: /<[0-9a-f]{32}\.dondoc@example\.gov\.vn>/) != nil)
        #expect(try composer.compose(digests[3]).messageID == id)
        #expect(MessageComposer.messageID(for: Fixture.morningDigests()[3], domain: "example.gov.vn") == id)
        // Item order does not matter, the set of keys does.
        let reordered = Digest(address: digests[3].address, at: digests[3].at, items: digests[3].items.reversed())
        #expect(MessageComposer.messageID(for: reordered, domain: "example.gov.vn") == id)
        let fewer = Digest(address: digests[3].address, at: digests[3].at, items: Array(digests[3].items.dropLast()))
        let later = Digest(address: digests[3].address, at: LocalDateTime(date: Fixture.sendAt.date.adding(days: 1), hour: 8, minute: 0), items: digests[3].items)
        let other = Digest(address: "someone@moha.gov.vn", at: digests[3].at, items: digests[3].items)
        let ids = Set(digests.map { MessageComposer.messageID(for: $0, domain: "example.gov.vn") }
            + [fewer, later, other].map { MessageComposer.messageID(for: $0, domain: "example.gov.vn") })
        #expect(ids.count == digests.count + 3)
    }

    @Test("the subject says what the digest holds, in Vietnamese")
    func subjects() throws {
        let digests = Fixture.morningDigests()
        #expect(try composer.compose(digests[1]).subject == "[dondoc] Nhắc hạn: 1 việc đến hạn ngày 14/12/2026")
        #expect(try composer.compose(digests[0]).subject == "[dondoc] Quá hạn: 1 việc chưa hoàn thành, hạn ngày 01/12/2026")
        #expect(try composer.compose(digests[3]).subject == "[dondoc] Quá hạn và nhắc hạn: 1 việc quá hạn, 2 việc sắp đến hạn")
        let two = Digest.group(
            [Fixture.notification(to: [Fixture.moha]), Fixture.notification(unit: "ubnd-hung-yen", due: "2026-12-11", to: [Fixture.moha])],
            at: Fixture.sendAt, describe: Fixture.describe, unitName: Fixture.unitName)[0]
        #expect(try composer.compose(two).subject == "[dondoc] Nhắc hạn: 2 việc đến hạn từ ngày 11/12/2026")
    }

    @Test("Date: can be the actual sending time; the Message-ID stays that of the digest")
    func lateDate() throws {
        let digest = Fixture.morningDigests()[1]
        let late = try composer.compose(digest, date: LocalDateTime(date: Fixture.date("2026-12-10"), hour: 9, minute: 30))
        #expect(headers(late).contains("\r\nDate: Thu, 10 Dec 2026 09:30:00 +0700\r\n") || headers(late).hasPrefix("Date: Thu, 10 Dec 2026 09:30:00 +0700\r\n"))
        #expect(late.messageID == (try composer.compose(digest)).messageID)
    }

    @Test("an address that could break a header or a command line is refused")
    func badAddress() {
        let digest = Digest(address: "x@y.vn\r\nBcc: all@y.vn", at: Fixture.sendAt, items: Fixture.morningDigests()[1].items)
        #expect(throws: MailAddressError.self) { try composer.compose(digest) }
        #expect(throws: MailAddressError.self) { try MessageComposer(from: "Hệ thống <not an address>") }
        #expect(throws: MailAddressError.self) { try MailAddress(parsing: "-oQ/tmp@evil") }
    }
}
