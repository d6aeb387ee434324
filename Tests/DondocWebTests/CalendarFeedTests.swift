import DondocCore
import DondocTestSupport
import Foundation
import Testing
@testable import DondocWeb

@Suite("Calendar feeds (RFC 5545)")
struct CalendarFeedTests {
    let feed = CalendarFeed(name: "Sở Nội vụ thành phố Hải Phòng", events: [
        .init(uid: "33/CT-TTg#bao-cao-nam@so-noi-vu-hai-phong/2026", dueDate: CivilDate(iso: "2026-12-14")!,
              summary: "Báo cáo kết quả thực hiện công tác dân vận hằng năm; kỳ 2026, theo Chỉ thị 33/CT-TTg",
              description: "Chỉ thị 33/CT-TTg\nHạn: thứ Hai, 14/12/2026",
              url: "https://dondoc.haiphong.gov.vn/o/abc.def", done: false),
        .init(uid: "9465/UBND-KSTTHC#ke-hoach@so-noi-vu-hai-phong", dueDate: CivilDate(iso: "2026-01-30")!,
              summary: "Xây dựng kế hoạch", description: "a\\b", done: true),
    ])

    @Test("every line ends in CRLF and has at most 75 octets; no fold splits a UTF-8 sequence")
    func folding() {
        let text = feed.render(stamp: 1_796_266_800)
        let bytes = Array(text.utf8)
        #expect(bytes.suffix(2) == [13, 10])
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13 {
                #expect(index + 1 < bytes.count && bytes[index + 1] == 10, "a bare CR")
                lines.append(current)
                current = []
                index += 2
                continue
            }
            #expect(bytes[index] != 10, "a bare LF")
            current.append(bytes[index])
            index += 1
        }
        for line in lines {
            #expect(line.count <= 75, "\(String(decoding: line, as: UTF8.self))")
            // A continuation line starts with a space and then not with a UTF-8 continuation byte.
            if line.first == 32, line.count > 1 { #expect(line[1] & 0xC0 != 0x80) }
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a character")
        }
        #expect(lines.contains { $0.first == 32 }, "the long summary is folded")
    }

    @Test("unfolded, the text says what was given, escaped as TEXT")
    func content() {
        let unfolded = feed.render(stamp: 1_796_266_800).replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("UID:33/CT-TTg#bao-cao-nam@so-noi-vu-hai-phong/2026\r\n"))
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20261214\r\nDTEND;VALUE=DATE:20261215\r\n"))
        #expect(unfolded.contains("SUMMARY:Báo cáo kết quả thực hiện công tác dân vận hằng năm\\; kỳ 2026\\, theo Chỉ thị 33/CT-TTg\r\n"))
        #expect(unfolded.contains("DESCRIPTION:Chỉ thị 33/CT-TTg\\nHạn: thứ Hai\\, 14/12/2026\\nhttps://dondoc.haiphong.gov.vn/o/abc.def\r\n"))
        #expect(unfolded.contains("SUMMARY:✔ Đã hoàn thành: Xây dựng kế hoạch\r\n"))
        #expect(unfolded.contains("DESCRIPTION:a\\\\b\r\n"))
        #expect(unfolded.contains("DTSTAMP:20261203T030000Z\r\n"))
        #expect(unfolded.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(unfolded.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
    }

    @Test("the same obligations give the same feed: UIDs and text are stable across runs")
    func stable() {
        #expect(feed.render(stamp: 1) == feed.render(stamp: 1))
    }

    @Test("python's icalendar parses it back: names, dates, UIDs and URLs")
    func icalendarParses() throws {
        let directory = try TestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("feed.ics")
        try Data(feed.render(stamp: 1_796_266_800).utf8).write(to: file)
        let script = """
            import icalendar, json, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            out = [{"uid": str(e["UID"]), "start": e.decoded("DTSTART").isoformat(), "end": e.decoded("DTEND").isoformat(),
                    "summary": str(e["SUMMARY"]), "description": str(e["DESCRIPTION"]), "url": str(e.get("URL", ""))}
                   for e in cal.walk("VEVENT")]
            print(json.dumps({"name": str(cal["X-WR-CALNAME"]), "events": out}, ensure_ascii=False))
            """
        let python = try TestTools.pythonWith(module: "icalendar", install: "pip install icalendar")
        let result = try TestTools.run(python, ["-c", script, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(parsed["name"] as? String == "Sở Nội vụ thành phố Hải Phòng")
        let events = try #require(parsed["events"] as? [[String: String]])
        #expect(events.count == 2)
        #expect(events[0]["uid"] == "33/CT-TTg#bao-cao-nam@so-noi-vu-hai-phong/2026")
        #expect(events[0]["start"] == "2026-12-14" && events[0]["end"] == "2026-12-15")
        #expect(events[0]["summary"] == feed.events[0].summary)
        #expect(events[0]["description"] == feed.events[0].description + "\nhttps://dondoc.haiphong.gov.vn/o/abc.def")
        #expect(events[0]["url"] == "https://dondoc.haiphong.gov.vn/o/abc.def")
        #expect(events[1]["description"] == "a\\b")
    }
}
