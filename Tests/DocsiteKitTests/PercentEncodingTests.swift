import Foundation
import XCTest
@testable import DocsiteKit

/// docsite percent-encodes on bytes; the result must be what Foundation's
/// `addingPercentEncoding` gives for the same character sets.
final class PercentEncodingTests: XCTestCase {
    static var pathAllowed: CharacterSet {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?")
        return allowed
    }

    static let samples: [String] = {
        var samples = ["", "plain/path-1.2_x~", "a b", "100%", "q?x=1#frag", "быстрый-старт", "Ünïcödé/ß", "emoji 🚀/x",
                       "tab\tnewline\n", "\u{0}", "e\u{301}", "%2F already", "日本語/ページ", "a+b=c&d;e:f@g!h$i'j(k)l*m,n"]
        // Every ASCII character on its own and in a path.
        for byte in 0..<128 { samples.append("x\(Character(Unicode.Scalar(UInt8(byte))))y/") }
        // Random mixtures of ASCII, Cyrillic and astral characters.
        // Seeded, so a failure names a sample that comes back on every run.
        var generator = SplitMix64(seed: 0x5EED_D0C5)
        let pool = Array("az09-._~/ #?%&+:;=@!$'()*,\"<>[]\\^`{|}ёЖщ€😀\u{301}")
        for _ in 0..<500 {
            samples.append(String((0..<Int.random(in: 1...24, using: &generator)).map { _ in pool.randomElement(using: &generator)! }))
        }
        return samples
    }()

    func testPathEncodingMatchesFoundation() {
        for sample in Self.samples {
            XCTAssertEqual(LinkResolver.encodePath(sample), sample.addingPercentEncoding(withAllowedCharacters: Self.pathAllowed), sample.debugDescription)
        }
    }

    func testFragmentEncodingMatchesFoundation() {
        for sample in Self.samples {
            XCTAssertEqual(LinkResolver.encodeFragment(sample), sample.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed), sample.debugDescription)
        }
    }
}
