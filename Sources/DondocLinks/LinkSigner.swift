import Crypto
import Foundation

/// What a signed link in an email says (DESIGN §6.2): which obligation, for which recipient
/// address, what it lets them do, and until when.
public struct LinkClaim: Equatable, Sendable {
    public enum Purpose: String, Sendable, CaseIterable {
        /// `BASE/o/TOKEN`: a lead unit's page for one obligation (done, extension request).
        case obligation = "o"
        /// `BASE/r/TOKEN`: the monitor's page to approve or refuse an extension request.
        case review = "r"
    }

    public var purpose: Purpose
    /// The obligation key (DESIGN §1.3).
    public var key: String
    /// The address the link was mailed to, lower-cased.
    public var address: String
    /// The first instant (epoch seconds) at which the link no longer works.
    public var expires: Int64

    public init(purpose: Purpose, key: String, address: String, expires: Int64) {
        self.purpose = purpose
        self.key = key
        self.address = address.lowercased()
        self.expires = expires
    }

    public func isExpired(at now: Int64) -> Bool { now >= expires }
}

/// Why a token was refused. Neither says which part was wrong: a guesser learns nothing.
public enum LinkError: Error, Equatable, Sendable {
    /// Not of the token's shape, or its parts are not what a signer writes.
    case malformed
    /// The signature does not match: altered, or signed with another secret (rotated).
    case badSignature
}

/// Signs and verifies the tokens in links (HMAC-SHA-256 over the claim). A token is
/// `base64url(claim) "." base64url(mac)`; the claim is four lines: purpose, expiry, address, key.
/// The secret is the installation's, kept in the state store so that several nodes share it.
public struct LinkSigner: Sendable {
    private let secret: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// How many random bytes a new secret has.
    public static let secretLength = 32

    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// A new random secret.
    public static func makeSecret() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    public func token(for claim: LinkClaim) -> String {
        let payload = Array("\(claim.purpose.rawValue)\n\(claim.expires)\n\(claim.address)\n\(claim.key)".utf8)
        return Base64URL.encode(payload) + "." + Base64URL.encode(authenticationCode(payload))
    }

    /// The claim a token carries, once its signature is checked. Expiry is the caller's to
    /// check, on its own clock (a drill's simulated one, say).
    public func verify(_ token: some StringProtocol) throws(LinkError) -> LinkClaim {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(parts[0]), let mac = Base64URL.decode(parts[1]) else {
            throw .malformed
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key) else {
            throw .badSignature
        }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, let purpose = LinkClaim.Purpose(rawValue: String(fields[0])),
              let expires = Int64(fields[1]), !fields[2].isEmpty, !fields[3].isEmpty
        else { throw .malformed }
        return LinkClaim(purpose: purpose, key: String(fields[3]), address: String(fields[2]), expires: expires)
    }

    /// The signature of a calendar feed's unit id (`/ics/UNIT.ics?sig=S`, DESIGN §6.6): it does
    /// not expire, so a calendar can stay subscribed.
    public func feedSignature(unit: String) -> String { signature("ics", unit) }

    public func isValidFeedSignature(_ signature: some StringProtocol, unit: String) -> Bool {
        isValidSignature(signature, "ics", unit)
    }

    /// A form's anti-forgery field for a page reached through `linkToken`: only a page the
    /// server rendered carries it.
    public func formToken(for linkToken: String) -> String { signature("form", linkToken) }

    public func isValidFormToken(_ token: some StringProtocol, for linkToken: String) -> Bool {
        isValidSignature(token, "form", linkToken)
    }

    /// base64url(HMAC(purpose NL text)): each purpose signs its own domain of texts.
    func signature(_ purpose: String, _ text: String) -> String {
        Base64URL.encode(authenticationCode(Array("\(purpose)\n\(text)".utf8)))
    }

    func isValidSignature(_ signature: some StringProtocol, _ purpose: String, _ text: String) -> Bool {
        guard let mac = Base64URL.decode(signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Array("\(purpose)\n\(text)".utf8), using: key)
    }

    /// HMAC-SHA-256 of `bytes` under the secret.
    func authenticationCode(_ bytes: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: key))
    }
}

/// RFC 4648 §5 base64url without padding: what a URL path segment carries unescaped. Mapped
/// byte by byte from and to standard base64: every link's page decodes one.
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        var encoded = Array(Data(bytes).base64EncodedData())
        while encoded.last == UInt8(ascii: "=") { encoded.removeLast() }
        for index in encoded.indices {
            if encoded[index] == UInt8(ascii: "+") { encoded[index] = UInt8(ascii: "-") }
            else if encoded[index] == UInt8(ascii: "/") { encoded[index] = UInt8(ascii: "_") }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var base64: [UInt8] = []
        base64.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                base64.append(byte)
            case UInt8(ascii: "-"): base64.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): base64.append(UInt8(ascii: "/"))
            default: return nil
            }
        }
        guard !base64.isEmpty else { return nil }
        while base64.count % 4 != 0 { base64.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(base64)).map { Array($0) }
    }
}
