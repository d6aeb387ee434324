import DondocCore
import GRDB
import Testing
@testable import DondocStore

struct ProgressTests {
    @Test(arguments: StoreKind.available) func aNewStoreHasNoProgress(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let progress = try await store.progress()
        #expect(progress.completions.isEmpty)
        #expect(progress.extensions.isEmpty)
    }

    @Test(arguments: StoreKind.available) func aCompletionIsRecordedOnce(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let first = Completion(key: obligationKey, at: 1_796_100_000, by: "Nguyễn Văn A", note: "Đã gửi báo cáo số 12/BC")
        #expect(try await store.recordCompletion(first))
        let second = Completion(key: obligationKey, at: 1_796_200_000, by: "Trần Thị B", note: nil)
        #expect(try await store.recordCompletion(second) == false)

        #expect(try await store.completions() == [first])
        let progress = try await store.progress()
        #expect(progress.completions == [obligationKey: LocalDateTime(epochSeconds: 1_796_100_000)])
    }

    @Test(arguments: StoreKind.available) func completionsWithoutByOrNoteRoundTrip(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let completion = Completion(key: otherObligationKey, at: 0)
        #expect(try await store.recordCompletion(completion))
        #expect(try await store.completions() == [completion])
    }

    @Test(arguments: StoreKind.available) func theLatestExtensionIsInForceAndAllStayInHistory(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        let first = Extension(key: obligationKey, to: CivilDate(iso: "2026-12-31")!, reason: "Chờ số liệu", by: "A", at: 1_796_000_000)
        let later = Extension(key: obligationKey, to: CivilDate(iso: "2027-01-15")!, reason: "Gia hạn lần 2", by: nil, at: 1_797_000_000)
        let other = Extension(key: otherObligationKey, to: CivilDate(iso: "2026-03-02")!, reason: "Sáp nhập tỉnh", at: 1_790_000_000)
        try await store.recordExtension(first)
        try await store.recordExtension(later)
        try await store.recordExtension(other)

        let progress = try await store.progress()
        #expect(progress.extensions == [obligationKey: later.to, otherObligationKey: other.to])
        #expect(try await store.extensions() == [other, first, later])
    }

    @Test(arguments: StoreKind.available) func theExtensionGrantedLastWinsEvenIfRecordedFirst(_ kind: StoreKind) async throws {
        let (store, place) = try await freshStore(kind)
        defer { place.keep() }
        try await store.recordExtension(Extension(key: obligationKey, to: CivilDate(iso: "2027-01-15")!, reason: "b", at: 200))
        try await store.recordExtension(Extension(key: obligationKey, to: CivilDate(iso: "2026-12-31")!, reason: "a", at: 100))
        #expect(try await store.progress().extensions[obligationKey] == CivilDate(iso: "2027-01-15"))
    }

    @Test(arguments: StoreKind.available) func progressSurvivesReopening(_ kind: StoreKind) async throws {
        let place = try await StorePlace.fresh(kind)
        defer { place.keep() }
        do {
            let store = try await place.open()
            _ = try await store.recordCompletion(Completion(key: obligationKey, at: 1_796_100_000))
            try await store.recordExtension(Extension(key: otherObligationKey, to: CivilDate(iso: "2026-03-02")!, reason: "r", at: 1))
            try await store.close()
        }
        let reopened = try await place.open(create: false)
        let progress = try await reopened.progress()
        #expect(progress.completions[obligationKey] == LocalDateTime(epochSeconds: 1_796_100_000))
        #expect(progress.extensions[otherObligationKey] == CivilDate(iso: "2026-03-02"))
    }

    /// The daemon's pass hands back what it read last: what another writer recorded since, and
    /// the extension in force now, are in the next read, as in a read of everything.
    @Test(arguments: StoreKind.available) func progressAfterASnapshotHasWhatWasRecordedSince(_ kind: StoreKind) async throws {
        let place = try await StorePlace.fresh(kind)
        defer { place.keep() }
        let daemon = try await place.open()
        let cli = try await place.open(create: false, active: false)
        _ = try await cli.recordCompletion(Completion(key: obligationKey, at: 1_796_100_000))
        let first = try await daemon.progress(after: nil)
        #expect(first.progress.completions.keys.sorted() == [obligationKey])
        _ = try await cli.recordCompletion(Completion(key: otherObligationKey, at: 1_796_200_000))
        try await cli.recordExtension(Extension(key: obligationKey, to: CivilDate(iso: "2027-01-15")!, reason: "r", at: 1_796_300_000))
        let next = try await daemon.progress(after: first)
        let whole = try await daemon.progress()
        #expect(next.progress.completions == whole.completions)
        #expect(next.progress.completions[otherObligationKey] == LocalDateTime(epochSeconds: 1_796_200_000))
        #expect(next.progress.extensions == whole.extensions)
        #expect(next.progress.extensions[obligationKey] == CivilDate(iso: "2027-01-15"))
        let unchanged = try await daemon.progress(after: next)
        #expect(unchanged.progress.completions == whole.completions)
        try await cli.close()
        try await daemon.close()
    }

    /// Rows that do not follow the last one read (a file restored or edited by hand under the
    /// daemon): the count gives it away and everything is read again.
    @Test func progressAfterASnapshotOfAStoreEditedByHandIsReadWhole() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let store = try SQLiteStateStore.open(path: path)
        for (n, key) in ["a#s@u/2026", "b#s@u/2026", "c#s@u/2026"].enumerated() {
            _ = try await store.recordCompletion(Completion(key: key, at: Int64(n)))
        }
        let snapshot = try await store.progress(after: nil)
        let editor = try DatabaseQueue(path: path)
        try await editor.write { try $0.execute(sql: "DELETE FROM completion WHERE key = 'a#s@u/2026'; INSERT INTO completion (key, at) VALUES ('d#s@u/2026', 9)") }
        try editor.close()
        let next = try await store.progress(after: snapshot)
        #expect(next.progress.completions.keys.sorted() == ["b#s@u/2026", "c#s@u/2026", "d#s@u/2026"])
        try await store.close()
    }

    /// A hand-edited store (SQLite lets any column hold any type) is an error, never a crash.
    @Test func valuesOfTheWrongTypeAreReportedAsCorrupt() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("state.sqlite")
        let store = try SQLiteStateStore.open(path: path)
        _ = try await store.recordCompletion(Completion(key: obligationKey, at: 1))
        try await store.recordExtension(Extension(key: otherObligationKey, to: CivilDate(iso: "2026-03-02")!, reason: "r", at: 1))
        let editor = try DatabaseQueue(path: path)
        try await editor.write { try $0.execute(sql: "UPDATE completion SET at = 'hôm qua'") }
        #expect(await storeError { _ = try await store.progress() }?.code == .corrupt)
        #expect(await storeError { _ = try await store.completions() }?.code == .corrupt)

        try await editor.write { try $0.execute(sql: "UPDATE completion SET at = 1; UPDATE extension SET to_date = '2026-02-30'") }
        let error = await storeError { _ = try await store.progress() }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("2026-02-30") == true)
        try editor.close()
    }
}
