import DondocCore

/// Directive numbers are unique across files (after normalising white space), and
/// `implements:` names a loaded directive.
enum DirectiveNumberChecks {
    static func run(_ context: ValidationContext) {
        var first: [String: Located<String>] = [:]
        for directive in context.directives {
            guard let number = directive.number, let normalized = directive.normalizedNumber else { continue }
            if let earlier = first[normalized] {
                let same = earlier.value == number.value ? "" : " ('\(earlier.value)')"
                context.bag.error(.duplicateNumber, number.location, "directive number '\(number.value)' is already used by \(earlier.location)\(same)")
            } else {
                first[normalized] = number
            }
        }
        var numbers: [String]?  // for suggestions, made at the first unknown
        for directive in context.directives {
            guard let implements = directive.implements else { continue }
            let normalized = Directive.normalize(number: implements.value)
            if normalized == directive.normalizedNumber {
                context.bag.error(.implementsItself, implements.location, "a directive cannot implement itself")
            } else if first[normalized] == nil {
                if numbers == nil { numbers = context.directives.compactMap(\.normalizedNumber) }
                context.bag.warning(.implementsUnknown, implements.location,
                                    "implements '\(implements.value)', which is not among the loaded directives\(Suggestion.clause(for: normalized, in: numbers!))")
            }
        }
    }
}
