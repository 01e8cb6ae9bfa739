/// The part of CBOR (RFC 8949) Pagefind's index files use: unsigned and
/// negative integers, text strings and definite-length arrays, each head
/// in its shortest form (as Rust's minicbor writes them).
enum CBOR {
    static let unsigned: UInt8 = 0, negative: UInt8 = 1, text: UInt8 = 3, array: UInt8 = 4

    struct Writer {
        var bytes: [UInt8] = []

        init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

        mutating func head(_ major: UInt8, _ value: UInt64) {
            let type = major << 5
            switch value {
            case ..<24: bytes.append(type | UInt8(value))
            case ..<0x100: bytes.append(type | 24); bytes.append(UInt8(value))
            case ..<0x10000: bytes.append(type | 25); append(value, width: 2)
            case ..<0x1_0000_0000: bytes.append(type | 26); append(value, width: 4)
            default: bytes.append(type | 27); append(value, width: 8)
            }
        }

        private mutating func append(_ value: UInt64, width: Int) {
            for shift in stride(from: (width - 1) * 8, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }

        mutating func array(_ count: Int) { head(CBOR.array, UInt64(count)) }
        mutating func int(_ value: Int) {
            if value >= 0 { head(CBOR.unsigned, UInt64(value)) } else { head(CBOR.negative, UInt64(-1 - value)) }
        }
        mutating func text(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                head(CBOR.text, UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }
        mutating func ints(_ values: [Int32]) {
            array(values.count)
            for value in values { int(Int(value)) }
        }
    }

    /// Reads one value after another; every read checks the type it expects
    /// and the bytes left, so a damaged file is an error, never a crash.
    struct Reader {
        let bytes: [UInt8]
        private(set) var offset = 0

        init(_ bytes: [UInt8], offset: Int = 0) {
            self.bytes = bytes
            self.offset = offset
        }

        var atEnd: Bool { offset >= bytes.count }

        private mutating func head() throws(IndexFileError) -> (major: UInt8, value: UInt64) {
            guard offset < bytes.count else { throw .damaged("ends early at byte \(offset)") }
            let first = bytes[offset]
            offset += 1
            let major = first >> 5, info = first & 0x1f
            let width: Int
            switch info {
            case ..<24: return (major, UInt64(info))
            case 24: width = 1
            case 25: width = 2
            case 26: width = 4
            case 27: width = 8
            default: throw .damaged("indefinite or reserved length at byte \(offset - 1)")
            }
            guard offset + width <= bytes.count else { throw .damaged("ends early at byte \(offset)") }
            var value: UInt64 = 0
            for index in offset..<(offset + width) { value = value << 8 | UInt64(bytes[index]) }
            offset += width
            return (major, value)
        }

        private mutating func expect(_ major: UInt8, _ what: String) throws(IndexFileError) -> UInt64 {
            let start = offset
            let (found, value) = try head()
            guard found == major else { throw .damaged("expected \(what) at byte \(start), found major type \(found)") }
            return value
        }

        mutating func array() throws(IndexFileError) -> Int {
            let count = try expect(CBOR.array, "an array")
            // Each element takes at least a byte: a larger count is damage, not a huge allocation.
            guard count <= UInt64(bytes.count - offset) else { throw .damaged("array of \(count) past the end at byte \(offset)") }
            return Int(count)
        }

        /// An array of exactly `count` fields (Pagefind's structs).
        mutating func fields(_ count: Int, _ what: String) throws(IndexFileError) {
            let start = offset
            let found = try array()
            guard found == count else { throw .damaged("\(what) at byte \(start) has \(found) fields, not \(count)") }
        }

        mutating func int() throws(IndexFileError) -> Int {
            let start = offset
            let (major, value) = try head()
            guard value <= UInt64(Int32.max) else { throw .damaged("integer out of range at byte \(start)") }
            switch major {
            case CBOR.unsigned: return Int(value)
            case CBOR.negative: return -1 - Int(value)
            default: throw .damaged("expected an integer at byte \(start), found major type \(major)")
            }
        }

        mutating func text() throws(IndexFileError) -> String {
            let length = Int(try expect(CBOR.text, "a text string"))
            guard length <= bytes.count - offset else { throw .damaged("text of \(length) bytes past the end at byte \(offset)") }
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }

        /// Steps over an array of integers without decoding them (the
        /// merge copies positions as bytes): each head's length only.
        mutating func skipInts() throws(IndexFileError) -> Int {
            let count = try array()
            let end = try bytes.withUnsafeBufferPointer { (buffer) throws(IndexFileError) -> Int in
                var at = offset
                for _ in 0..<count {
                    guard at < buffer.count else { throw .damaged("ends early at byte \(at)") }
                    let first = buffer[at]
                    guard first >> 5 <= CBOR.negative else { throw .damaged("expected an integer at byte \(at), found major type \(first >> 5)") }
                    switch first & 0x1f {
                    case ..<24: at += 1
                    case 24: at += 2
                    case 25: at += 3
                    case 26: at += 5
                    default: throw .damaged("integer out of range at byte \(at)")
                    }
                }
                guard at <= buffer.count else { throw .damaged("ends early at byte \(buffer.count)") }
                return at
            }
            offset = end
            return count
        }

        mutating func ints() throws(IndexFileError) -> [Int32] {
            let count = try array()
            var values: [Int32] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(Int32(try int())) }
            return values
        }
    }
}
