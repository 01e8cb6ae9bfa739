import Foundation
import XCTest
@testable import DocsiteKit

/// The content hash decides whether a page is parsed again: any edit must change it.
final class FastHashTests: XCTestCase {
    func testEverySingleByteEditAndEveryLengthChangesTheHash() {
        var generator = SplitMix64(seed: 21)
        let original = (0..<67).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let hash = FastHash.hex(original)
        XCTAssertEqual(FastHash.hex(original), hash, "the same bytes, the same hash")
        var seen: Set<String> = [hash]
        for index in original.indices {
            for delta: UInt8 in [1, 0x80] {
                var edited = original
                edited[index] &+= delta
                XCTAssertNotEqual(FastHash.hex(edited), hash, "byte \(index) changed by \(delta)")
                seen.insert(FastHash.hex(edited))
            }
        }
        XCTAssertEqual(seen.count, 1 + original.count * 2, "no two single-byte edits collide")
        // Trailing zero bytes and every prefix count: the length is part of the hash.
        let prefixes = Set((0...original.count).map { FastHash.hex(original[..<$0].map { $0 }) })
        XCTAssertEqual(prefixes.count, original.count + 1)
        XCTAssertNotEqual(FastHash.hex([UInt8](repeating: 0, count: 8)), FastHash.hex([UInt8](repeating: 0, count: 16)))
        XCTAssertNotEqual(FastHash.hex([UInt8]()), FastHash.hex([UInt8(0)]))
    }
}
