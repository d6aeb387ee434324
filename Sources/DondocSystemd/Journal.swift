import CSystemd

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The systemd journal's native protocol, through libsystemd (`sd_journal_sendv(3)`).
///
/// `sd_journal_send` is C-variadic and cannot be called from Swift, so every entry is an array of
/// `iovec`s, one `FIELD=value` each. Values may span several lines: libsystemd then switches to the
/// protocol's length-prefixed form, and journald keeps the value whole.
public enum Journal {
    /// Writes one entry. Returns 0 when libsystemd handed the datagram over, a negative errno
    /// otherwise; `-EINVAL` without sending anything if `fields` is empty or holds a name journald
    /// would silently drop (see ``isValidFieldName(_:)``).
    ///
    /// 0 does not prove delivery: with no journald listening libsystemd also returns 0.
    @discardableResult
    public static func send(_ fields: [(String, String)]) -> Int32 {
        guard !fields.isEmpty, fields.allSatisfy({ isValidFieldName($0.0) }) else { return -EINVAL }
        // One buffer holding every "FIELD=value", and an iovec per field pointing into it.
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(fields.count)
        for (name, value) in fields {
            let start = bytes.count
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: value.utf8)
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeMutableBytes { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -EINVAL }
            var vectors = ranges.map { iovec(iov_base: base + $0.lowerBound, iov_len: $0.count) }
            return vectors.withUnsafeMutableBufferPointer { iov in
                sd_journal_sendv(iov.baseAddress, Int32(iov.count))
            }
        }
    }

    /// Whether standard error is connected to the journal: systemd sets `JOURNAL_STREAM=DEV:INODE`
    /// for a service whose output goes there, and it counts only if it matches stderr's own device
    /// and inode (a child whose stderr was redirected inherits the variable but not the stream).
    public static var isConnected: Bool {
        guard let raw = getenv("JOURNAL_STREAM") else { return false }
        return streamMatchesStderr(String(cString: raw))
    }

    /// Whether `journalStream` (the `JOURNAL_STREAM` format, `DEV:INODE` in decimal) names the file
    /// standard error is open on.
    static func streamMatchesStderr(_ journalStream: String) -> Bool {
        let parts = journalStream.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }

    /// journald keeps a field only if its name is 1–64 characters of `A–Z`, `0–9` and `_`, not
    /// starting with a digit, and not starting with `_` (reserved for fields journald adds itself).
    public static func isValidFieldName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count), let first = bytes.first else { return false }
        if first == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) { return false }
        return bytes.allSatisfy(isFieldNameByte)
    }

    /// A valid field name made from an arbitrary key: upper-cased, every other character turned
    /// (per Unicode scalar) into `_`, leading `_` and digits dropped, cut at 64 characters. `nil` if nothing is left.
    public static func fieldName(for key: String) -> String? {
        var bytes = key.uppercased().unicodeScalars.map { scalar -> UInt8 in
            scalar.isASCII && isFieldNameByte(UInt8(scalar.value)) ? UInt8(scalar.value) : UInt8(ascii: "_")
        }
        while let first = bytes.first,
            first == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        {
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { return nil }
        return String(decoding: bytes.prefix(64), as: UTF8.self)
    }

    private static func isFieldNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_")
    }
}
