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

    func ask(_ rig: UseCaseTests.Store, to: String = "2026-12-31", now: Int64? = nil) async throws -> ExtensionRequest {
        try await RequestExtension(UseCaseContext(workflows: F.workflows, store: rig.store)).run(
            .init(key: key, to: F.d(to), reason: "Chờ số liệu quý IV", by: "Nguyễn Văn A", requester: "a@example.gov.vn",
                  via: "a@example.gov.vn"),
            now: now ?? self.now)
    }

    func state(_ rig: UseCaseTests.Store, at day: String = "2026-12-20") async throws -> TrackedObligation {
        let records = try await TrackingRecords.read(from: rig.store)
        let all = F.workflows.tracked(due: F.d("2026-12-01")...F.d("2027-01-31"), records: records, now: F.at(day))
        return try #require(all.first { $0.obligation.key == key })
    }

    @Test func aRequestShowsAsRequestedAndLeavesTheDeadline() async throws {
        let rig = try UseCaseTests.Store()
        let request = try await ask(rig)
        #expect(request.id != nil && request.isPending && request.requester == "a@example.gov.vn")
        let tracked = try await state(rig)
        #expect(tracked.state == .extensionRequested)
        #expect(tracked.obligation.deadline.dueDate == F.d("2026-12-14"))
        #expect(try await rig.store.auditTrail(key: key, limit: 5) == [
            AuditEvent(at: now, actor: "Nguyễn Văn A (a@example.gov.vn)", action: "request-extension", key: key,
                       detail: "request \(request.id!) to 2026-12-31: Chờ số liệu quý IV"),
        ])
    }

    @Test func aSecondRequestWaitsForTheAnswerToTheFirst() async throws {
        let rig = try UseCaseTests.Store()
        let first = try await ask(rig)
        await #expect(throws: ExtensionRequestError.alreadyPending(first)) { try await ask(rig, to: "2027-01-15") }
        #expect(try await rig.store.extensionRequests(.key(key)) == [first])
        _ = try await RefuseExtension(UseCaseContext(workflows: F.workflows, store: rig.store)).run(.init(key: key, via: "vanthu@moha.gov.vn"), now: now + 60)
        #expect(try await ask(rig, to: "2027-01-15").to == F.d("2027-01-15"))
    }

    @Test func aDoneObligationTakesNoRequest() async throws {
        let rig = try UseCaseTests.Store()
        _ = try await RecordCompletion(UseCaseContext(workflows: F.workflows, store: rig.store)).run(.init(key: key, via: "cli"), now: now)
        let completion = Completion(key: key, at: now)
        await #expect(throws: ExtensionRequestError.alreadyDone(completion)) { try await ask(rig) }
        #expect(try await rig.store.extensionRequests(.key(key)).isEmpty)
    }

    @Test func noReasonOrADateBeforeTodayIsRefused() async throws {
        let rig = try UseCaseTests.Store()
        let useCase = RequestExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
        await #expect(throws: ExtensionRequestError.noReason) {
            try await useCase.run(.init(key: key, to: F.d("2026-12-31"), reason: " \n", via: "a@example.gov.vn"), now: now)
        }
        await #expect(throws: ExtensionRequestError.dateInPast(F.d("2026-11-30"), today: F.d("2026-12-01"))) {
            try await ask(rig, to: "2026-11-30")
        }
        #expect(try await rig.store.auditTrail(limit: 5).isEmpty)
    }

    @Test func anApprovalRecordsTheExtensionAsExtendDoes() async throws {
        let rig = try UseCaseTests.Store()
        let request = try await ask(rig)
        let approve = ApproveExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
        let outcome = try await approve.run(.init(key: key, requestID: request.id, note: "Đồng ý", via: "vanthu@moha.gov.vn"), now: now + 100)
        #expect(outcome.granted == Extension(key: key, to: F.d("2026-12-31"), reason: "Chờ số liệu quý IV", at: now + 100))
        #expect(outcome.request.decision == .init(answer: .approved, by: "vanthu@moha.gov.vn", at: now + 100, note: "Đồng ý"))
        #expect(try await rig.store.progress().extensions == [key: F.d("2026-12-31")])
        let tracked = try await state(rig)
        #expect(tracked.state == .extended)
        #expect(tracked.extendedTo == F.d("2026-12-31"))
        #expect(try await rig.store.auditTrail(key: key, limit: 5).map(\.action) == ["approve-extension", "extend", "request-extension"])
        await #expect(throws: ExtensionRequestError.notPending(key: key, id: request.id)) {
            try await approve.run(.init(key: key, requestID: request.id, via: "vanthu@moha.gov.vn"), now: now + 200)
        }
    }

    @Test func anApproverMayGrantAnotherDate() async throws {
        let rig = try UseCaseTests.Store()
        _ = try await ask(rig)
        let outcome = try await ApproveExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
            .run(.init(key: key, to: F.d("2026-12-21"), by: "Chánh VP", via: "admin-token"), now: now)
        #expect(outcome.granted.to == F.d("2026-12-21"))
        #expect(outcome.granted.by == "Chánh VP")
        #expect(outcome.request.decision?.by == "Chánh VP")
    }

    @Test func aRefusalAnswersTheRequestAndTheDeadlineStays() async throws {
        let rig = try UseCaseTests.Store()
        let request = try await ask(rig)
        let refuse = RefuseExtension(UseCaseContext(workflows: F.workflows, store: rig.store))
        await #expect(throws: ExtensionRequestError.notPending(key: key, id: 99)) {
            try await refuse.run(.init(key: key, requestID: 99, via: "vanthu@moha.gov.vn"), now: now)
        }
        let answered = try await refuse.run(.init(key: key, note: "Không đủ căn cứ", via: "vanthu@moha.gov.vn"), now: now + 5)
        #expect(answered.id == request.id && answered.decision?.answer == .refused)
        #expect(try await rig.store.progress().extensions.isEmpty)
        #expect(try await state(rig).state == .overdue)
        #expect(try await rig.store.auditTrail(key: key, limit: 1) == [
            AuditEvent(at: now + 5, actor: "vanthu@moha.gov.vn", action: "refuse-extension", key: key,
                       detail: "request \(request.id!): Không đủ căn cứ"),
        ])
    }

    @Test func theNoticesOfARequestAndOfItsAnswer() async throws {
        let rig = try UseCaseTests.Store()
        let request = try await ask(rig)
        let pending = await ExtensionNotice.notices(of: try rig.store.extensionRequests(.changedSince(now)), workflows: F.workflows)
        #expect(pending.map(\.notificationKey) == ["\(key)!extension-request:\(request.id!)"])
        #expect(pending.first?.to == .unit("bo-noi-vu"))
        #expect(pending.first?.at == now)
        _ = try await RefuseExtension(UseCaseContext(workflows: F.workflows, store: rig.store)).run(.init(key: key, via: "vanthu@moha.gov.vn"), now: now + 7)
        let answered = await ExtensionNotice.notices(of: try rig.store.extensionRequests(.changedSince(now)), workflows: F.workflows)
        #expect(answered.map(\.kind) == [.request, .answer])
        #expect(answered.last?.to == .address("a@example.gov.vn"))
        #expect(answered.last?.at == now + 7)
        #expect(answered.last?.notificationKey == "\(key)!extension-answer:\(request.id!)")
        #expect(Notification.obligationKey(ofNotificationKey: answered.last!.notificationKey) == key)
    }
}
