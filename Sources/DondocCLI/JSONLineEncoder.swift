/// Encodes a flat `Encodable` value (strings, integers, booleans, nulls, lists of strings) as
/// one `JSONLine`, keys in the order the value encodes them: the same bytes as `JSONLine` built
/// by hand, at its speed (`agenda --format json` writes a line per obligation).
struct JSONLineEncoder {
    struct Unsupported: Error, CustomStringConvertible {
        let path: [any CodingKey]
        var description: String { "JSON lines hold flat objects: cannot encode \(path.map(\.stringValue).joined(separator: "."))" }
    }

    func encode(_ value: some Encodable) throws -> JSONLine {
        let encoder = LineEncoder()
        try value.encode(to: encoder)
        return encoder.line
    }
}

/// The top-level encoder: a keyed container appending to one line.
private final class LineEncoder: Encoder {
    var line = JSONLine()
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(LineContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyed(codingPath: codingPath) }

    func singleValueContainer() -> any SingleValueEncodingContainer { FieldValue(codingPath: codingPath) }
}

/// One value of a field, captured by encoding it (`Optional`, raw-value enums, `[String]`).
private final class FieldValue: Encoder, SingleValueEncodingContainer, UnkeyedEncodingContainer {
    enum Value { case null, string(String), int(Int), bool(Bool), strings([String]) }
    var value: Value?
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var count: Int { if case .strings(let list)? = value { list.count } else { 0 } }

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(FailingKeyed<Key>(codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        value = .strings([])
        return self
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { value = .null }
    func encode(_ value: Bool) throws { self.value = .bool(value) }
    func encode(_ value: String) throws {
        if case .strings(var list)? = self.value {
            list.append(value)
            self.value = .strings(list)
        } else {
            self.value = .string(value)
        }
    }
    func encode(_ value: Int) throws { self.value = .int(value) }
    func encode<T: Encodable>(_ value: T) throws {
        if let text = value as? String { return try encode(text) }
        if let number = value as? Int { return try encode(number) }
        if let flag = value as? Bool { return try encode(flag) }
        if case .strings? = self.value { throw JSONLineEncoder.Unsupported(path: codingPath) }
        try value.encode(to: self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyed<NestedKey>(codingPath: codingPath))
    }
    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { FailingUnkeyed(codingPath: codingPath) }
    func superEncoder() -> any Encoder { self }
}

private struct LineContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: LineEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { encoder.line.add(.init(key.stringValue), nil as String?) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.line.add(.init(key.stringValue), value) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.line.add(.init(key.stringValue), value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoder.line.add(.init(key.stringValue), value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let field = FieldValue(codingPath: codingPath + [key])
        try field.encode(value)
        switch field.value {
        case .null?: encoder.line.add(.init(key.stringValue), nil as String?)
        case .string(let text)?: encoder.line.add(.init(key.stringValue), text)
        case .int(let number)?: encoder.line.add(.init(key.stringValue), number)
        case .bool(let flag)?: encoder.line.add(.init(key.stringValue), flag)
        case .strings(let list)?: encoder.line.add(.init(key.stringValue), list)
        case nil: throw JSONLineEncoder.Unsupported(path: codingPath + [key])
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyed<NestedKey>(codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        FailingUnkeyed(codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

/// What a flat line cannot hold: nested objects and lists of anything but strings. Encoding
/// into them throws.
private struct FailingKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let codingPath: [any CodingKey]
    mutating func encodeNil(forKey key: Key) throws { throw JSONLineEncoder.Unsupported(path: codingPath + [key]) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        throw JSONLineEncoder.Unsupported(path: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyed<NestedKey>(codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        FailingUnkeyed(codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { FieldValue(codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { FieldValue(codingPath: codingPath + [key]) }
}

private struct FailingUnkeyed: UnkeyedEncodingContainer {
    let codingPath: [any CodingKey]
    var count: Int { 0 }
    mutating func encodeNil() throws { throw JSONLineEncoder.Unsupported(path: codingPath) }
    mutating func encode<T: Encodable>(_ value: T) throws { throw JSONLineEncoder.Unsupported(path: codingPath) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FailingKeyed<NestedKey>(codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { FieldValue(codingPath: codingPath) }
}
