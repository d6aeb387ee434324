import Testing
@testable import DondocCore

@Suite("Reminder and escalation offsets")
struct OffsetParserTests {
    @Test("reminders", arguments: [
        ("3 working days before", ReminderRule.Offset.workingDays(3)),
        ("1 working day before", .workingDays(1)),
        ("2 days before", .days(2)),
        ("1 day before", .days(1)),
        ("on due", .workingDays(0)),
        ("  On   Due ", .workingDays(0)),
        ("0 days before", .workingDays(0)),  // the same rule as `on due`
    ])
    func reminder(text: String, offset: ReminderRule.Offset) throws {
        #expect(try OffsetParser.reminder(text).get() == ReminderRule(offset))
    }

    @Test("escalation offsets", arguments: [
        ("1 working day after due", ReminderRule.Offset.workingDays(1)),
        ("10 working days after due", .workingDays(10)),
        ("5 days after due", .days(5)),
    ])
    func escalation(text: String, offset: ReminderRule.Offset) throws {
        #expect(try OffsetParser.escalation(text).get() == offset)
    }

    @Test("bad reminders say what was expected, where", arguments: [
        ("", 0, "expected '3 working days before' or 'on due', found nothing"),
        ("three days before", 0, "expected a number of days or 'on due', found 'three'"),
        ("3 working before", 10, "expected 'days' after 'working', found 'before'"),
        ("3 days after", 7, "expected 'before', found 'after': reminders come before the due date"),
        ("3 days", 6, "expected 'before' at the end"),
        ("on time", 3, "expected 'due' after 'on', found 'time'"),
        ("2 days before due", 14, "unexpected 'due' after a complete expression"),
        ("400 days before", 0, "400 days is more than a year: at most 366"),
    ])
    func badReminder(text: String, offset: Int, message: String) {
        #expect(OffsetParser.reminder(text) == .failure(ExpressionError(offset: offset, message: message)))
    }

    @Test("bad escalations say what was expected, where", arguments: [
        ("1 working day after", 19, "expected 'due' after 'after' at the end"),
        ("1 working day before due", 14, "expected 'after', found 'before': escalations come after the due date"),
        ("on due", 0, "expected a number of days, found 'on'"),
    ])
    func badEscalation(text: String, offset: Int, message: String) {
        #expect(OffsetParser.escalation(text) == .failure(ExpressionError(offset: offset, message: message)))
    }

    @Test("the word a diagnostic points at", arguments: [
        ("10 working days after planning.", "planning", 22),
        ("after a, before a", "a", 16),
        ("on due", "plan", nil as Int?),
    ])
    func wordOffset(text: String, word: String, offset: Int?) {
        #expect(ExpressionWords.lastOffset(of: word, in: text) == offset)
    }
}
