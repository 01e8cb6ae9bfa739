/// GitHub-style heading anchors: lower case, punctuation dropped, spaces to
/// hyphens, letters of every script kept (`Быстрый старт` -> `быстрый-старт`).
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII {
                // Most headings are ASCII: no Unicode property lookups.
                switch scalar {
                case " ", "-": out.unicodeScalars.append("-")
                case "_", "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
                default: break
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || scalar.properties.generalCategory == .nonspacingMark {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Hands out unique ids within one page: the second `Usage` heading becomes
/// `usage-1`, as on GitHub.
public struct SlugRegistry: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    public mutating func claim(_ base: String) -> String {
        let root = base.isEmpty ? "section" : base
        guard let count = used[root] else {
            used[root] = 0
            return root
        }
        var next = count + 1
        while used["\(root)-\(next)"] != nil { next += 1 }
        used[root] = next
        used["\(root)-\(next)"] = 0
        return "\(root)-\(next)"
    }

    /// Reserves an explicit id so generated slugs do not collide with it.
    public mutating func reserve(_ id: String) {
        if used[id] == nil { used[id] = 0 }
    }
}

/// One heading of a page with the anchor it gets in the HTML.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
    public var line: Int

    public init(level: Int, text: String, id: String, line: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
    }
}

extension MarkdownDocument {
    /// Every heading in document order, with unique anchors. Explicit
    /// `{#id}` anchors win; generated slugs step around them.
    /// `reserved`: ids the page layout uses itself; generated anchors step
    /// around them (`## Content` becomes `#content-1`).
    public func headings(reserved: [String] = []) -> [Heading] {
        var collector = HeadingCollector()
        walk(&collector)
        var registry = SlugRegistry()
        for id in reserved { registry.reserve(id) }
        for heading in collector.found { if let id = heading.explicit { registry.reserve(id) } }
        return collector.found.map { heading in
            let id = heading.explicit ?? registry.claim(Slug.make(heading.text))
            return Heading(level: heading.level, text: heading.text, id: id, line: heading.line)
        }
    }
}

private struct HeadingCollector: MarkdownVisitor {
    var found: [(level: Int, text: String, explicit: String?, line: Int)] = []

    mutating func enter(_ block: Block) -> Descent {
        switch block {
        case .heading(let level, let content, let explicit, let position):
            found.append((level, content.plainText, explicit, position.line))
            return .skipChildren
        case .blockQuote, .list, .admonition:
            return .children
        case .paragraph, .codeBlock, .thematicBreak, .html, .table:
            return .skipChildren  // inlines only: no heading inside
        }
    }
}
