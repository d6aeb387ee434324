@testable import DondocCore
import Testing

@testable import DondocMail

@Suite("Digests: one per address and instant")
struct DigestTests {
    @Test("every to and cc address gets the notification; addresses sorted, compared without case")
    func grouping() {
        let digests = Fixture.morningDigests()
        #expect(digests.map(\.address) == [
            "sonoivu@hungyen.gov.vn", "vanphong@haiphong.gov.vn", "vanphong@hungyen.gov.vn", "vanthu@moha.gov.vn",
        ])
        #expect(digests.allSatisfy { $0.at == Fixture.sendAt })
        let moha = digests[3]
        #expect(moha.items.count == 3)
        #expect(moha.reminderCount == 2 && moha.escalationCount == 1)
        // Ordered by directive, step, unit, period: "02-ĐA/TU" sorts before "33/CT-TTg".
        #expect(moha.keys == [
            "02-ĐA/TU#so-ket@so-noi-vu-hung-yen!escalation:5wd",
            "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026!reminder:3wd",
            "33/CT-TTg#bao-cao-nam@ubnd-hung-yen/2026!reminder:3wd",
        ])
        #expect(moha.items.map(\.role) == ["monitor", "support", "support"])
        #expect(moha.items.map(\.isCopy) == [false, true, true])
        let lead = digests[0].items[0]
        #expect(lead.role == "lead" && lead.isCopy && lead.kind == .escalation)
        #expect(lead.unitName == "Sở Nội vụ tỉnh Hưng Yên")
        #expect(lead.directiveTitle == Fixture.directives["02-ĐA/TU"])
        #expect(lead.period == nil)
        #expect(digests[1].items[0].period == "2026")
        #expect(moha.recipientUnits.map(\.name) == ["Bộ Nội vụ"])
    }

    @Test("an address named twice for one notification gets it once, as To")
    func duplicateAddress() {
        let n = Fixture.notification(
            kind: .escalation, rule: "1 working day after due", ruleID: "1wd",
            to: [Recipient(role: "head", unit: "ubnd-hai-phong", email: "vanphong@haiphong.gov.vn"),
                 Recipient(role: "parent", unit: "ttcp", email: "VANPHONG@haiphong.gov.vn")],
            cc: [Recipient(role: "lead", unit: "ubnd-hai-phong", email: "vanphong@haiphong.gov.vn")])
        let copyFirst = Fixture.notification(
            unit: "ubnd-hung-yen",
            to: [Recipient(role: "lead", unit: "ubnd-hung-yen", email: "x@hungyen.gov.vn")],
            cc: [Recipient(role: "support", unit: "bo-noi-vu", email: "x@hungyen.gov.vn")])
        let digests = Digest.group([n, copyFirst], at: Fixture.sendAt, describe: Fixture.describe, unitName: Fixture.unitName)
        #expect(digests.count == 2)
        #expect(digests[0].items.count == 1 && digests[0].items[0].role == "head" && !digests[0].items[0].isCopy)
        #expect(digests[1].items.count == 1 && digests[1].items[0].role == "lead")
    }

    @Test("recipients without an address are reported, not sent")
    func unaddressed() {
        let n = Fixture.notification(to: [Recipient(role: "lead", unit: "ubnd-hai-phong", email: nil)], cc: [Fixture.moha])
        let digests = Digest.group([n], at: Fixture.sendAt, describe: Fixture.describe, unitName: Fixture.unitName)
        #expect(digests.map(\.address) == ["vanthu@moha.gov.vn"])
        let missing = Digest.unaddressed([n])
        #expect(missing.count == 1 && missing[0].recipient.unit == "ubnd-hai-phong" && missing[0].key == n.key)
    }

    @Test("the grouping does not depend on the order of the notifications")
    func deterministic() {
        let forward = Fixture.morningDigests()
        let backward = Digest.group(Fixture.morning().reversed(), at: Fixture.sendAt, describe: Fixture.describe, unitName: Fixture.unitName)
        #expect(forward == backward)
    }

    @Test("days left and overdue are calendar days from the digest's date")
    func days() {
        let item = Fixture.morningDigests()[1].items[0]   // due Monday 14/12/2026, digest Wednesday 9/12
        #expect(item.daysLeft(at: Fixture.sendAt) == 5)
        #expect(!item.isOverdue(at: Fixture.sendAt))
        let dueDay = LocalDateTime(date: Fixture.date("2026-12-14"), hour: 23, minute: 59)
        #expect(item.daysLeft(at: dueDay) == 0 && !item.isOverdue(at: dueDay))
        let nextMorning = LocalDateTime(date: Fixture.date("2026-12-15"), hour: 8, minute: 0)
        #expect(item.isOverdue(at: nextMorning) && item.daysOverdue(at: nextMorning) == 1)
        let midnight = LocalDateTime(date: Fixture.date("2026-12-15"))
        #expect(item.isOverdue(at: midnight) && item.daysOverdue(at: midnight) == 1)
    }

    @Test("a huge digest splits into parts that keep the order")
    func chunks() {
        let notifications = (0..<25).map { i in
            Fixture.notification(unit: "ubnd-\(100 + i)", to: [Fixture.moha])
        }
        let digest = Digest.group(notifications, at: Fixture.sendAt, describe: Fixture.describe, unitName: Fixture.unitName)[0]
        let parts = digest.chunked(maxItems: 10)
        #expect(parts.map(\.items.count) == [10, 10, 5])
        #expect(parts.flatMap(\.keys) == digest.keys)
        #expect(digest.chunked(maxItems: 25) == [digest])
    }
}
