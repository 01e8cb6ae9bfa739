// A strict RFC 8259 JSON parser producing JSONValue. Written by hand (instead of
// JSONSerialization) to keep exact numbers, object key order and line/column positions
// in errors. Works on UTF-8 bytes; nesting is limited so hostile input cannot overflow
// the stack.

/// A JSON syntax error with a 1-based line and column (column counts Unicode scalars).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int

    public var description: String { "JSON parse error at line \(line), column \(column): \(message)" }
}

public enum JSONParser {
    /// Maximum nesting of arrays and objects.
    public static let maxDepth = 512

    /// Parses one JSON text. Duplicate object keys: the last value wins.
    public static func parse(_ text: String) throws -> JSONValue {
        var p = Parser(bytes: Array(text.utf8))
        p.skipWhitespace()
        let value = try p.parseValue(depth: 0)
        p.skipWhitespace()
        if p.pos < p.bytes.count { throw p.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var pos = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// Line and column of `pos`, computed only when an error is reported.
        func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
            let end = min(offset ?? pos, bytes.count)
            var line = 1
            var lineStart = 0
            for i in 0..<end where bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            // Column in scalars: count bytes that are not UTF-8 continuation bytes.
            let column = bytes[lineStart..<end].reduce(1) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
            return JSONParseError(message: message, line: line, column: column)
        }

        mutating func skipWhitespace() {
            while pos < bytes.count {
                switch bytes[pos] {
                case 0x20, 0x09, 0x0A, 0x0D: pos += 1
                default: return
                }
            }
        }

        func describeCurrent() -> String {
            guard pos < bytes.count else { return "end of input" }
            let b = bytes[pos]
            if b >= 0x21 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
            return "byte 0x" + String(b, radix: 16, uppercase: true)
        }

        mutating func parseValue(depth: Int) throws -> JSONValue {
            guard pos < bytes.count else { throw error("expected a value but found end of input") }
            switch bytes[pos] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw error("expected a value but found \(describeCurrent())")
            }
        }

        mutating func literal(_ word: String) throws {
            let w = Array(word.utf8)
            guard pos + w.count <= bytes.count, Array(bytes[pos..<pos + w.count]) == w else {
                throw error("invalid literal, expected '\(word)'")
            }
            pos += w.count
        }

        mutating func parseNumber() throws -> JSONNumber {
            let start = pos
            while pos < bytes.count, isNumberByte(bytes[pos]) { pos += 1 }
            let text = String(decoding: bytes[start..<pos], as: UTF8.self)
            guard let n = JSONNumber(text) else {
                throw error("invalid number '\(text)'", at: start)
            }
            return n
        }

        func isNumberByte(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        }

        mutating func parseString() throws -> String {
            let start = pos
            pos += 1  // opening quote
            var scalars = String.UnicodeScalarView()
            var runStart = pos
            func flushRun(_ end: Int, into s: inout String.UnicodeScalarView) {
                if end > runStart {
                    s.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
                }
            }
            while true {
                guard pos < bytes.count else { throw error("unterminated string", at: start) }
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    flushRun(pos, into: &scalars)
                    pos += 1
                    return String(scalars)
                }
                if b < 0x20 { throw error("control character in string (must be escaped)") }
                if b == UInt8(ascii: "\\") {
                    flushRun(pos, into: &scalars)
                    pos += 1
                    guard pos < bytes.count else { throw error("unterminated string", at: start) }
                    let e = bytes[pos]
                    pos += 1
                    switch e {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        let u = try parseHex4()
                        if (0xD800..<0xDC00).contains(u) {
                            // High surrogate: combine with a following \uDC00-\uDFFF escape.
                            if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                                let save = pos
                                pos += 2
                                let low = try parseHex4()
                                if (0xDC00..<0xE000).contains(low) {
                                    let v = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                                    scalars.append(UnicodeScalar(v) ?? "\u{FFFD}")
                                } else {
                                    scalars.append("\u{FFFD}")  // lone surrogate: not representable in Swift
                                    pos = save
                                }
                            } else {
                                scalars.append("\u{FFFD}")
                            }
                        } else {
                            scalars.append(UnicodeScalar(u) ?? "\u{FFFD}")
                        }
                    default:
                        throw error("invalid escape sequence '\\\(Character(UnicodeScalar(e)))'", at: pos - 2)
                    }
                    runStart = pos
                    continue
                }
                pos += 1
            }
        }

        mutating func parseHex4() throws -> UInt32 {
            guard pos + 4 <= bytes.count else { throw error("incomplete \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[pos]
                let d: UInt32
                switch b {
                case 48...57: d = UInt32(b - 48)
                case 65...70: d = UInt32(b - 55)
                case 97...102: d = UInt32(b - 87)
                default: throw error("invalid hex digit in \\u escape")
                }
                v = v * 16 + d
                pos += 1
            }
            return v
        }

        mutating func parseArray(depth: Int) throws -> JSONValue {
            if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
            pos += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth))
                skipWhitespace()
                guard pos < bytes.count else { throw error("unterminated array: expected ',' or ']'") }
                if bytes[pos] == UInt8(ascii: ",") {
                    pos += 1
                } else if bytes[pos] == UInt8(ascii: "]") {
                    pos += 1
                    return .array(items)
                } else {
                    throw error("expected ',' or ']' in array but found \(describeCurrent())")
                }
            }
        }

        mutating func parseObject(depth: Int) throws -> JSONValue {
            if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
            pos += 1
            var object = JSONObject()
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                return .object(object)
            }
            while true {
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
                    throw error("expected a string key in object but found \(describeCurrent())")
                }
                let key = try parseString()
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                    throw error("expected ':' after object key but found \(describeCurrent())")
                }
                pos += 1
                skipWhitespace()
                object[key] = try parseValue(depth: depth)
                skipWhitespace()
                guard pos < bytes.count else { throw error("unterminated object: expected ',' or '}'") }
                if bytes[pos] == UInt8(ascii: ",") {
                    pos += 1
                } else if bytes[pos] == UInt8(ascii: "}") {
                    pos += 1
                    return .object(object)
                } else {
                    throw error("expected ',' or '}' in object but found \(describeCurrent())")
                }
            }
        }
    }
}
