import DondocCore
import DondocStore
import Foundation
import Testing
@testable import DondocApp

/// The obligation's JSON shape: the fields each surface asks for, in order, `null` when empty.
struct ObligationDTOTests {
    typealias F = Fixture

    func tracked() throws -> TrackedObligation {
        let key = "1/CT-TEST#bao-cao-nam@ubnd-a/2026"
        let records = TrackingRecords(progress: Progress(extensions: [key: F.d("2026-12-31")]),
                                      completions: [key: Completion(key: key, at: F.at("2026-12-20").epochSeconds(), by: "Văn thư")])
        let obligation = try #require(F.workflows.planner().obligations(due: F.d("2026-12-01")...F.d("2026-12-31"), progress: records.progress)
            .first { $0.key == key })
        return StatusRules(calendar: WorkCalendar()).track(obligation, records: records, now: F.at("2027-01-02"))
    }

    func json(_ value: ObligationDTO) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func statusFields() throws {
        #expect(try json(ObligationDTO(tracked(), fields: .status)) == """
            {"directive":"1/CT-TEST","due_date":"2026-12-31","key":"1/CT-TEST#bao-cao-nam@ubnd-a/2026","period":"2026",\
            "state":"done","step":"bao-cao-nam","unit":"ubnd-a"}
            """)
    }

    @Test func apiFieldsRoundTrip() throws {
        let dto = ObligationDTO(try tracked(), fields: .api)
        #expect(try json(dto) == """
            {"category":"done-on-time","directive":"1/CT-TEST","done_at":"2026-12-20T09:00:00+07:00","done_by":"Văn thư",\
            "due_at":"2027-01-01T00:00:00+07:00","due_date":"2026-12-31","extended_to":"2026-12-31",\
            "key":"1/CT-TEST#bao-cao-nam@ubnd-a/2026","period":"2026","state":"done","step":"bao-cao-nam","unit":"ubnd-a"}
            """)
        let decoded = try JSONDecoder().decode(ObligationDTO.self, from: Data(try json(dto).utf8))
        #expect(decoded.fields == .api)
        #expect(decoded.doneBy == "Văn thư")
        #expect(decoded.category == .doneOnTime)
        #expect(try json(decoded) == json(dto))
    }

    @Test func emptyFieldsAreNull() throws {
        let obligation = try #require(F.workflows.planner().obligations(due: F.d("2026-12-14")...F.d("2026-12-14")).first)
        let text = try json(ObligationDTO(obligation, fields: .agenda))
        #expect(text.contains(#""period":null"#))
        #expect(text.contains(#""window_start":null"#))
        #expect(!text.contains("state"))
    }
}
