@testable import DondocCore
import DondocTestSupport
import Foundation
import Testing

@testable import DondocMail

/// End to end: composed digests through `Sendmail` → real msmtp → a real SMTP server on loopback,
/// read back with Python's `email` package.
@Suite("Delivery through msmtp to a real SMTP server")
struct SendmailDeliveryTests {
    let composer = try! MessageComposer(from: Fixture.from)

    func msmtp(_ server: SMTPServer, timeout: Duration = .seconds(20)) throws -> Sendmail {
        let msmtp = try TestTools.requireMsmtp()
        // As the config would write it: `sendmail: "/usr/bin/msmtp -C /etc/dondoc/msmtprc"`.
        return try #require(Sendmail(commandLine: "\(msmtp) -C \(try server.msmtprc(from: "dondoc@example.gov.vn"))", timeout: timeout))
    }

    @Test("one message per digest, read back as a mail client would")
    func delivers() async throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let sendmail = try msmtp(server)
        let digests = Fixture.morningDigests()
        var composed: [String: ComposedMessage] = [:]
        for digest in digests {
            let message = try composer.compose(digest)
            let result = await sendmail.send(message)
            #expect(result == .accepted, "\(digest.address): \(result)")
            composed[message.messageID] = message
        }

        let delivered = try server.messages()
        #expect(delivered.count == digests.count)
        for mail in delivered {
            let message = try #require(composed[mail.message_id ?? ""], "unexpected Message-ID \(mail.message_id ?? "none")")
            let digest = try #require(digests.first { $0.keys == message.keys })
            #expect(mail.defects.isEmpty, "\(mail.defects)")
            #expect(mail.envelope_from == "dondoc@example.gov.vn")
            #expect(mail.envelope_to == digest.address)
            #expect(mail.to == digest.address)
            #expect(mail.subject == message.subject)
            #expect(mail.subject?.hasPrefix("[dondoc] ") == true)
            #expect(mail.from_name == "Hệ thống đôn đốc")
            #expect(mail.from_addr == "dondoc@example.gov.vn")
            #expect(mail.message_id == MessageComposer.messageID(for: digest, domain: "example.gov.vn"))
            #expect(mail.date_iso == "2026-12-09T08:00:00+07:00")
            #expect(mail.content_type == "text/plain" && mail.charset == "utf-8" && mail.cte == "8bit")
            // The modern parser decodes and unfolds the header: the exact list, in order.
            #expect(mail.keys == digest.keys.joined(separator: ", "))
            #expect(mail.keys?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } == digest.keys)
            #expect(mail.body.contains("Kính gửi: "))
            for item in digest.items {
                #expect(mail.body.contains(item.obligationKey))
                #expect(mail.body.contains("dondoc done '\(item.obligationKey)'"))
            }
            // What the server stored is what was composed, octet for octet.
            #expect(mail.receivedBytes == message.bytes)
        }
        let moha = try #require(delivered.first { $0.envelope_to == "vanthu@moha.gov.vn" })
        #expect(moha.subject == "[dondoc] Quá hạn và nhắc hạn: 1 việc quá hạn, 2 việc sắp đến hạn")
        #expect(moha.body.contains("02-ĐA/TU: Đề án nâng cao chất lượng công tác dân vận chính quyền"))
        #expect(moha.body.contains("để phối hợp"))
    }

    @Test("a recipient the server refuses (550): msmtp exits 65, a permanent failure")
    func rejected() async throws {
        let server = try SMTPServer(rejecting: ["vanphong@haiphong.gov.vn"])
        defer { server.stop() }
        let sendmail = try msmtp(server)
        let digest = Fixture.morningDigests()[1]
        let result = await sendmail.send(try composer.compose(digest))
        let failure = try #require(result.failure)
        #expect(failure.exitStatus == 65)
        #expect(failure.reason == .exit(65))
        #expect(!failure.retryable)
        #expect(failure.stderr.contains("550"), "\(failure.stderr)")
        #expect(failure.description.contains("sendmail exited with status 65 (EX_DATAERR) [permanent]"))
        #expect(try server.messages().isEmpty)
    }

    @Test("a server that says 451 to everything: a temporary failure")
    func tempfail() async throws {
        let server = try SMTPServer(tempfailAll: true)
        defer { server.stop() }
        let sendmail = try msmtp(server)
        let result = await sendmail.send(try composer.compose(Fixture.morningDigests()[1]))
        let failure = try #require(result.failure)
        // msmtp answers a 4xx to MAIL FROM with EX_UNAVAILABLE (69); others use EX_TEMPFAIL (75).
        #expect(failure.exitStatus == 69 || failure.exitStatus == 75, "\(failure)")
        #expect(failure.retryable)
        #expect(failure.stderr.contains("451"), "\(failure.stderr)")
        #expect(try server.messages().isEmpty)
    }

    @Test("no server listening: a temporary failure")
    func refused() async throws {
        let server = try SMTPServer()
        let sendmail = try msmtp(server)
        server.stop()
        let result = await sendmail.send(try composer.compose(Fixture.morningDigests()[1]))
        let failure = try #require(result.failure)
        #expect(failure.retryable, "\(failure)")
        #expect(failure.exitStatus != nil)
    }
}
