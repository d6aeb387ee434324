import Foundation

/// An independent decoder for the tests: unfolds a header field and decodes RFC 2047 `B` and
/// `Q` encoded-words the way §6.2 says (white space between adjacent encoded-words dropped).
enum RFC2047Decoder {
    struct Word {
        let charset: String
        let bytes: [UInt8]
    }

    /// The value of `Name: value` after unfolding and decoding; `nil` if an encoded-word is
    /// malformed or does not hold valid UTF-8 on its own.
    static func decodeField(_ field: String) -> String? {
        let unfolded = field.replacingOccurrences(of: "\r\n", with: "")
        guard let colon = unfolded.firstIndex(of: ":") else { return nil }
        var value = String(unfolded[unfolded.index(after: colon)...])
        if value.hasPrefix(" ") { value.removeFirst() }
        return decode(value)
    }

    static func decode(_ value: String) -> String? {
        // Tokens split at single spaces (folding whitespace after unfolding).
        let tokens = value.split(separator: " ", omittingEmptySubsequences: false)
        var out = ""
        var previousWasEncoded = false
        for (i, token) in tokens.enumerated() {
            if let word = word(token) {
                guard word.charset.uppercased() == "UTF-8", let text = String(validating: word.bytes, as: UTF8.self) else { return nil }
                if i > 0, !previousWasEncoded { out += " " }
                out += text
                previousWasEncoded = true
            } else {
                if i > 0 { out += " " }
                out += token
                previousWasEncoded = false
            }
        }
        return out
    }

    /// The encoded-words of a field, as they appear.
    static func words(in field: String) -> [Substring] {
        field.replacingOccurrences(of: "\r\n", with: "").split(separator: " ").filter { word($0) != nil }
    }

    static func word(_ token: Substring) -> Word? {
        guard token.hasPrefix("=?"), token.hasSuffix("?="), token.count >= 8 else { return nil }
        let parts = token.dropFirst(2).dropLast(2).split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        switch parts[1].uppercased() {
        case "B":
            guard let data = Data(base64Encoded: String(parts[2])) else { return nil }
            return Word(charset: String(parts[0]), bytes: [UInt8](data))
        case "Q":
            var bytes: [UInt8] = []
            var it = Array(parts[2].utf8).makeIterator()
            while let c = it.next() {
                if c == UInt8(ascii: "_") {
                    bytes.append(0x20)
                } else if c == UInt8(ascii: "="), let h = it.next(), let l = it.next(), let v = UInt8(String(bytes: [h, l], encoding: .ascii)!, radix: 16) {
                    bytes.append(v)
                } else {
                    bytes.append(c)
                }
            }
            return Word(charset: String(parts[0]), bytes: bytes)
        default:
            return nil
        }
    }
}
