import DondocSystemd
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension EnvironmentTests {
    /// `JOURNAL_STREAM` decides between the journal and plain stderr lines.
    @Suite struct JournalStreamTests {
        static func stderrIdentity() -> (device: UInt64, inode: UInt64) {
            var info = stat()
            precondition(fstat(STDERR_FILENO, &info) == 0)
            return (UInt64(info.st_dev), UInt64(info.st_ino))
        }

        @Test func matchingStreamMeansJournal() {
            let (device, inode) = Self.stderrIdentity()
            withEnvironment(["JOURNAL_STREAM": "\(device):\(inode)"]) {
                #expect(Journal.isConnected)
                #expect(LogSetup.handler(label: "dondoc.test") is JournalLogHandler)
            }
        }

        @Test func inheritedStreamOfAnotherFileIsNot() {
            // A child whose stderr was redirected still inherits JOURNAL_STREAM from its parent.
            let (device, inode) = Self.stderrIdentity()
            withEnvironment(["JOURNAL_STREAM": "\(device):\(inode &+ 1)"]) {
                #expect(!Journal.isConnected)
                #expect(LogSetup.handler(label: "dondoc.test") is StderrLogHandler)
            }
        }

        @Test(arguments: [nil, "", "garbage", "1:", ":2", "1:2:3"] as [String?])
        func absentOrMalformedStream(value: String?) {
            withEnvironment(["JOURNAL_STREAM": value]) {
                #expect(!Journal.isConnected)
                #expect(LogSetup.handler(label: "dondoc.test") is StderrLogHandler)
            }
        }

        @Test func handlerCarriesLevel() {
            withEnvironment(["JOURNAL_STREAM": nil]) {
                let handler = LogSetup.handler(label: "dondoc.test", logLevel: .debug)
                #expect(handler.logLevel == .debug)
            }
        }
    }
}
