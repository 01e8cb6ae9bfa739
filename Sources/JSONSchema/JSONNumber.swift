// Exact JSON numbers. JSON Schema compares numbers mathematically; binary floating point
// gets `multipleOf: 0.01`, 1e308 vs `multipleOf: 0.5` and 64-bit+ integers wrong, and
// Foundation.Decimal has only 38 digits. So a number is kept as
//     (-1)^isNegative × significand × 10^exponent
// with `significand` a decimal digit string without leading or trailing zeros ("" for zero).
// Normalising trailing zeros into the exponent makes equal values structurally equal
// (1, 1.0 and 10e-1 are the same JSONNumber), so Equatable/Hashable are the synthesised ones.

/// An exact decimal number as written in JSON.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// True for values below zero (zero is never negative).
    public let isNegative: Bool
    /// Decimal digits, no leading or trailing zeros; empty for zero.
    public let significand: String
    /// Power of ten applied to `significand`.
    public let exponent: Int

    /// Largest exponent magnitude accepted, to keep arithmetic bounded (1e-1000000000 is refused).
    static let exponentLimit = 100_000_000

    private init(isNegative: Bool, digits: Substring, exponent: Int) {
        // Strip leading zeros, then move trailing zeros into the exponent.
        var d = digits.drop(while: { $0 == "0" })
        var e = exponent
        while let last = d.last, last == "0" {
            d = d.dropLast()
            e += 1
        }
        if d.isEmpty {
            self.isNegative = false
            self.significand = ""
            self.exponent = 0
        } else {
            self.isNegative = isNegative
            self.significand = String(d)
            self.exponent = e
        }
    }

    public init(_ value: Int) {
        let negative = value < 0
        let magnitude = value.magnitude
        self.init(isNegative: negative, digits: Substring(String(magnitude)), exponent: 0)
    }

    /// The exact decimal value of the shortest representation of `value` (so 0.1 is 0.1, not
    /// 0.1000000000000000055…); nil for infinities and NaN. For YAML/float front ends.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.init(value.description)  // Swift prints "1e-05", "5.0", "1e+20": all JSON number syntax
    }

    /// Parses JSON number syntax (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    /// Returns nil for anything else, including exponents beyond ±100,000,000.
    public init?(_ text: String) {
        let chars = Array(text.utf8)
        var i = 0
        var negative = false
        if i < chars.count, chars[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        let intStart = i
        while i < chars.count, isDigit(chars[i]) { i += 1 }
        let intDigits = i - intStart
        guard intDigits > 0 else { return nil }
        if intDigits > 1, chars[intStart] == UInt8(ascii: "0") { return nil }
        var digits = String(decoding: chars[intStart..<i], as: UTF8.self)
        var exp = 0
        if i < chars.count, chars[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < chars.count, isDigit(chars[i]) { i += 1 }
            guard i > fracStart else { return nil }
            digits += String(decoding: chars[fracStart..<i], as: UTF8.self)
            exp -= i - fracStart
        }
        if i < chars.count, chars[i] == UInt8(ascii: "e") || chars[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < chars.count, chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") {
                expNegative = chars[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            var value = 0
            while i < chars.count, isDigit(chars[i]) {
                value = value * 10 + Int(chars[i] - 48)
                if value > JSONNumber.exponentLimit { return nil }
                i += 1
            }
            guard i > expStart else { return nil }
            exp += expNegative ? -value : value
        }
        guard i == chars.count else { return nil }
        if abs(exp) > JSONNumber.exponentLimit * 2 { return nil }
        self.init(isNegative: negative, digits: Substring(digits), exponent: exp)
    }

    public var isZero: Bool { significand.isEmpty }

    /// True when the value is a whole number (1.0 and 1e3 are integers; JSON Schema says so).
    public var isInteger: Bool { exponent >= 0 }

    /// The value as Int when it is an integer that fits.
    public var intValue: Int? {
        guard isInteger else { return nil }
        if isZero { return 0 }
        guard significand.count + exponent <= 19 else { return nil }
        guard let s = Int(significand) else { return nil }
        var v = s
        for _ in 0..<exponent {
            let (m, o) = v.multipliedReportingOverflow(by: 10)
            if o { return nil }
            v = m
        }
        return isNegative ? -v : v
    }

    /// Nearest Double (for callers that want one; the validator never uses it to decide).
    public var doubleValue: Double {
        Double(description) ?? (isNegative ? -.infinity : .infinity)
    }

    /// Position of the most significant digit: value magnitude is in [10^(m-1), 10^m).
    private var magnitudeOrder: Int { significand.count + exponent }

    private static func compareMagnitude(_ a: JSONNumber, _ b: JSONNumber) -> Int {
        if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
        if a.magnitudeOrder != b.magnitudeOrder { return a.magnitudeOrder < b.magnitudeOrder ? -1 : 1 }
        // Same order: compare digit strings, the shorter padded with zeros on the right.
        var ia = a.significand.utf8.makeIterator()
        var ib = b.significand.utf8.makeIterator()
        while true {
            let ca = ia.next()
            let cb = ib.next()
            if ca == nil && cb == nil { return 0 }
            let da = ca ?? 48
            let db = cb ?? 48
            if da != db { return da < db ? -1 : 1 }
        }
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let c = compareMagnitude(lhs, rhs)
        return lhs.isNegative ? c > 0 : c < 0
    }

    /// True when `self / divisor` is an integer, computed exactly. `divisor` must be > 0.
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        if isZero { return true }
        if divisor.isZero { return false }
        // self = A·10^ea, divisor = B·10^eb with A, B free of trailing zeros. If ea < eb the
        // quotient is A / (B·10^k), k ≥ 1, which would need 10 | A: impossible, so not whole.
        if exponent < divisor.exponent { return false }
        // Otherwise test (A·10^k) mod B == 0 with k = ea - eb by long division.
        let k = exponent - divisor.exponent
        return DecimalDigits.isDivisible(significand, trailingZeros: k, by: divisor.significand)
    }

    /// Canonical text: plain notation for moderate exponents, scientific otherwise.
    public var description: String {
        if isZero { return "0" }
        let sign = isNegative ? "-" : ""
        if exponent >= 0 {
            if exponent <= 21 { return sign + significand + String(repeating: "0", count: exponent) }
        } else {
            let point = significand.count + exponent  // digits before the decimal point
            if point > 0 {
                let s = significand
                let idx = s.index(s.startIndex, offsetBy: point)
                return sign + s[..<idx] + "." + s[idx...]
            } else if point > -7 {
                return sign + "0." + String(repeating: "0", count: -point) + significand
            }
        }
        // Scientific: d.ddd e±x
        let first = significand.prefix(1)
        let rest = significand.dropFirst()
        let e = exponent + significand.count - 1
        return sign + first + (rest.isEmpty ? "" : "." + rest) + "e" + (e >= 0 ? "+" : "") + String(e)
    }
}

/// Divisibility of big decimal integers given as digit strings, without a big-integer library.
enum DecimalDigits {
    /// Is (digits of `a` followed by `trailingZeros` zeros) divisible by `b` (b non-zero)?
    static func isDivisible(_ a: String, trailingZeros: Int, by b: String) -> Bool {
        let bDigits = b.utf8.map { Int($0) - 48 }
        let aDigits = a.utf8.map { Int($0) - 48 }
        // Appending zeros multiplies the remainder by 10 each time; once r·10^j ≡ 0 (mod B)
        // needs j ≥ max(power of 2, power of 5 in B/gcd) ≤ log2(B) < 3.33·digits(B) + 1, so more
        // than 4·digits(B)+4 zeros never change the answer: the loop below is bounded.
        let zeros = min(trailingZeros, 4 * bDigits.count + 4)
        if bDigits.count <= 18, aDigits.count <= 18, let bv = UInt64(b), let av = UInt64(a) {
            var r = av % bv
            for _ in 0..<zeros {
                if r == 0 { return true }
                r = (r * 10) % bv
            }
            return r == 0
        }
        var r: [Int] = []  // remainder, most significant digit first, no leading zeros
        func step(_ d: Int) {
            // r = r*10 + d, then subtract B while r >= B (at most 9 times).
            if !(r.isEmpty && d == 0) { r.append(d) }
            while compare(r, bDigits) >= 0 { subtract(&r, bDigits) }
        }
        for d in aDigits { step(d) }
        for _ in 0..<zeros {
            if r.isEmpty { return true }
            step(0)
        }
        return r.isEmpty
    }

    private static func compare(_ x: [Int], _ y: [Int]) -> Int {
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (a, b) in zip(x, y) where a != b { return a < b ? -1 : 1 }
        return 0
    }

    private static func subtract(_ x: inout [Int], _ y: [Int]) {
        var borrow = 0
        var i = x.count - 1
        var j = y.count - 1
        while i >= 0 {
            var d = x[i] - borrow - (j >= 0 ? y[j] : 0)
            if d < 0 {
                d += 10
                borrow = 1
            } else {
                borrow = 0
            }
            x[i] = d
            i -= 1
            j -= 1
        }
        let firstNonZero = x.firstIndex(where: { $0 != 0 }) ?? x.count
        x.removeFirst(firstNonZero)
    }
}
