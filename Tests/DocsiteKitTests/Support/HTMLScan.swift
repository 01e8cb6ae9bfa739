import Foundation

/// A small HTML tag scanner for tests: finds start tags and their
/// attributes, so assertions are about structure rather than exact text.
struct HTMLElement: Equatable {
    var name: String
    var attributes: [String: String]
}

enum HTMLScan {
    static func elements(in html: String) -> [HTMLElement] {
        var result: [HTMLElement] = []
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            guard let close = html[open...].firstIndex(of: ">") else { break }
            let inner = html[html.index(after: open)..<close]
            index = html.index(after: close)
            guard let first = inner.first, first.isLetter else { continue }
            let nameEnd = inner.firstIndex(where: { $0 == " " || $0 == "\n" || $0 == "/" }) ?? inner.endIndex
            let name = inner[..<nameEnd].lowercased()
            result.append(HTMLElement(name: name, attributes: attributes(String(inner[nameEnd...]))))
        }
        return result
    }

    static func attributes(_ text: String) -> [String: String] {
        var attributes: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?"#)
        let ns = text as NSString
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: match.range(at: 1)).lowercased()
            let value = match.range(at: 2).location == NSNotFound ? "" : ns.substring(with: match.range(at: 2))
            attributes[name] = unescape(value)
        }
        return attributes
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Text between `<tag ...>` and the next `</tag>` for each occurrence.
    static func texts(of tag: String, in html: String) -> [String] {
        var found: [String] = []
        let name = tag.split(separator: " ").first.map(String.init) ?? tag
        var rest = html[...]
        while let start = rest.range(of: "<\(tag)") {
            guard let openEnd = rest[start.upperBound...].firstIndex(of: ">"),
                  let end = rest[openEnd...].range(of: "</\(name)>") else { break }
            found.append(String(rest[rest.index(after: openEnd)..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }
}
