import DondocCore

/// Directive numbers are unique across files (after normalising white space), and
/// `implements:` names a loaded directive.
enum DirectiveNumberChecks {
    static func run(_ context: ValidationContext) {
        var first: [String: Located<String>] = [:]
        first.reserveCapacity(context.directives.count)
        // By index, and only the number: a copy of each draft costs as much as the check.
        for index in context.directives.indices {
            guard let number = context.directives[index].number else { continue }
            let normalized = Directive.normalize(number: number.value)
            if let earlier = first[normalized] {
                let same = earlier.value == number.value ? "" : " ('\(earlier.value)')"
                context.bag.error(.duplicateNumber, number.location, "directive number '\(number.value)' is already used by \(earlier.location)\(same)")
            } else {
                first[normalized] = number
            }
        }
        var numbers: [String]?  // for suggestions, made at the first unknown
        for index in context.directives.indices {
            guard let implements = context.directives[index].implements else { continue }
            let normalized = Directive.normalize(number: implements.value)
            if normalized == context.directives[index].normalizedNumber {
                context.bag.error(.implementsItself, implements.location, "a directive cannot implement itself")
            } else if first[normalized] == nil {
                if numbers == nil { numbers = context.directives.compactMap(\.normalizedNumber) }
                context.bag.warning(.implementsUnknown, implements.location,
                                    "implements '\(implements.value)', which is not among the loaded directives\(Suggestion.clause(for: normalized, in: numbers!))")
            }
        }
    }
}
