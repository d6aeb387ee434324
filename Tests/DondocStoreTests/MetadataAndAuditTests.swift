import Testing
@testable import DondocStore

struct MetadataAndAuditTests {
    @Test func metadataRoundTrips() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        #expect(try store.metadata("first-start") == nil)
        try store.setMetadata("first-start", "1796000000")
        try store.setMetadata("ghi-chú", "Hải Phòng")
        #expect(try store.metadata("first-start") == "1796000000")
        #expect(try store.metadata("ghi-chú") == "Hải Phòng")
        try store.setMetadata("ghi-chú", "")
        #expect(try store.metadata("ghi-chú") == "")
    }

    @Test func theAuditTrailIsNewestFirstAndLimited() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        let events = [
            AuditEvent(at: 100, actor: "daemon", action: "start"),
            AuditEvent(at: 200, actor: "Nguyễn Văn A", action: "done", key: obligationKey, detail: "Đã gửi báo cáo"),
            AuditEvent(at: 200, actor: "daemon", action: "sent", key: "\(obligationKey)!reminder:3wd", detail: "<m1@dondoc>"),
            AuditEvent(at: 300, actor: "root", action: "extend", key: otherObligationKey, detail: "to 2026-03-02: Sáp nhập"),
        ]
        for event in events { try store.audit(event) }
        #expect(try store.auditTrail(limit: 10) == events.reversed())
        #expect(try store.auditTrail(limit: 2) == [events[3], events[2]])
        #expect(try store.auditTrail(limit: 0).isEmpty)
    }
}
