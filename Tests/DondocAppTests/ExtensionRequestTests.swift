import DondocCore
import DondocStore
import Testing
@testable import DondocApp

/// Request, approve, refuse, against a real SQLite store: each change with its audit entry.
struct ExtensionRequestTests {
    typealias F = Fixture
    let key = "1/CT-TEST#bao-cao@ubnd-a"
    /// 2026-12-01 09:00 civil time.
    let now = F.at("2026-12-01").epochSeconds()

    func ask(_ rig: UseCaseTests.Store, to: String = "2026-12-31", now: Int64? = nil) throws -> ExtensionRequest {
        try RequestExtension(UseCaseContext(workflows: F.workflows, store: rig.store)).run(
            .init(key: key, to: F.d(to), reason: "Chờ số liệu quý IV", by: "Nguyễn Văn A", requester: "a@example.gov.vn",
                  via: "a@example.gov.vn"),
            now: now ?? self.now)
    }

    func state(_ rig: UseCaseTests.Store, at day: String = "2026-12-20") throws -> TrackedObligation {
        let records = try TrackingRecords.read(from: rig.store)
        let all = F.workflows.tracked(due: F.d("2026-12-01")...F.d("2027-01-31"), records: records, now: F.at(day))
        return try #require(all.first { $0.obligation.key == key })
    }

    @Test func aRequestShowsAsRequestedAndLeavesTheDeadline() throws {
        let rig = try UseCaseTests.Store()
        let request = try ask(rig)
        #expect(request.id != nil && request.isPending && request.requester == "a@example.gov.vn")
        let tracked = try state(rig)
        #expect(tracked.state == .extensionRequested)
        #expect(tracked.obligation.deadline.dueDate == F.d("2026-12-14"))
        #expect(try rig.store.auditTrail(key: key, limit: 5) == [
            AuditEvent(at: now, actor: "Nguyễn Văn A (a@example.gov.vn)", action: "request-extension", key: key,
                       detail: "request \(request.id!) to 2026-12-31: Chờ số liệu quý IV"),
        ])
    }

    @Test func aSecondRequestWaitsForTheAnswerToTheFirst() throws {
        let rig = try UseCaseTests.Store()
        let first = try ask(rig)
        #expect(throws: ExtensionRequestError.alreadyPending(first)) { try ask(rig, to: "2027-01-15") }
        #expect(try rig.store.extensionRequests(.key(key)) == [first])
        _ = try RefuseExtension(UseCaseContext(workflows: F.workflows, store: rig.store)).run(.init(key: key, via: "vanthu@moha.gov.vn"), now: now + 60)
        #expect(try ask(rig, to: "2027-01-15").to == F.d("2027-01-15"))
    }

    @Test func aDoneObligationTakesNoRequest() throws {
        let rig = try UseCaseTests.Store()
        _ = try RecordCompletion(UseCaseContext(workflows: F.workflows, store: rig.store)).run(.init(key: key, via: "cli"), now: now)
        let completion = Completion(key: key, at: now)
        #expect(throws: ExtensionRequestError.alreadyDone(completion)) { try ask(rig) }
        #expect(try rig.store.extensionRequests(.key(key)).isEmpty)
    }

    @Test func noReasonOrADateBeforeTodayIsRefused() throws {
        let rig = try UseCaseTests.Store()
        let useCase = RequestExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
        #expect(throws: ExtensionRequestError.noReason) {
            try useCase.run(.init(key: key, to: F.d("2026-12-31"), reason: " \n", via: "a@example.gov.vn"), now: now)
        }
        #expect(throws: ExtensionRequestError.dateInPast(F.d("2026-11-30"), today: F.d("2026-12-01"))) {
            try ask(rig, to: "2026-11-30")
        }
        #expect(try rig.store.auditTrail(limit: 5).isEmpty)
    }

    @Test func anApprovalRecordsTheExtensionAsExtendDoes() throws {
        let rig = try UseCaseTests.Store()
        let request = try ask(rig)
        let approve = ApproveExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
        let outcome = try approve.run(.init(key: key, requestID: request.id, note: "Đồng ý", via: "vanthu@moha.gov.vn"), now: now + 100)
        #expect(outcome.granted == Extension(key: key, to: F.d("2026-12-31"), reason: "Chờ số liệu quý IV", at: now + 100))
        #expect(outcome.request.decision == .init(answer: .approved, by: "vanthu@moha.gov.vn", at: now + 100, note: "Đồng ý"))
        #expect(try rig.store.progress().extensions == [key: F.d("2026-12-31")])
        let tracked = try state(rig)
        #expect(tracked.state == .extended)
        #expect(tracked.extendedTo == F.d("2026-12-31"))
        #expect(try rig.store.auditTrail(key: key, limit: 5).map(\.action) == ["approve-extension", "extend", "request-extension"])
        #expect(throws: ExtensionRequestError.notPending(key: key, id: request.id)) {
            try approve.run(.init(key: key, requestID: request.id, via: "vanthu@moha.gov.vn"), now: now + 200)
        }
    }

    @Test func anApproverMayGrantAnotherDate() throws {
        let rig = try UseCaseTests.Store()
        _ = try ask(rig)
        let outcome = try ApproveExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
            .run(.init(key: key, to: F.d("2026-12-21"), by: "Chánh VP", via: "admin-token"), now: now)
        #expect(outcome.granted.to == F.d("2026-12-21"))
        #expect(outcome.granted.by == "Chánh VP")
        #expect(outcome.request.decision?.by == "Chánh VP")
    }

    @Test func aRefusalAnswersTheRequestAndTheDeadlineStays() throws {
        let rig = try UseCaseTests.Store()
        let request = try ask(rig)
        let refuse = RefuseExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
        #expect(throws: ExtensionRequestError.notPending(key: key, id: 99)) {
            try refuse.run(.init(key: key, requestID: 99, via: "vanthu@moha.gov.vn"), now: now)
        }
        let answered = try refuse.run(.init(key: key, note: "Không đủ căn cứ", via: "vanthu@moha.gov.vn"), now: now + 5)
        #expect(answered.id == request.id && answered.decision?.answer == .refused)
        #expect(try rig.store.progress().extensions.isEmpty)
        #expect(try state(rig).state == .overdue)
        #expect(try rig.store.auditTrail(key: key, limit: 1) == [
            AuditEvent(at: now + 5, actor: "vanthu@moha.gov.vn", action: "refuse-extension", key: key,
                       detail: "request \(request.id!): Không đủ căn cứ"),
        ])
    }

    @Test func theNoticesOfARequestAndOfItsAnswer() throws {
        let rig = try UseCaseTests.Store()
        let request = try ask(rig)
        let pending = ExtensionNotice.notices(of: try rig.store.extensionRequests(.changedSince(now)), workflows: F.workflows)
        #expect(pending.map(\.notificationKey) == ["\(key)!extension-request:\(request.id!)"])
        #expect(pending.first?.to == .unit("bo-noi-vu"))
        #expect(pending.first?.at == now)
        _ = try RefuseExtension(UseCaseContext(workflows: F.workflows, store: rig.store)).run(.init(key: key, via: "vanthu@moha.gov.vn"), now: now + 7)
        let answered = ExtensionNotice.notices(of: try rig.store.extensionRequests(.changedSince(now)), workflows: F.workflows)
        #expect(answered.map(\.kind) == [.request, .answer])
        #expect(answered.last?.to == .address("a@example.gov.vn"))
        #expect(answered.last?.at == now + 7)
        #expect(answered.last?.notificationKey == "\(key)!extension-answer:\(request.id!)")
        #expect(Notification.obligationKey(ofNotificationKey: answered.last!.notificationKey) == key)
    }
}
