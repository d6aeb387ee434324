/// The addresses staff reach (DESIGN §6.1–6.2): `BASE/o/TOKEN` for an obligation's page,
/// `BASE/r/TOKEN` for the monitor's answer to an extension request, `BASE/ics/UNIT.ics?sig=S`
/// for a unit's calendar. Built on `http.base-url`; a link lasts `link-days` from when it is made.
public struct LinkBuilder: Sendable {
    public let baseURL: String
    public let signer: LinkSigner
    public let linkDays: Int

    public init(baseURL: String, signer: LinkSigner, linkDays: Int) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.signer = signer
        self.linkDays = linkDays
    }

    public func claim(_ purpose: LinkClaim.Purpose, key: String, address: String, madeAt: Int64) -> LinkClaim {
        LinkClaim(purpose: purpose, key: key, address: address, expires: madeAt + Int64(linkDays) * 86_400)
    }

    public func url(_ purpose: LinkClaim.Purpose, key: String, address: String, madeAt: Int64) -> String {
        "\(baseURL)/\(purpose.rawValue)/\(signer.token(for: claim(purpose, key: key, address: address, madeAt: madeAt)))"
    }

    public func feedURL(unit: String) -> String {
        "\(baseURL)/ics/\(LinkBuilder.pathSegment(unit)).ics?sig=\(signer.feedSignature(unit: unit))"
    }

    /// `text` percent-encoded for one path segment: unreserved characters only (RFC 3986).
    public static func pathSegment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
