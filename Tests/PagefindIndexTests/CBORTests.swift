import XCTest
@testable import PagefindIndex

final class CBORTests: XCTestCase {
    /// Heads in their shortest form, as minicbor writes them (RFC 8949 appendix A values).
    func testIntegersTakeTheirShortestHead() {
        let cases: [(Int, [UInt8])] = [(0, [0x00]), (23, [0x17]), (24, [0x18, 0x18]), (255, [0x18, 0xff]), (256, [0x19, 0x01, 0x00]),
                                       (65_536, [0x1a, 0x00, 0x01, 0x00, 0x00]), (-1, [0x20]), (-24, [0x37]), (-25, [0x38, 0x18]), (-500, [0x39, 0x01, 0xf3])]
        for (value, expected) in cases {
            var writer = CBOR.Writer()
            writer.int(value)
            XCTAssertEqual(writer.bytes, expected, "\(value)")
            var reader = CBOR.Reader(writer.bytes)
            XCTAssertEqual(try reader.int(), value)
            XCTAssertTrue(reader.atEnd)
        }
    }

    func testTextAndArraysRoundTrip() throws {
        var writer = CBOR.Writer()
        writer.array(2)
        writer.text("ёлка")
        writer.ints([-26, 3, 0, 70_000])
        XCTAssertEqual(Array(writer.bytes.prefix(2)), [0x82, 0x68])  // array(2), text of 8 UTF-8 bytes
        var reader = CBOR.Reader(writer.bytes)
        XCTAssertEqual(try reader.array(), 2)
        XCTAssertEqual(try reader.text(), "ёлка")
        XCTAssertEqual(try reader.ints(), [-26, 3, 0, 70_000])
    }

    /// Every cut of a valid value, and a wrong type, is an error naming the byte, never a crash.
    func testDamagedDataIsAnErrorNotACrash() {
        var writer = CBOR.Writer()
        writer.array(3)
        writer.text("word")
        writer.ints([1, 2, 300])
        writer.array(0)
        for length in 0..<writer.bytes.count {
            var reader = CBOR.Reader(Array(writer.bytes.prefix(length)))
            var skipping = reader
            XCTAssertThrowsError(try { () throws(IndexFileError) in
                try reader.fields(3, "word"); _ = try reader.text(); _ = try reader.ints(); _ = try reader.array()
            }(), "cut at \(length)")
            XCTAssertThrowsError(try { () throws(IndexFileError) in
                try skipping.fields(3, "word"); _ = try skipping.text(); _ = try skipping.skipInts(); _ = try skipping.array()
            }(), "cut at \(length), skipping")
        }
        var wrongType = CBOR.Reader([0x64] + Array("word".utf8))
        XCTAssertThrowsError(try wrongType.int()) { error in
            guard case IndexFileError.damaged(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("byte 0"), message)
        }
        // An array claiming more elements than bytes left is refused before anything is allocated.
        var huge = CBOR.Reader([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
        XCTAssertThrowsError(try huge.array())
    }

    /// Skipping lands where decoding lands, and reports the count.
    func testSkippingIntegersEndsWhereReadingThemEnds() throws {
        var writer = CBOR.Writer()
        writer.ints([0, 23, 24, 255, 256, 65_535, 65_536, -1, -25, -257, Int32.max, Int32.min + 1])
        writer.text("after")
        var reading = CBOR.Reader(writer.bytes), skipping = CBOR.Reader(writer.bytes)
        XCTAssertEqual(try reading.ints().count, try skipping.skipInts())
        XCTAssertEqual(reading.offset, skipping.offset)
        XCTAssertEqual(try skipping.text(), "after")
        var text = CBOR.Reader([0x81, 0x61, 0x41])  // [ "A" ]: not an integer
        XCTAssertThrowsError(try text.skipInts())
    }
}
