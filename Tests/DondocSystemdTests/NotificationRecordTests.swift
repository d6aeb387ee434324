import DondocSystemd
import Testing

@Suite struct NotificationRecordTests {
    static let reminder = NotificationRecord(
        kind: .reminder,
        key: "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd",
        directive: "33/CT-TTg",
        step: "bao-cao-nam",
        unit: "ubnd-hai-phong",
        period: "2026",
        due: "2026-12-14",
        title: "Báo cáo kết quả thực hiện công tác dân vận hằng năm",
        rule: "3 working days before",
        recipients: ["ubnd-hai-phong", "bo-noi-vu"]
    )

    @Test func reminderFields() {
        let fields = Self.reminder.fields
        #expect(fields.map(\.0) == [
            "MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER", "DONDOC_KIND", "DONDOC_KEY", "DONDOC_DIRECTIVE",
            "DONDOC_STEP", "DONDOC_UNIT", "DONDOC_PERIOD", "DONDOC_DUE", "DONDOC_RULE", "DONDOC_TO",
        ])
        let value = Dictionary(uniqueKeysWithValues: fields)
        #expect(value["PRIORITY"] == "5")
        #expect(value["MESSAGE_ID"] == "6185c012de224819a0fd7e1438656d99")
        #expect(value["SYSLOG_IDENTIFIER"] == "dondoc")
        #expect(value["DONDOC_KIND"] == "reminder")
        #expect(value["DONDOC_KEY"] == "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd")
        #expect(value["DONDOC_DIRECTIVE"] == "33/CT-TTg")
        #expect(value["DONDOC_STEP"] == "bao-cao-nam")
        #expect(value["DONDOC_UNIT"] == "ubnd-hai-phong")
        #expect(value["DONDOC_PERIOD"] == "2026")
        #expect(value["DONDOC_DUE"] == "2026-12-14")
        #expect(value["DONDOC_RULE"] == "3 working days before")
        #expect(value["DONDOC_TO"] == "ubnd-hai-phong,bo-noi-vu")
        #expect(value["MESSAGE"] == "Nhắc hạn: ubnd-hai-phong — 33/CT-TTg, bước bao-cao-nam, kỳ 2026 «Báo cáo kết quả thực hiện công tác dân vận hằng năm» — hạn 14/12/2026; gửi: ubnd-hai-phong, bo-noi-vu")
    }

    @Test func escalationOfOneOffStep() {
        let record = NotificationRecord(
            kind: .escalation, key: "33/CT-TTg#quan-triet@ubnd-tay-ninh!escalation:5wd", directive: "33/CT-TTg",
            step: "quan-triet", unit: "ubnd-tay-ninh", due: "2021-12-27")
        let value = Dictionary(uniqueKeysWithValues: record.fields)
        #expect(value["PRIORITY"] == "4")
        #expect(value["MESSAGE_ID"] == "8eb2ee5c7b064a7f9d73db3708123b1b")
        #expect(value["DONDOC_KIND"] == "escalation")
        #expect(value["DONDOC_PERIOD"] == "")
        #expect(value["DONDOC_RULE"] == nil)
        #expect(value["DONDOC_TO"] == nil)
        #expect(record.message == "Quá hạn: ubnd-tay-ninh — 33/CT-TTg, bước quan-triet — đã quá hạn 27/12/2021")
    }

    @Test func messageIDsAre128BitLowercaseHexAndDistinct() {
        let ids = NotificationRecord.Kind.allCases.map(\.messageID)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 32)
            #expect(id.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) })
        }
    }

    @Test func messageIsOneLine() {
        var record = Self.reminder
        record.title = "Tổ chức quán triệt,\n   thể chế hóa Chỉ thị"
        #expect(!record.message.contains("\n"))
        #expect(record.message.contains("«Tổ chức quán triệt, thể chế hóa Chỉ thị»"))
    }

    @Test func dueThatIsNotADateIsShownAsIs() {
        var record = Self.reminder
        record.due = "2026-Q4"
        #expect(record.message.contains("hạn 2026-Q4"))
    }

    @Test func everyFieldNameIsOneJournaldKeeps() {
        for (name, _) in Self.reminder.fields {
            #expect(Journal.isValidFieldName(name), "\(name)")
        }
    }
}
