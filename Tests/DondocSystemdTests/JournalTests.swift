import DondocSystemd
import Foundation
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension EnvironmentTests {
    /// Entries written through libsystemd to a real journald and read back with journalctl.
    @Suite(.enabled(if: PrivateJournald.unavailableReason == nil, "\(PrivateJournald.unavailableReason ?? "")"))
    struct JournalTests {
        @Test func notificationsAndLogsAreQueryableByUnit() throws {
            let journald = try PrivateJournald()
            defer {
                journald.stop()
                journald.removeFiles()
            }
            let unit = "so-noi-vu-test-\(getpid())"
            let reminder = NotificationRecord(
                kind: .reminder, key: "33/CT-TTg#bao-cao-nam@\(unit)/2026!reminder:3wd", directive: "33/CT-TTg",
                step: "bao-cao-nam", unit: unit, period: "2026", due: "2026-12-14",
                title: "Báo cáo kết quả thực hiện công tác dân vận hằng năm")
            let escalation = NotificationRecord(
                kind: .escalation, key: "33/CT-TTg#quan-triet@\(unit)!escalation:1wd", directive: "33/CT-TTg",
                step: "quan-triet", unit: unit, due: "2021-12-27", recipients: ["ubnd-hai-phong"])

            let codes = try journald.run { () -> [Int32] in
                var codes = [Journal.send(reminder.fields), Journal.send(escalation.fields)]
                codes.append(Journal.send([
                    ("MESSAGE", "dòng một\ndòng hai\n  thụt lề"), ("DONDOC_UNIT", unit), ("DONDOC_KIND", "multiline"),
                    ("SYSLOG_IDENTIFIER", "dondoc"),
                ]))
                let logger = Logger(label: "dondoc.test") { JournalLogHandler(label: $0) }
                logger.warning("Không gửi được thư", metadata: ["DONDOC_UNIT": "\(unit)", "DONDOC_KIND": "log", "exit": "65"])
                return codes
            }
            #expect(codes == [0, 0, 0])

            let entries = try journald.entries(matching: ["DONDOC_UNIT=\(unit)"], atLeast: 4)
            #expect(entries.count == 4)
            let byKind = Dictionary(entries.map { (PrivateJournald.text($0["DONDOC_KIND"]) ?? "?", $0) }, uniquingKeysWith: { a, _ in a })

            let r = try #require(byKind["reminder"])
            for (name, value) in reminder.fields {
                #expect(PrivateJournald.text(r[name]) == value, "\(name)")
            }
            #expect(PrivateJournald.text(r["_PID"]) == String(getpid()))

            let e = try #require(byKind["escalation"])
            #expect(PrivateJournald.text(e["PRIORITY"]) == "4")
            #expect(PrivateJournald.text(e["MESSAGE_ID"]) == NotificationRecord.Kind.escalation.messageID)
            #expect(PrivateJournald.text(e["DONDOC_PERIOD"]) == "")
            #expect(PrivateJournald.text(e["DONDOC_TO"]) == "ubnd-hai-phong")

            let m = try #require(byKind["multiline"])
            #expect(PrivateJournald.text(m["MESSAGE"]) == "dòng một\ndòng hai\n  thụt lề")

            let l = try #require(byKind["log"])
            #expect(PrivateJournald.text(l["MESSAGE"]) == "Không gửi được thư")
            #expect(PrivateJournald.text(l["PRIORITY"]) == "4")
            #expect(PrivateJournald.text(l["SYSLOG_IDENTIFIER"]) == "dondoc")
            #expect(PrivateJournald.text(l["CODE_FILE"])?.hasSuffix("JournalTests.swift") == true)
            #expect(PrivateJournald.text(l["CODE_FUNC"])?.hasPrefix("notificationsAndLogsAreQueryableByUnit") == true)
            #expect(Int(PrivateJournald.text(l["CODE_LINE"]) ?? "") ?? 0 > 0)
            #expect(PrivateJournald.text(l["EXIT"]) == "65")
            #expect(PrivateJournald.text(l["DONDOC_LOGGER"]) == "dondoc.test")

            // The fixed MESSAGE_ID finds every reminder, whatever the unit.
            let reminders = try journald.entries(matching: ["MESSAGE_ID=\(NotificationRecord.Kind.reminder.messageID)"], atLeast: 1)
            #expect(reminders.count == 1)
        }
    }
}
