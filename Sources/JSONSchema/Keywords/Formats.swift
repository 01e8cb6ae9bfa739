// Format checkers (RFC 3339 dates and times, RFC 5321-ish email, RFC 1123 hostnames,
// IP addresses, URIs, JSON Pointers, ECMA regex, UUID, ISO 8601 durations). Each returns
// nil for a valid string or a short reason. All parsing is ASCII-only on purpose: a
// non-ASCII digit is not a digit in these grammars.

enum Formats {
    typealias Checker = @Sendable (String) -> String?

    static func checker(named name: String, draft: Draft, regexTimeLimit: Double) -> Checker? {
        switch name {
        case "date-time": return dateTime
        case "date": return { date(Array($0.utf8)) }
        case "time": return { time(Array($0.utf8)) }
        case "email": return email
        case "hostname": return hostname
        case "ipv4": return { ipv4($0) }
        case "ipv6": return ipv6
        case "uri": return { uri($0, requireScheme: true, allowNonASCII: false) }
        case "uri-reference": return { uri($0, requireScheme: false, allowNonASCII: false) }
        case "iri": return { uri($0, requireScheme: true, allowNonASCII: true) }
        case "iri-reference": return { uri($0, requireScheme: false, allowNonASCII: true) }
        case "uri-template": return uriTemplate
        case "json-pointer": return jsonPointer
        case "relative-json-pointer": return relativeJSONPointer
        case "regex": return { s in
            do { _ = try ECMARegex.translate(s); _ = try ECMARegex(s, timeLimit: regexTimeLimit); return nil }
            catch { return "not a valid regular expression (\(error))" }
        }
        case "uuid": return uuid
        case "duration": return duration
        default: return nil
        }
    }

    private static func digits(_ b: ArraySlice<UInt8>) -> Int? {
        guard !b.isEmpty, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return b.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    static func date(_ b: [UInt8]) -> String? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = digits(b[0..<4]), let m = digits(b[5..<7]), let d = digits(b[8..<10])
        else { return "expected YYYY-MM-DD" }
        guard (1...12).contains(m) else { return "month out of range" }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return "day out of range" }
        return nil
    }

    static func time(_ b: [UInt8]) -> String? {
        // HH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
        guard b.count >= 9, b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: ":"),
              let h = digits(b[0..<2]), let mi = digits(b[3..<5]), let s = digits(b[6..<8])
        else { return "expected HH:MM:SS with a time zone" }
        var i = 8
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start else { return "empty fraction of a second" }
        }
        guard i < b.count else { return "missing time zone offset" }
        var offsetMinutes = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { return "unexpected text after Z" }
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard b.count - i == 6, b[i + 3] == UInt8(ascii: ":"),
                  let oh = digits(b[(i + 1)..<(i + 3)]), let om = digits(b[(i + 4)..<(i + 6)]),
                  oh <= 23, om <= 59
            else { return "invalid time zone offset" }
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return "invalid time zone offset"
        }
        guard h <= 23, mi <= 59, s <= 60 else { return "hour, minute or second out of range" }
        if s == 60 {
            // A leap second exists only at 23:59:60 UTC.
            let utc = ((h * 60 + mi - offsetMinutes) % 1440 + 1440) % 1440
            guard utc == 23 * 60 + 59 else { return "leap second not at 23:59:60 UTC" }
        }
        return nil
    }

    static let dateTime: Checker = { s in
        let b = Array(s.utf8)
        guard b.count > 11, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") else {
            return "expected a date, 'T' and a time"
        }
        return date(Array(b[0..<10])) ?? time(Array(b[11...]))
    }

    static let email: Checker = { s in
        guard let at = s.lastIndex(of: "@") else { return "missing @" }
        let local = String(s[..<at])
        let domain = String(s[s.index(after: at)...])
        guard !local.isEmpty else { return "empty local part" }
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return "unterminated quoted local part" }
        } else {
            guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
                return "misplaced dot in local part"
            }
            let allowed = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
            guard local.utf8.allSatisfy({ ($0 < 128 && (isAlnum($0) || allowed.contains($0))) }) else {
                return "invalid character in local part"
            }
        }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]") else { return "unterminated address literal" }
            let inner = String(domain.dropFirst().dropLast())
            if inner.hasPrefix("IPv6:") { return ipv6(String(inner.dropFirst(5))).map { "bad IPv6 literal: \($0)" } }
            return ipv4(inner).map { "bad IPv4 literal: \($0)" }
        }
        return hostname(domain).map { "bad domain: \($0)" }
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
    }

    static let hostname: Checker = { s in
        let b = Array(s.utf8)
        guard !b.isEmpty else { return "empty" }
        guard b.count <= 253 else { return "longer than 253 characters" }
        for label in b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.count <= 63 else { return "label empty or longer than 63 characters" }
            guard label.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "-") }) else { return "invalid character" }
            guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                return "label starts or ends with '-'"
            }
            let l = Array(label)
            if l.count >= 4, l[2] == UInt8(ascii: "-"), l[3] == UInt8(ascii: "-"),
               !(l[0] | 0x20 == UInt8(ascii: "x") && l[1] | 0x20 == UInt8(ascii: "n")) {
                return "'--' in the third and fourth positions is reserved"
            }
        }
        return nil
    }

    static func ipv4(_ s: String) -> String? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return "expected four decimal numbers" }
        for p in parts {
            let b = Array(p.utf8)
            guard let v = digits(b[...]), b.count <= 3 else { return "expected four decimal numbers" }
            guard v <= 255 else { return "number greater than 255" }
            guard b.count == 1 || b[0] != UInt8(ascii: "0") else { return "leading zero" }
        }
        return nil
    }

    static let ipv6: Checker = { s in
        guard !s.isEmpty, s.utf8.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
            return "invalid character"
        }
        var text = s
        var groupsForIPv4 = 0
        if let lastColon = s.lastIndex(of: ":"), s[lastColon...].contains(".") {
            let v4 = String(s[s.index(after: lastColon)...])
            if let why = ipv4(v4) { return "embedded IPv4: \(why)" }
            text = String(s[...lastColon]) + "0"
            groupsForIPv4 = 1  // the IPv4 part counts as two groups, "0" stands for one
        }
        let doubleColons = text.components(separatedBy: "::").count - 1
        guard doubleColons <= 1 else { return "more than one '::'" }
        func groups(_ t: Substring) -> [Substring]? {
            if t.isEmpty { return [] }
            let g = t.split(separator: ":", omittingEmptySubsequences: false)
            return g.allSatisfy({ !$0.isEmpty && $0.count <= 4 }) ? g : nil
        }
        if doubleColons == 1 {
            let halves = text.components(separatedBy: "::")
            guard let a = groups(Substring(halves[0])), let b = groups(Substring(halves[1])) else { return "bad group" }
            guard a.count + b.count + groupsForIPv4 <= 7 else { return "too many groups" }
        } else {
            guard let g = groups(Substring(text)), g.count + groupsForIPv4 == 8 else { return "expected eight groups" }
        }
        return nil
    }

    static func uri(_ s: String, requireScheme: Bool, allowNonASCII: Bool) -> String? {
        let u = URIReference(s)
        if requireScheme, u.scheme == nil { return "missing scheme" }
        if let colon = s.firstIndex(of: ":"), u.scheme == nil, !s[..<colon].contains("/"),
           !s[..<colon].contains("?"), !s[..<colon].contains("#") {
            return "invalid scheme"
        }
        let allowed = Set("-._~:/?#[]@!$&'()*+,;=%".utf8)
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < b.count, isHex(b[i + 1]), isHex(b[i + 2]) else { return "bad percent-encoding" }
                i += 3
                continue
            }
            if c >= 128 {
                if !allowNonASCII { return "non-ASCII character" }
            } else if !(isAlnum(c) || allowed.contains(c)) {
                return "character not allowed in a URI"
            }
            i += 1
        }
        // Square brackets belong only around an IP literal host.
        let outsideAuthority = u.path + (u.query ?? "") + (u.fragment ?? "")
        if outsideAuthority.contains("[") || outsideAuthority.contains("]") { return "square brackets outside the host" }
        if let authority = u.authority {
            if authority.filter({ $0 == "@" }).count > 1 { return "more than one '@' in the authority" }
            var hostPort = Substring(authority)
            if let at = hostPort.lastIndex(of: "@") {
                if hostPort[..<at].contains("[") || hostPort[..<at].contains("]") { return "bad userinfo" }
                hostPort = hostPort[hostPort.index(after: at)...]
            }
            var port: Substring = ""
            if hostPort.hasPrefix("[") {
                guard let close = hostPort.firstIndex(of: "]") else { return "unterminated IP literal" }
                let literal = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
                if literal.hasPrefix("v") || literal.hasPrefix("V") {
                    // IPvFuture: "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
                    let parts = literal.dropFirst().split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                    guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.allSatisfy(isHex), !parts[1].isEmpty
                    else { return "bad IPvFuture literal" }
                } else if let why = ipv6(literal) {
                    return "bad IPv6 literal: \(why)"
                }
                let rest = hostPort[hostPort.index(after: close)...]
                if !rest.isEmpty {
                    guard rest.hasPrefix(":") else { return "unexpected text after IP literal" }
                    port = rest.dropFirst()
                }
            } else if let colon = hostPort.firstIndex(of: ":") {
                port = hostPort[hostPort.index(after: colon)...]
            }
            guard port.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return "port is not a number" }
        }
        if u.fragment?.contains("#") == true { return "more than one '#'" }
        return nil
    }

    /// RFC 6570: literals, and expressions `{[op]varspec,...}` with varspec
    /// `name[:maxlength|*]`, names of ALPHA/DIGIT/_/pct-encoded joined by single dots.
    static let uriTemplate: Checker = { s in
        let b = Array(s.utf8)
        var i = 0
        let forbiddenLiteral = Set(" \"%<>\\^`{|}".utf8)
        func pct(_ i: Int) -> Bool { i + 2 < b.count && b[i] == UInt8(ascii: "%") && isHex(b[i + 1]) && isHex(b[i + 2]) }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "{") {
                i += 1
                if i < b.count, "+#./;?&=,!@|".utf8.contains(b[i]) { i += 1 }
                while true {
                    // varname
                    var sawChar = false
                    var lastWasDot = true
                    while i < b.count {
                        if isAlnum(b[i]) || b[i] == UInt8(ascii: "_") { i += 1; sawChar = true; lastWasDot = false }
                        else if pct(i) { i += 3; sawChar = true; lastWasDot = false }
                        else if b[i] == UInt8(ascii: "."), !lastWasDot { i += 1; lastWasDot = true }
                        else { break }
                    }
                    guard sawChar, !lastWasDot else { return "empty or malformed variable name" }
                    if i < b.count, b[i] == UInt8(ascii: ":") {
                        i += 1
                        let start = i
                        while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                        guard i > start, i - start <= 4, b[start] != UInt8(ascii: "0") else { return "bad prefix length" }
                    } else if i < b.count, b[i] == UInt8(ascii: "*") {
                        i += 1
                    }
                    guard i < b.count else { return "unterminated expression" }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard b[i] == UInt8(ascii: "}") else { return "unexpected character in expression" }
                    i += 1
                    break
                }
            } else if c == UInt8(ascii: "%") {
                guard pct(i) else { return "bad percent-encoding" }
                i += 3
            } else if c < 0x21 || c == 0x7F || forbiddenLiteral.contains(c) {
                return "character not allowed in a literal"
            } else {
                i += 1
            }
        }
        return nil
    }

    static let jsonPointer: Checker = { s in
        if s.isEmpty { return nil }
        guard s.hasPrefix("/") else { return "must start with '/'" }
        let b = Array(s.utf8)
        for (i, c) in b.enumerated() where c == UInt8(ascii: "~") {
            guard i + 1 < b.count, b[i + 1] == UInt8(ascii: "0") || b[i + 1] == UInt8(ascii: "1") else {
                return "'~' must be followed by 0 or 1"
            }
        }
        return nil
    }

    static let relativeJSONPointer: Checker = { s in
        let b = Array(s.utf8)
        var i = 0
        while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
        guard i > 0 else { return "must start with a non-negative integer" }
        guard i == 1 || b[0] != UInt8(ascii: "0") else { return "leading zero" }
        if i == b.count { return nil }
        if b[i] == UInt8(ascii: "#") { return i + 1 == b.count ? nil : "text after '#'" }
        return jsonPointer(String(decoding: b[i...], as: UTF8.self))
    }

    static let uuid: Checker = { s in
        let b = Array(s.utf8)
        guard b.count == 36 else { return "expected 8-4-4-4-12 hex digits" }
        for (i, c) in b.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard c == UInt8(ascii: "-") else { return "expected 8-4-4-4-12 hex digits" }
            } else if !isHex(c) {
                return "expected 8-4-4-4-12 hex digits"
            }
        }
        return nil
    }

    static let duration: Checker = { s in
        // P[nY][nM][nW][nD][T[nH][nM][nS]] (RFC 3339 appendix A), weeks not mixed with others.
        let b = Array(s.utf8)
        guard b.first == UInt8(ascii: "P"), b.count > 1 else { return "must start with P and have a component" }
        var i = 1
        var inTime = false
        var units: [UInt8] = []
        var timeComponents = 0
        var lastDatePosition = -1
        var lastTimePosition = -1
        while i < b.count {
            if b[i] == UInt8(ascii: "T") {
                guard !inTime else { return "second 'T'" }
                inTime = true
                i += 1
                continue
            }
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start, i < b.count else { return "expected a number followed by a unit" }
            let unit = b[i]
            let order: [UInt8] = inTime ? Array("HMS".utf8) : Array("YMWD".utf8)
            guard let pos = order.firstIndex(of: unit) else { return "unknown unit" }
            let previous = inTime ? lastTimePosition : lastDatePosition
            guard pos > previous else { return "units out of order or repeated" }
            if inTime { lastTimePosition = pos } else { lastDatePosition = pos }
            units.append(unit)
            if inTime { timeComponents += 1 }
            i += 1
        }
        if inTime && timeComponents == 0 { return "'T' without time components" }
        if units.contains(UInt8(ascii: "W")) && units.count > 1 { return "weeks cannot be combined with other units" }
        return units.isEmpty ? "no components" : nil
    }
}
