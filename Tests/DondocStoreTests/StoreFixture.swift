import DondocCore
import Foundation
@testable import DondocStore

/// A fresh directory under the system's temporary directory, removed when the fixture goes.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("dondoc-store-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// The names in the directory, sorted.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// Bytes of a file, for "left untouched" checks.
func contents(of path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// Runs `body` and returns the `StoreError` it throws (nil, recorded as an issue, if it throws
/// something else or nothing).
func storeError(_ body: () async throws -> Void) async -> StoreError? {
    do {
        try await body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        return nil
    }
}

/// A message with the given keys, to `address`.
func message(
    _ id: String, to address: String = "vanphong@haiphong.gov.vn", keys: [String],
    scheduledAt: Int64 = 1_796_000_000, claimedAt: Int64 = 1_796_000_005, body: String = "Kính gửi\r\n"
) -> OutgoingMessage {
    OutgoingMessage(
        messageID: id, address: address, notificationKeys: keys, scheduledAt: scheduledAt,
        claimedAt: claimedAt, bytes: Array("Message-ID: <\(id)>\r\n\r\n\(body)".utf8))
}

let obligationKey = "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026"
let otherObligationKey = "02-ĐA/TU#quan-triet@ubnd-hung-yen"
