import DondocCore
import GRDB
import Testing
@testable import DondocStore

struct ProgressTests {
    @Test func aNewStoreHasNoProgress() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        let progress = try store.progress()
        #expect(progress.completions.isEmpty)
        #expect(progress.extensions.isEmpty)
    }

    @Test func aCompletionIsRecordedOnce() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        let first = Completion(key: obligationKey, at: 1_796_100_000, by: "Nguyễn Văn A", note: "Đã gửi báo cáo số 12/BC")
        #expect(try store.recordCompletion(first))
        let second = Completion(key: obligationKey, at: 1_796_200_000, by: "Trần Thị B", note: nil)
        #expect(try store.recordCompletion(second) == false)

        #expect(try store.completions() == [first])
        let progress = try store.progress()
        #expect(progress.completions == [obligationKey: LocalDateTime(epochSeconds: 1_796_100_000)])
    }

    @Test func completionsWithoutByOrNoteRoundTrip() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        let completion = Completion(key: otherObligationKey, at: 0)
        #expect(try store.recordCompletion(completion))
        #expect(try store.completions() == [completion])
    }

    @Test func theLatestExtensionIsInForceAndAllStayInHistory() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        let first = Extension(key: obligationKey, to: CivilDate(iso: "2026-12-31")!, reason: "Chờ số liệu", by: "A", at: 1_796_000_000)
        let later = Extension(key: obligationKey, to: CivilDate(iso: "2027-01-15")!, reason: "Gia hạn lần 2", by: nil, at: 1_797_000_000)
        let other = Extension(key: otherObligationKey, to: CivilDate(iso: "2026-03-02")!, reason: "Sáp nhập tỉnh", at: 1_790_000_000)
        try store.recordExtension(first)
        try store.recordExtension(later)
        try store.recordExtension(other)

        let progress = try store.progress()
        #expect(progress.extensions == [obligationKey: later.to, otherObligationKey: other.to])
        #expect(try store.extensions() == [other, first, later])
    }

    @Test func theExtensionGrantedLastWinsEvenIfRecordedFirst() throws {
        let dir = try TemporaryDirectory()
        let store = try SQLiteStateStore.open(path: dir.file("state.sqlite"))
        try store.recordExtension(Extension(key: obligationKey, to: CivilDate(iso: "2027-01-15")!, reason: "b", at: 200))
        try store.recordExtension(Extension(key: obligationKey, to: CivilDate(iso: "2026-12-31")!, reason: "a", at: 100))
        #expect(try store.progress().extensions[obligationKey] == CivilDate(iso: "2027-01-15"))
    }

    @Test func progressSurvivesReopening() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        do {
            let store = try SQLiteStateStore.open(path: path)
            _ = try store.recordCompletion(Completion(key: obligationKey, at: 1_796_100_000))
            try store.recordExtension(Extension(key: otherObligationKey, to: CivilDate(iso: "2026-03-02")!, reason: "r", at: 1))
            try store.close()
        }
        let reopened = try SQLiteStateStore.open(path: path, create: false)
        let progress = try reopened.progress()
        #expect(progress.completions[obligationKey] == LocalDateTime(epochSeconds: 1_796_100_000))
        #expect(progress.extensions[otherObligationKey] == CivilDate(iso: "2026-03-02"))
    }

    /// A hand-edited store (SQLite lets any column hold any type) is an error, never a crash.
    @Test func valuesOfTheWrongTypeAreReportedAsCorrupt() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let store = try SQLiteStateStore.open(path: path)
        _ = try store.recordCompletion(Completion(key: obligationKey, at: 1))
        try store.recordExtension(Extension(key: otherObligationKey, to: CivilDate(iso: "2026-03-02")!, reason: "r", at: 1))
        let editor = try DatabaseQueue(path: path)
        try editor.write { try $0.execute(sql: "UPDATE completion SET at = 'hôm qua'") }
        #expect(storeError { _ = try store.progress() }?.code == .corrupt)
        #expect(storeError { _ = try store.completions() }?.code == .corrupt)

        try editor.write { try $0.execute(sql: "UPDATE completion SET at = 1; UPDATE extension SET to_date = '2026-02-30'") }
        let error = storeError { _ = try store.progress() }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("2026-02-30") == true)
        try editor.close()
    }
}
