/// The small languages of `reminders:` and of an escalation's offset (DESIGN §3):
/// `3 working days before`, `1 working day before`, `2 days before`, `on due`;
/// `1 working day after due`, `5 days after due`.
public enum OffsetParser {
    /// The largest count of days either language accepts.
    public static let maxCount = 366

    public static func reminder(_ text: String) -> Result<ReminderRule, ExpressionError> {
        var words = TokenStream(text)
        do throws(ExpressionError) {
            if words.accept("on") {
                try words.expect("due", "'due' after 'on'")
                try words.expectEnd()
                return .success(ReminderRule(.workingDays(0)))
            }
            let offset = try count(&words, direction: "before", example: "'3 working days before' or 'on due'")
            try words.expectEnd()
            return .success(ReminderRule(offset))
        } catch {
            return .failure(error)
        }
    }

    /// The offset of an escalation, the text before its `:`.
    public static func escalation(_ text: String) -> Result<ReminderRule.Offset, ExpressionError> {
        var words = TokenStream(text)
        do throws(ExpressionError) {
            let offset = try count(&words, direction: "after", example: "'1 working day after due'")
            try words.expect("due", "'due' after 'after'")
            try words.expectEnd()
            return .success(offset)
        } catch {
            return .failure(error)
        }
    }

    /// `N [working] day(s) before|after`.
    private static func count(_ words: inout TokenStream, direction: String, example: String) throws(ExpressionError) -> ReminderRule.Offset {
        guard let first = words.peek else {
            throw ExpressionError(offset: 0, message: "expected \(example), found nothing")
        }
        guard first.text.allSatisfy(\.isASCIIDigit), let n = Int(first.text) else {
            throw words.error(direction == "before" ? "a number of days or 'on due'" : "a number of days")
        }
        guard n <= maxCount else {
            throw ExpressionError(offset: first.offset, message: "\(n) days is more than a year: at most \(maxCount)")
        }
        _ = words.next()
        let working = words.accept("working")
        guard words.accept("day", "days") else {
            throw words.error(working ? "'days' after 'working'" : "'days' or 'working days'")
        }
        if let word = words.peek, word.lower != direction, ["before", "after"].contains(word.lower) {
            let which = direction == "before" ? "reminders come before the due date" : "escalations come after the due date"
            throw ExpressionError(offset: word.offset, message: "expected '\(direction)', found '\(word.text)': \(which)")
        }
        try words.expect(direction, "'\(direction)'")
        // `0 days before` is `on due`: one rule, one notification key.
        return working || n == 0 ? .workingDays(n) : .days(n)
    }
}
