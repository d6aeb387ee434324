import DondocStore
import Testing
@testable import DondocApp

/// `dondoc store copy`'s read-back check (the copy itself runs through the binary in
/// DondocCLITests' StoreCopyTests, against a real server).
struct StoreCopyCheckTests {
    let audit = StoreTable.all.first { $0.name == "audit" }!
    let message = StoreTable.all.first { $0.name == "message" }!

    @Test func theSameCountsPass() throws {
        var copied = StoreRowCounts()
        copied[audit] = 1_000_000
        try StoreCopy.check(copied: copied, found: copied, in: "postgresql://dondoc@db/dondoc")
    }

    @Test func aTableThatDiffersIsAnErrorNamingTheTargetAndEachTable() {
        var copied = StoreRowCounts()
        copied[audit] = 10
        copied[message] = 3
        var found = copied
        found[audit] = 11
        found[message] = 2
        #expect {
            try StoreCopy.check(copied: copied, found: found, in: "postgresql://dondoc@db/dondoc")
        } throws: { error in
            (error as? StoreError)?.description == "state store postgresql://dondoc@db/dondoc: conflict: read back after the copy, "
                + "it holds 2 messages where 3 were copied, 11 audit-events where 10 were copied: another process wrote to it; check it before use"
        }
    }
}
