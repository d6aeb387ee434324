import DondocLinks
import DondocStore

/// The installation's secret for signed links, kept in the state store (DESIGN §6.1): made on
/// first use by whichever process needs it first (the daemon composing a digest, `dondoc web`
/// starting), shared by every node on the same store, replaced by `dondoc web rotate-secret`.
public enum LinkSecret {
    public static let metadataKey = "link-secret"

    public struct Damaged: Error, CustomStringConvertible {
        public var description: String {
            "the link secret in the state store is not what dondoc writes; replace it with `dondoc web rotate-secret`"
        }
    }

    /// The signer over the stored secret, storing a new random one when there is none.
    public static func signer(_ store: any StateStore) async throws -> LinkSigner {
        let stored = try await store.metadata(metadataKey, orInsert: hex(LinkSigner.makeSecret()))
        guard let secret = bytes(hex: stored), secret.count == LinkSigner.secretLength else { throw Damaged() }
        return LinkSigner(secret: secret)
    }

    /// Replaces the secret (every link sent so far stops working), with its audit entry.
    public static func rotate(_ store: any StateStore, now: Int64, via: String) async throws {
        try await store.setMetadata(metadataKey, hex(LinkSigner.makeSecret()))
        try await store.audit(AuditEvent(at: now, actor: via, action: "rotate-link-secret"))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(hex text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count.isMultiple(of: 2) else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        for index in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }
}
