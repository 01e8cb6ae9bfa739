import Foundation

/// The diff of two versions of a Markdown body, section by section: each
/// heading starts a section, sections are paired by their heading, and
/// every hunk stays inside one section and names it after `@@` (as git
/// names the enclosing function), so a translator sees which section of
/// the translation to touch.
public enum SectionDiff {
    struct Section {
        /// The heading line as written (empty for the text before the first heading).
        var heading: String
        /// The heading without marks and `{#id}`: what pairs two versions.
        var key: String
        /// Index of the section's first line in the body.
        var start: Int
        var lines: [String]
    }

    /// Hunks from `old` to `new` (bodies split into lines), numbered as
    /// file lines from `oldFirstLine`/`newFirstLine`.
    public static func hunks(old: [String], new: [String], oldFirstLine: Int, newFirstLine: Int, context: Int = 3) -> [LineDiff.Hunk] {
        let before = sections(old), after = sections(new)
        var result: [LineDiff.Hunk] = []
        // A section missing on one side is numbered where it would stand:
        // after the last section seen on that side.
        var oldNext = 0, newNext = 0
        for (a, b) in pair(before, after) {
            if let a { oldNext = a.start }
            if let b { newNext = b.start }
            var hunks = LineDiff.hunks(a?.lines ?? [], b?.lines ?? [], context: context,
                                       oldFirstLine: oldFirstLine + oldNext, newFirstLine: newFirstLine + newNext)
            for index in hunks.indices { hunks[index].label = b?.heading ?? a?.heading ?? "" }
            result += hunks
            oldNext += a?.lines.count ?? 0
            newNext += b?.lines.count ?? 0
        }
        return result
    }

    /// Sections paired in order: equal headings match (by a line diff of
    /// the heading keys); between two matches, unmatched sections pair up
    /// in order (a renamed heading), and what is left stands alone.
    static func pair(_ old: [Section], _ new: [Section]) -> [(Section?, Section?)] {
        var pairs: [(Section?, Section?)] = []
        var removed: [Section] = [], added: [Section] = []
        func flush() {
            for index in 0..<max(removed.count, added.count) {
                pairs.append((index < removed.count ? removed[index] : nil, index < added.count ? added[index] : nil))
            }
            removed = []; added = []
        }
        for edit in LineDiff.edits(old.map(\.key), new.map(\.key)) {
            switch edit {
            case let .equal(o, n): flush(); pairs.append((old[o], new[n]))
            case let .delete(o): removed.append(old[o])
            case let .insert(n): added.append(new[n])
            }
        }
        flush()
        return pairs
    }

    /// Splits at ATX headings (`#` to `######`) outside fenced code; a
    /// `#` line inside a code block (a shell comment) is not a heading.
    static func sections(_ lines: [String]) -> [Section] {
        var result = [Section(heading: "", key: "", start: 0, lines: [])]
        var fence: (mark: Character, length: Int)?
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            if indent <= 3, let mark = trimmed.first, mark == "`" || mark == "~" {
                let length = trimmed.prefix { $0 == mark }.count
                if length >= 3 {
                    if fence == nil { fence = (mark, length) } else if fence!.mark == mark, length >= fence!.length,
                        trimmed.dropFirst(length).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                }
            }
            if fence == nil, indent <= 3, let key = headingKey(String(trimmed)) {
                result.append(Section(heading: line.trimmingBlankSpace(), key: key, start: index, lines: [line]))
            } else {
                result[result.count - 1].lines.append(line)
            }
        }
        // An empty preamble (the body starts with a heading) is no section.
        if result[0].lines.isEmpty { result.removeFirst() }
        return result
    }

    /// `## Title {#id}` -> `## Title`; nil when the line is no heading.
    static func headingKey(_ line: String) -> String? {
        let marks = line.prefix { $0 == "#" }.count
        guard (1...6).contains(marks) else { return nil }
        let rest = line.dropFirst(marks)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.trimmingBlankSpace()
        if title.hasSuffix("}"), let open = title.range(of: "{#", options: .backwards) {
            title = title[..<open.lowerBound].trimmingBlankSpace()
        }
        return String(repeating: "#", count: marks) + " " + title
    }
}
