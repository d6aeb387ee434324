import DondocTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A clerk answers a reminder from the email (DESIGN §6.2): `dondoc run` and `dondoc web` on the
/// bundled workflows, on simulated clocks; the digest reaches a real SMTP server through msmtp;
/// its link is followed by a real headless Chromium, which fills the form and sees "đã hoàn
/// thành"; after which nothing more goes out for that obligation while the others still do.
@Suite(.serialized)
struct WebEndToEndTests {
    static let key = "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"

    @Test func aClerkMarksTheObligationDoneFromTheLinkAndTheRemindersStop() async throws {
        let rig = try DaemonRig(withWeb: true)
        // 08:00 on Monday 7/12/2026: the 5-working-day reminders of 33/CT-TTg's yearly report.
        let first = try await rig.expectedDeliveries(from: "2026-12-07T08:00", to: "2026-12-07T08:00")
        try await rig.start(clockStart: "2026-12-07T07:59:58+07:00", rate: 1)
        let messages = try await rig.waitForMail { Set($0.flatMap(\.pairs)).isSuperset(of: first) }
        let mine = try #require(messages.first { $0.keyList.contains { $0.hasPrefix(Self.key + "!") } }, "no reminder for \(Self.key)")
        #expect(mine.envelope_to == "vanphong@haiphong.gov.vn")
        #expect(!mine.body.contains("dondoc done"), "with links configured, the mail does not ask for a shell")
        let link = try #require(Self.link(in: mine.body, base: rig.baseURL), "no link in:\n\(mine.body)")
        try await rig.startWeb(clockStart: "2026-12-07T08:05:00+07:00")

        // A GET — a mail scanner opening every link — changes nothing.
        for _ in 0..<2 { #expect(try await HTTP.get(link).status == 200) }
        // The page says what was sent and when: the reminder this link came in.
        let page0 = try await HTTP.get(link).body
        #expect(page0.contains("Đã gửi") && page0.contains("nhắc hạn (5 ngày làm việc trước hạn) — vanphong@haiphong.gov.vn"), "\(page0)")
        #expect(try await state(rig) != "done")
        // Refused, and nothing changed: an altered token, a form not from the page, a body over 64 KiB.
        #expect(try await HTTP.get(Self.altered(link)).status == 403)
        #expect(try await HTTP.post(link + "/done", form: "csrf=forged&by=x").status == 403)
        #expect(try await HTTP.post(link + "/done", form: "csrf=x&by=" + String(repeating: "a", count: 70_000)).status == 413)
        #expect(try await state(rig) != "done")

        // The clerk, in a real browser; the name with markup in it comes back as text.
        let shots = URL(fileURLWithPath: DondocProcess.root.path).appendingPathComponent(".build/screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let browser = try await offThePool {
            try TestTools.run(try TestTools.pythonWith(module: "selenium", install: "pip install selenium; apt-get install chromium chromium-driver"),
                              [TestTools.supportDirectory.appendingPathComponent("browser_done.py").path, link, "Văn thư <b>Hải</b>",
                               shots.appendingPathComponent("obligation.png").path, shots.appendingPathComponent("obligation-done.png").path])
        }
        #expect(browser.status == 0, "browser: \(browser.stderr)\nweb: \(rig.webLog.all.joined(separator: "\n"))")
        let page = String(decoding: browser.stdout, as: UTF8.self)
        #expect(page.contains("đã hoàn thành") && page.contains("Văn thư <b>Hải</b>"), "\(page)")
        #expect(try await state(rig) == "done")
        #expect(try await HTTP.get(link).body.contains("Văn thư &lt;b&gt;Hải&lt;/b&gt;"))

        // Friday 11/12 08:00: the 1-working-day reminders go out to everyone else, not to the clerk.
        #expect(try await rig.signal(SIGTERM) == 0)
        let before = Set(try await rig.waitForMail { _ in true }.compactMap(\.message_id))
        let second = try await rig.expectedDeliveries(from: "2026-12-11T08:00", to: "2026-12-11T08:00")
            .filter { !$0.hasPrefix(Self.key + "!") }
        #expect(!second.isEmpty)
        try await rig.start(clockStart: "2026-12-11T07:59:58+07:00", rate: 1)
        let later = try await rig.waitForMail { Set($0.flatMap(\.pairs)).isSuperset(of: second) }
        let sentLater = later.filter { !before.contains($0.message_id ?? "") }.flatMap(\.pairs)
        #expect(Set(sentLater).isSuperset(of: second))
        #expect(!sentLater.contains { $0.hasPrefix(Self.key + "!") }, "a done obligation was reminded")
        #expect(try await rig.signal(SIGTERM) == 0)
    }

    @Test func anExpiredLinkIsRefusedWithGone() async throws {
        let rig = try DaemonRig(withWeb: true)
        try await rig.start(clockStart: "2026-12-07T07:59:58+07:00", rate: 1)
        let messages = try await rig.waitForMail { $0.contains { $0.keyList.contains { $0.hasPrefix(Self.key + "!") } } }
        let mine = try #require(messages.first { $0.keyList.contains { $0.hasPrefix(Self.key + "!") } })
        let link = try #require(Self.link(in: mine.body, base: rig.baseURL))
        #expect(try await rig.signal(SIGTERM) == 0)
        // 45 days (link-days) after the digest, on the web's simulated clock.
        try await rig.startWeb(clockStart: "2027-01-21T08:00:00+07:00")
        let answer = try await HTTP.get(link)
        #expect(answer.status == 410)
        #expect(answer.body.contains("hết hạn"))
        #expect(try await HTTP.post(link + "/done", form: "csrf=x&by=x").status == 410)
        #expect(try await state(rig) != "done")
    }

    @Test func anExtensionRequestReachesTheMonitorWhoseApprovalReachesTheRequester() async throws {
        let rig = try DaemonRig(withWeb: true)
        try await rig.start(clockStart: "2026-12-07T07:59:58+07:00", rate: 1)
        let mine = try #require(try await rig.waitForMail { $0.contains { $0.keyList.contains { $0.hasPrefix(Self.key + "!") } } }
            .first { $0.keyList.contains { $0.hasPrefix(Self.key + "!") } })
        let link = try #require(Self.link(in: mine.body, base: rig.baseURL))
        try await rig.startWeb(clockStart: "2026-12-07T08:05:00+07:00")
        let csrf = try #require(Self.field("csrf", in: try await HTTP.get(link).body))

        // A date that is not one, and no reason: refused, nothing recorded.
        #expect(try await HTTP.post(link + "/extension", form: "csrf=\(csrf)&to=2026-13-40&reason=x").status == 400)
        #expect(try await HTTP.post(link + "/extension", form: "csrf=\(csrf)&to=2026-12-31&reason=").status == 400)
        let asked = try await HTTP.post(link + "/extension", form: "csrf=\(csrf)&to=2026-12-31&reason=Ch%E1%BB%9D+s%E1%BB%91+li%E1%BB%87u&by=V%C4%83n+th%C6%B0")
        #expect(asked.status == 303)
        #expect(try await state(rig) == "extension-requested")
        #expect(try await HTTP.post(link + "/extension", form: "csrf=\(csrf)&to=2026-12-30&reason=again").status == 409)

        // The monitoring body (Bộ Nội vụ for 33/CT-TTg) is told at once, with its own link.
        let toMonitor = try #require(try await rig.waitForMail { $0.contains { $0.keyList.contains(Self.key + "!extension-request:1") } }
            .first { $0.keyList.contains(Self.key + "!extension-request:1") }, "log:\n\(rig.log)")
        #expect(toMonitor.envelope_to == "vanthu@moha.gov.vn")
        #expect(toMonitor.body.contains("Chờ số liệu") && toMonitor.body.contains("31/12/2026"))
        let review = try #require(toMonitor.body.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.hasPrefix(rig.baseURL + "/r/") })
        // The clerk's link does not open the monitor's page, nor the other way round.
        #expect(try await HTTP.get(review.replacingOccurrences(of: "/r/", with: "/o/")).status == 403)
        let page = try await HTTP.get(review)
        #expect(page.status == 200 && page.body.contains("Chờ số liệu"))
        let reviewCSRF = try #require(Self.field("csrf", in: page.body))
        let requestID = try #require(Self.field("request", in: page.body))
        #expect(try await HTTP.post(review + "/approve", form: "csrf=\(reviewCSRF)&request=\(requestID)&note=%C4%90%E1%BB%93ng+%C3%BD").status == 303)
        #expect(try await state(rig) == "extended")

        // The answer reaches the clerk who asked.
        let answer = try #require(try await rig.waitForMail { $0.contains { $0.keyList.contains(Self.key + "!extension-answer:1") } }
            .first { $0.keyList.contains(Self.key + "!extension-answer:1") })
        #expect(answer.envelope_to == "vanphong@haiphong.gov.vn")
        #expect(answer.body.contains("đã được chấp thuận") && answer.body.contains("Đồng ý"))
        #expect(try await rig.signal(SIGTERM) == 0)
    }

    /// The value of the first `<input name=NAME value=…>` of a page.
    static func field(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    func state(_ rig: DaemonRig) async throws -> String? {
        let status = try await rig.dondoc(["status", "--format", "json", "--from", "2026-12-01", "--to", "2026-12-31"])
        return try DondocProcess.jsonLines(status.stdout).first { $0["key"] as? String == Self.key }?["state"] as? String
    }

    static func link(in body: String, base: String) -> String? {
        body.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.hasPrefix(base + "/o/") }
    }

    /// The token with one character of its claim changed.
    static func altered(_ link: String) -> String {
        var characters = Array(link)
        let index = characters.count - 50
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }
}
