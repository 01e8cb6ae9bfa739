import Foundation

// JSON Schema patterns are ECMA-262 regular expressions (read in Unicode mode, as most
// validators do); NSRegularExpression speaks ICU. The two mostly agree; this file rewrites
// the constructs where they differ, and bounds each match in time so a catastrophic
// pattern such as `^(a+)+$` cannot hang validation.
//
// Translation (ECMA-262 -> ICU):
//   \d \D            -> [0-9] [^0-9]              (ICU's \d is any Unicode decimal digit)
//   \w \W            -> [a-zA-Z0-9_] and negation (ICU's \w is Unicode-aware)
//   \b \B            -> lookarounds on the ASCII \w class (ICU's \b is Unicode-aware)
//   \s \S            -> ECMA's exact WhiteSpace+LineTerminator set (ICU lacks \uFEFF, adds \x85)
//   .                -> [^\n\r\u2028\u2029]        (ICU's . also stops at \x85)
//   $                -> (?![\s\S])                 (ICU's $ also matches before a final \n)
//   \cX              -> \x{..}                     (control letter)
//   \u{HHHHH}        -> \x{HHHHH}
//   [] / [^]         -> (?!) / [\s\S]              (ICU rejects both)
//   inside classes: \b is backspace, and ICU's set syntax ([[a]], &&, --) is escaped away
//   a `{` or `}` that is not a quantifier is a literal in ECMA (Annex B) and is escaped.
//   \p{..} / \P{..}, lookaround, backreferences, named groups: passed through (ICU has them).
//   (?i), (?#...) and other non-ECMA group syntax: rejected (ICU would accept them).
// Known differences left: ICU limits lookbehind to bounded length (ES2018 allows any), so
// a variable-width lookbehind is reported as an invalid pattern; flags do not arise (JSON
// Schema patterns carry none). Helm itself uses Go's RE2, which rejects lookaround and
// backreferences altogether: such patterns work here but not under Helm.

/// A compiled ECMA-262 pattern with a per-match time limit.
final class ECMARegex: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented thread-safe for matching.
    let pattern: String
    let translated: String
    private let regex: NSRegularExpression
    let timeLimit: TimeInterval

    enum Outcome { case match, noMatch, timedOut }

    init(_ pattern: String, timeLimit: TimeInterval) throws {
        self.pattern = pattern
        self.timeLimit = timeLimit
        self.translated = try ECMARegex.translate(pattern)
        self.regex = try NSRegularExpression(pattern: translated, options: [])
    }

    /// Searches `string` for the pattern (unanchored, as ECMA `RegExp.test`).
    func test(_ string: String, limit: TimeInterval? = nil) -> Outcome {
        let timeLimit = limit ?? self.timeLimit
        let ns = string as NSString
        let start = Date()
        var outcome = Outcome.noMatch
        // `.reportProgress` makes ICU call back periodically during a long match, which is
        // the only way to interrupt NSRegularExpression; we stop once over the time limit.
        regex.enumerateMatches(in: string, options: [.reportProgress], range: NSRange(location: 0, length: ns.length)) {
            result, _, stop in
            if result != nil {
                outcome = .match
                stop.pointee = true
            } else if Date().timeIntervalSince(start) > timeLimit {
                outcome = .timedOut
                stop.pointee = true
            }
        }
        return outcome
    }

    struct TranslationError: Error, CustomStringConvertible {
        let description: String
    }

    private static let ecmaSpaceClass =
        "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"
    private static let wordClass = "a-zA-Z0-9_"

    /// Rewrites an ECMA-262 pattern into ICU syntax (see the table at the top of the file).
    static func translate(_ pattern: String) throws -> String {
        let s = Array(pattern.unicodeScalars)
        var out = ""
        var i = 0
        func isHex(_ c: Unicode.Scalar) -> Bool { c.properties.isASCIIHexDigit }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                guard i + 1 < s.count else { throw TranslationError(description: "pattern ends with a lone backslash") }
                let (text, used) = try translateEscape(s, i, inClass: false)
                out += text
                i += used
            case "[":
                let (text, used) = try translateClass(s, i)
                out += text
                i += used
            case "(":
                // ECMA groups: (, (?:, (?=, (?!, (?<=, (?<!, (?<name>. ICU would also accept
                // inline flags and comments ((?i), (?#...)), which ECMA-262 rejects.
                if i + 1 < s.count, s[i + 1] == "?" {
                    let next = i + 2 < s.count ? s[i + 2] : " "
                    let afterLT = i + 3 < s.count ? s[i + 3] : " "
                    guard next == ":" || next == "=" || next == "!" || (next == "<" && afterLT != " ") else {
                        throw TranslationError(description: "group syntax (?\(next)...) is not ECMA-262")
                    }
                }
                out += "("
                i += 1
            case ".":
                out += "[^\\n\\r\\x{2028}\\x{2029}]"
                i += 1
            case "$":
                out += "(?![\\s\\S])"
                i += 1
            case "{":
                // A quantifier only when it reads {n}, {n,} or {n,m}; otherwise a literal brace.
                if let end = quantifierEnd(s, i) {
                    out += String(String.UnicodeScalarView(s[i...end]))
                    i = end + 1
                } else {
                    out += "\\{"
                    i += 1
                }
            case "}":
                out += "\\}"
                i += 1
            case "]":
                out += "\\]"
                i += 1
            default:
                out.unicodeScalars.append(c)
                i += 1
            }
        }
        return out
    }

    private static func quantifierEnd(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var i = start + 1
        var sawDigit = false
        while i < s.count, s[i].properties.numericType == .decimal, s[i].isASCII { i += 1; sawDigit = true }
        guard sawDigit, i < s.count else { return nil }
        if s[i] == "}" { return i }
        guard s[i] == "," else { return nil }
        i += 1
        while i < s.count, s[i].isASCII, s[i].properties.numericType == .decimal { i += 1 }
        guard i < s.count, s[i] == "}" else { return nil }
        return i
    }

    /// Translates the escape at `s[i]` (a backslash). Returns the ICU text and the number of
    /// scalars consumed.
    private static func translateEscape(_ s: [Unicode.Scalar], _ i: Int, inClass: Bool) throws -> (String, Int) {
        let e = s[i + 1]
        switch e {
        case "d": return (inClass ? "0-9" : "[0-9]", 2)
        case "D": return (inClass ? "\\x{0}-/:-\\x{10FFFF}" : "[^0-9]", 2)
        case "w": return (inClass ? wordClass : "[\(wordClass)]", 2)
        case "W": return (inClass ? "\\x{0}-/:-@\\[-\\^\\`\\{-\\x{10FFFF}" : "[^\(wordClass)]", 2)
        case "s": return (inClass ? ecmaSpaceClass : "[\(ecmaSpaceClass)]", 2)
        case "S":
            if inClass { return ("[^\(ecmaSpaceClass)]", 2) }  // ICU allows a nested set here
            return ("[^\(ecmaSpaceClass)]", 2)
        case "b":
            if inClass { return ("\\x{08}", 2) }
            return ("(?:(?<=[\(wordClass)])(?![\(wordClass)])|(?<![\(wordClass)])(?=[\(wordClass)]))", 2)
        case "B":
            if inClass { throw TranslationError(description: "\\B is not allowed in a character class") }
            return ("(?:(?<=[\(wordClass)])(?=[\(wordClass)])|(?<![\(wordClass)])(?![\(wordClass)]))", 2)
        case "c":
            if i + 2 < s.count, s[i + 2].isASCII, s[i + 2].properties.isAlphabetic {
                let v = s[i + 2].value % 32
                return ("\\x{\(String(v, radix: 16))}", 3)
            }
            throw TranslationError(description: "\\c must be followed by a letter")
        case "u":
            if i + 2 < s.count, s[i + 2] == "{" {
                var j = i + 3
                var hex = ""
                while j < s.count, s[j] != "}" { hex.unicodeScalars.append(s[j]); j += 1 }
                guard j < s.count, !hex.isEmpty, let v = UInt32(hex, radix: 16), v <= 0x10FFFF else {
                    throw TranslationError(description: "invalid \\u{...} escape")
                }
                return ("\\x{\(hex)}", j - i + 1)
            }
            guard i + 6 <= s.count,
                  UInt32(String(String.UnicodeScalarView(s[(i + 2)..<(i + 6)])), radix: 16) != nil
            else { throw TranslationError(description: "invalid \\u escape") }
            return ("\\u" + String(String.UnicodeScalarView(s[(i + 2)..<(i + 6)])), 6)
        case "p", "P":
            // \p{Name}, \p{Name=Value}: ICU understands the same property names.
            guard i + 2 < s.count, s[i + 2] == "{", let close = s[(i + 2)...].firstIndex(of: "}") else {
                throw TranslationError(description: "\\\(e) must be followed by {property}")
            }
            return (String(String.UnicodeScalarView(s[i...close])), close - i + 1)
        case "k":
            if !inClass, i + 2 < s.count, s[i + 2] == "<", let close = s[(i + 2)...].firstIndex(of: ">") {
                return (String(String.UnicodeScalarView(s[i...close])), close - i + 1)
            }
            return ("k", 2)
        case "0":
            return ("\\x{0}", 2)
        case "1"..."9":
            if inClass { throw TranslationError(description: "backreference in a character class") }
            var j = i + 1
            while j < s.count, s[j].isASCII, s[j].properties.numericType == .decimal { j += 1 }
            return (String(String.UnicodeScalarView(s[i..<j])), j - i)
        case "t", "n", "v", "f", "r":
            let map: [Unicode.Scalar: String] = ["t": "\\t", "n": "\\n", "v": "\\x{0B}", "f": "\\f", "r": "\\r"]
            return (map[e] ?? "", 2)
        case "x":
            guard i + 3 < s.count, UInt32(String(String.UnicodeScalarView(s[(i + 2)...(i + 3)])), radix: 16) != nil else {
                throw TranslationError(description: "invalid \\x escape")
            }
            return ("\\x" + String(String.UnicodeScalarView(s[(i + 2)...(i + 3)])), 4)
        default:
            // Unicode-mode ECMA allows identity escapes only for syntax characters and "/";
            // escape them for ICU too. Letters/digits here are errors in Unicode mode.
            if e.isASCII, e.properties.isAlphabetic || e.properties.numericType != nil {
                throw TranslationError(description: "invalid escape \\\(e)")
            }
            return ("\\" + String(e), 2)
        }
    }

    /// Translates a character class starting at `s[i]` ("[").
    private static func translateClass(_ s: [Unicode.Scalar], _ start: Int) throws -> (String, Int) {
        var i = start + 1
        var negated = false
        if i < s.count, s[i] == "^" {
            negated = true
            i += 1
        }
        var body = ""
        // Whether the previous atom was a single character that may start a range ("a" in
        // "a-z"); class escapes such as \d cannot, and a dash after a complete range is literal.
        var previousStartsRange = false
        func atom() throws -> (String, Bool) {
            let c = s[i]
            if c == "\\" {
                guard i + 1 < s.count else { throw TranslationError(description: "unterminated character class") }
                let isClassEscape = "dDwWsSpP".unicodeScalars.contains(s[i + 1])
                let (text, used) = try translateEscape(s, i, inClass: true)
                i += used
                return (text, !isClassEscape)
            }
            i += 1
            if c.isASCII, !(c.properties.isAlphabetic || c.properties.numericType != nil), c != " " {
                // Escape punctuation so ICU's set syntax ([...], &&, --, {..}) never applies.
                return ("\\" + String(c), true)
            }
            return (String(c), true)
        }
        while i < s.count, s[i] != "]" {
            if s[i] == "-", previousStartsRange, i + 1 < s.count, s[i + 1] != "]" {
                i += 1
                let (text, single) = try atom()
                guard single else { throw TranslationError(description: "character class range ends in a class escape") }
                body += "-" + text
                previousStartsRange = false
            } else {
                let (text, single) = try atom()
                body += text
                previousStartsRange = single
            }
        }
        guard i < s.count else { throw TranslationError(description: "unterminated character class") }
        let used = i - start + 1
        if body.isEmpty { return (negated ? "[\\s\\S]" : "(?!)", used) }
        return ("[" + (negated ? "^" : "") + body + "]", used)
    }
}
