import Testing
@testable import DondocLinks

@Suite("Signed links (DESIGN §6.2)")
struct LinkSignerTests {
    let signer = LinkSigner(secret: Array("a secret of thirty-two bytes....".utf8))
    let claim = LinkClaim(purpose: .obligation, key: "33/CT-TTg#bao-cao-nam@ubnd-hai-phong/2026",
                          address: "VanPhong@HaiPhong.gov.vn", expires: 1_800_000_000)

    @Test("a token carries its claim, with the address lower-cased, and nothing a URL must escape")
    func roundTrip() throws {
        let token = signer.token(for: claim)
        #expect(try signer.verify(token) == claim)
        #expect(try signer.verify(token).address == "vanphong@haiphong.gov.vn")
        #expect(token.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
        }, "\(token)")
    }

    @Test("HMAC-SHA-256 as RFC 4231 gives it (test case 2)")
    func rfc4231() {
        let signer = LinkSigner(secret: Array("Jefe".utf8))
        let mac = signer.authenticationCode(Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("every single-character change of a token is refused", arguments: [0, 5, 17, 40, 80])
    func tampered(position: Int) throws {
        let token = Array(signer.token(for: claim))
        let index = min(position, token.count - 1)
        var altered = token
        altered[index] = altered[index] == "A" ? "B" : "A"
        #expect(throws: LinkError.self) { try signer.verify(String(altered)) }
    }

    @Test("a claim re-signed for another address or key does not verify with the original signature")
    func swappedPayload() throws {
        let mine = signer.token(for: claim).split(separator: ".")
        var other = claim
        other.address = "someone@else.vn"
        let theirs = signer.token(for: other).split(separator: ".")
        #expect(throws: LinkError.badSignature) { try signer.verify("\(theirs[0]).\(mine[1])") }
    }

    @Test("another secret (after rotation) refuses old tokens")
    func rotated() {
        let token = signer.token(for: claim)
        let rotated = LinkSigner(secret: LinkSigner.makeSecret())
        #expect(throws: LinkError.badSignature) { try rotated.verify(token) }
    }

    @Test("shapes that are not tokens are malformed, never a crash",
          arguments: ["", ".", "abc", "abc.", ".abc", "a.b.c", "!!!.???", "YQ.YQ", String(repeating: "A", count: 5000)])
    func malformed(text: String) {
        #expect(throws: LinkError.self) { try signer.verify(text) }
    }

    @Test("expiry is the caller's clock's: expired at and after the instant")
    func expiry() {
        #expect(!claim.isExpired(at: claim.expires - 1))
        #expect(claim.isExpired(at: claim.expires))
    }

    @Test("a feed signature names its unit")
    func feed() {
        let signature = signer.feedSignature(unit: "ubnd-hai-phong")
        #expect(signer.isValidFeedSignature(signature, unit: "ubnd-hai-phong"))
        #expect(!signer.isValidFeedSignature(signature, unit: "ubnd-hung-yen"))
        #expect(!signer.isValidFeedSignature("nonsense", unit: "ubnd-hai-phong"))
    }
}
