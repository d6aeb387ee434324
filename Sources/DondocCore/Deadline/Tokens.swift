/// A problem in one expression (a `due:`, a reminder, an escalation offset): where it is, as
/// a character offset from the start of the expression, and what was expected there.
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "column \(offset + 1): \(message)" }
}

/// A word of an expression with its position, for parsers that point at what they reject.
struct Token {
    let text: Substring
    let lower: String
    let offset: Int
}

/// A cursor over the words of an expression.
struct TokenStream {
    let tokens: [Token]
    let length: Int
    var index = 0

    init(_ text: String) {
        var tokens: [Token] = []
        var start: String.Index?
        var startOffset = 0
        var offset = 0
        var i = text.startIndex
        // Commas and a final full stop separate words but carry no meaning.
        func isSeparator(_ c: Character) -> Bool { c.isWhitespace || c == "," }
        while i < text.endIndex {
            let c = text[i]
            if isSeparator(c) {
                if let s = start {
                    tokens.append(TokenStream.token(text[s..<i], offset: startOffset))
                    start = nil
                }
            } else if start == nil {
                start = i
                startOffset = offset
            }
            i = text.index(after: i)
            offset += 1
        }
        if let s = start { tokens.append(TokenStream.token(text[s..<text.endIndex], offset: startOffset)) }
        self.tokens = tokens
        self.length = offset
    }

    private static func token(_ raw: Substring, offset: Int) -> Token {
        var text = raw
        while let last = text.last, last == "." || last == ";" || last == ":", text.count > 1 { text = text.dropLast() }
        return Token(text: text, lower: text.lowercased(), offset: offset)
    }

    var atEnd: Bool { index >= tokens.count }
    var peek: Token? { atEnd ? nil : tokens[index] }
    func peek(_ ahead: Int) -> Token? { index + ahead < tokens.count ? tokens[index + ahead] : nil }
    var offsetHere: Int { peek?.offset ?? length }

    mutating func next() -> Token? {
        guard let token = peek else { return nil }
        index += 1
        return token
    }

    /// Consumes the word if it is one of `words` (case-insensitive); says whether it did.
    mutating func accept(_ words: String...) -> Bool {
        guard let token = peek, words.contains(token.lower) else { return false }
        index += 1
        return true
    }

    /// Consumes a run of words if they come next, in order.
    mutating func accept(sequence words: [String]) -> Bool {
        for (i, word) in words.enumerated() where peek(i)?.lower != word { return false }
        index += words.count
        return true
    }

    func error(_ expected: String) -> ExpressionError {
        if let token = peek {
            return ExpressionError(offset: token.offset, message: "expected \(expected), found '\(token.text)'")
        }
        return ExpressionError(offset: length, message: "expected \(expected) at the end")
    }

    mutating func expect(_ word: String, _ expected: String? = nil) throws(ExpressionError) {
        guard accept(word) else { throw error(expected ?? "'\(word)'") }
    }

    func expectEnd() throws(ExpressionError) {
        if let token = peek {
            throw ExpressionError(offset: token.offset, message: "unexpected '\(token.text)' after a complete expression")
        }
    }

    /// A whole number within `range`.
    mutating func number(_ what: String, in range: ClosedRange<Int>) throws(ExpressionError) -> Int {
        guard let token = peek, token.text.allSatisfy(\.isASCIIDigit), let n = Int(token.text) else {
            throw error(what)
        }
        guard range.contains(n) else {
            throw ExpressionError(offset: token.offset, message: "\(what) must be from \(range.lowerBound) to \(range.upperBound), found \(token.text)")
        }
        index += 1
        return n
    }
}

/// Where a word is in an expression, for diagnostics that point into it.
public enum ExpressionWords {
    /// The character offset of the last `word` in `text` (a trailing `.`, `;`, `:` or `,` aside).
    public static func lastOffset(of word: String, in text: String) -> Int? {
        TokenStream(text).tokens.last { $0.text == word }?.offset
    }
}
