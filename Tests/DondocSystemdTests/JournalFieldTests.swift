import DondocSystemd
import Testing

@Suite struct JournalFieldTests {
    @Test(arguments: ["MESSAGE", "DONDOC_UNIT", "CODE_LINE", "A", "X9_", String(repeating: "A", count: 64)])
    func valid(name: String) {
        #expect(Journal.isValidFieldName(name))
    }

    @Test(arguments: ["", "_PID", "9LIVES", "message", "DONDOC-UNIT", "ĐƠN_VỊ", "A B", String(repeating: "A", count: 65)])
    func invalid(name: String) {
        #expect(!Journal.isValidFieldName(name))
    }

    @Test(arguments: [
        ("file", "FILE"), ("dondoc_unit", "DONDOC_UNIT"), ("DONDOC_UNIT", "DONDOC_UNIT"), ("request-id", "REQUEST_ID"),
        ("_private", "PRIVATE"), ("2fa", "FA"), ("đơn vị", "N_V_"),
    ] as [(String, String)])
    func fieldName(key: String, expected: String) {
        // "đơn vị" upper-cases to "ĐƠN VỊ": each non-ASCII letter becomes one "_", leading ones are dropped.
        #expect(Journal.fieldName(for: key) == expected)
    }

    @Test func fieldNameOfNothingUsable() {
        #expect(Journal.fieldName(for: "") == nil)
        #expect(Journal.fieldName(for: "__") == nil)
        #expect(Journal.fieldName(for: "123") == nil)
    }

    @Test func sendRefusesWhatJournaldWouldDrop() {
        #expect(Journal.send([]) < 0)
        #expect(Journal.send([("MESSAGE", "x"), ("bad name", "y")]) < 0)
    }
}
