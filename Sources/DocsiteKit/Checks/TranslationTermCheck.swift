import Foundation
import Markdown

/// Russian pages and translated values descriptions use the glossary's
/// terms: a forbidden variant in prose is `translation.term` at its line
/// and column. Code (spans and blocks) and link destinations are not prose.
public struct TranslationTermCheck: Check {
    public let name = "translation"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        let glossary: Glossary
        do {
            guard let loaded = try Glossary.load(root: context.root) else { return [] }
            glossary = loaded
        } catch {
            return error.diagnostics
        }
        return Self.findings(in: context.content, glossary: glossary, root: context.root)
            + chartFindings(context, glossary: glossary)
    }

    /// The findings of every page in the glossary's language (also what
    /// `translations status` counts per page).
    public static func findings(in content: SiteContent, glossary: Glossary, root: URL) -> [Diagnostic] {
        content.pages(in: Glossary.language).concurrentMap { page -> [Diagnostic] in
            let matches = ProseWords.of(page).flatMap(glossary.matches(in:))
            guard !matches.isEmpty else { return [] }
            return diagnostics(matches, file: page.file, root: root)
        }.flatMap { $0 }
    }

    func chartFindings(_ context: LoadedSite, glossary: Glossary) -> [Diagnostic] {
        guard let translations = context.translations[Glossary.language] else { return [] }
        var found: [Diagnostic] = []
        for chart in context.charts.charts {
            let entries = (translations.entries[chart.id] ?? [:]).values.sorted { $0.textLine < $1.textLine }
            let matches = entries.flatMap { entry in
                ProseWords.of(MarkdownParser.parse(entry.text, firstLine: entry.textLine).blocks).flatMap(glossary.matches(in:))
            }
            if !matches.isEmpty {
                found += Self.diagnostics(matches, file: ChartTranslations.file(chart: chart.id, language: Glossary.language), root: context.root)
            }
        }
        return found
    }

    static func diagnostics(_ matches: [Glossary.Match], file: String, root: URL) -> [Diagnostic] {
        var locator = ColumnLocator(lines: SourcePolicy.read(root: root, file: file)
            .map { String(decoding: $0, as: UTF8.self).components(separatedBy: "\n") } ?? [])
        return matches.map { match in
            let note = match.term.note.map { " (\($0))" } ?? ""
            // A variant of several words may continue on the next line: then its first word places it.
            let column = locator.column(of: match.found, line: match.line)
                ?? locator.column(of: String(match.found.prefix { $0 != " " }), line: match.line)
            return .warning(.translationTerm, file: file, line: match.line, column: column,
                            "«\(match.found)» is a variant the glossary forbids for '\(match.term.english)' ('\(match.variant.text)', \(Glossary.file):\(match.variant.line)): write «\(match.term.russian)»\(note)")
        }
    }
}

/// Finds the column of a match on its line: the first occurrence of the
/// words that is not inside a code span and not taken by an earlier match.
struct ColumnLocator {
    let lines: [String]
    var taken: [Int: Set<Int>] = [:]

    mutating func column(of text: String, line: Int) -> Int? {
        guard line >= 1, line <= lines.count else { return nil }
        let characters = Array(lines[line - 1])
        let needle = Array(text)
        guard needle.count <= characters.count else { return nil }
        var backticks = 0
        for start in 0...(characters.count - needle.count) {
            if start > 0, characters[start - 1] == "`" { backticks += 1 }
            guard backticks % 2 == 0, Array(characters[start..<start + needle.count]) == needle,
                  !(taken[line]?.contains(start) ?? false) else { continue }
            taken[line, default: []].insert(start)
            return start + 1
        }
        return nil
    }
}

/// Prose of a page as runs of words: a code span, code block, table cell or
/// block boundary ends a run, so a two-word variant never spans code.
enum ProseWords {
    static func of(_ page: Page) -> [[Glossary.Word]] {
        var collector = Collector()
        for key in ["title", "description"] {
            if let value = page.frontMatter.string(key), let line = page.frontMatter[key]?.line {
                collector.add(value, line: line)
                collector.endRun()
            }
        }
        collector.blocks(page.document.blocks)
        return collector.runs
    }

    static func of(_ blocks: [Block]) -> [[Glossary.Word]] {
        var collector = Collector()
        collector.blocks(blocks)
        return collector.runs
    }

    /// Collects words on the Markdown walker: a block, a table cell, a code
    /// span or an autolink ends a run; soft and hard breaks move to the next line.
    struct Collector: MarkdownVisitor {
        var runs: [[Glossary.Word]] = []
        var current: [Glossary.Word] = []
        var line = 0
        var rowLine = 0

        mutating func add(_ text: String, line: Int) { current += Glossary.words(in: text, line: line) }

        mutating func endRun() {
            if !current.isEmpty { runs.append(current) }
            current = []
        }

        mutating func blocks(_ blocks: [Block]) { blocks.walk(&self) }

        mutating func enter(_ block: Block) -> Descent {
            line = block.line
            return .children
        }

        mutating func leave(_ block: Block) { endRun() }

        mutating func enter(_ row: TableRow) -> Descent {
            // A GFM row is one line: the header, the delimiter row, then the rows.
            rowLine = row.table.line + (row.index == 0 ? 0 : row.index + 1)
            return .children
        }

        mutating func enter(_ cell: TableCell) -> Descent {
            line = rowLine
            return .children
        }

        mutating func leave(_ cell: TableCell) { endRun() }

        static func isAutolink(_ content: [Inline], to destination: String) -> Bool {
            let text = content.plainText
            return destination == text || destination.hasSuffix("://" + text) || destination == "mailto:" + text
        }

        mutating func enter(_ inline: Inline) -> Descent {
            switch inline {
            case .text(let text):
                add(text, line: line)
            case .link(let destination, _, let content, _) where Self.isAutolink(content, to: destination):
                // `<https://…>` and bare URLs show their destination as text: an address, not prose.
                endRun()
                return .skipChildren
            case .softBreak, .lineBreak:
                line += 1
            case .code, .html:
                endRun()
            case .emphasis, .strong, .strikethrough, .link, .image:
                break
            }
            return .children
        }
    }
}
