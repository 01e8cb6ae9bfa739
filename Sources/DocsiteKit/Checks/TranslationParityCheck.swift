import YAML
import Markdown

/// Every page of the default language has a current translation in every
/// other language: missing, orphaned, stale and drifted pairs.
public struct TranslationParityCheck: Check {
    public let name = "translation"
    public init() {}

    /// Front matter key a translation records the source hash in.
    public static let hashKey = "source_hash"
    /// `translation_status: needed` marks a stub that is not translated yet.
    public static let statusKey = "translation_status"

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        let config = context.content.config
        let source = config.defaultLanguage
        var found: [Diagnostic] = []
        for language in config.languages where language != source {
            for original in context.content.pages(in: source) {
                guard let translation = context.content.page(language: language, path: original.path) else {
                    found.append(.error(.translationMissing, file: original.file, line: 1,
                                        "no \(language) translation: expected content/\(language)/\(original.path)"))
                    continue
                }
                found += compare(original: original, translation: translation)
            }
            for translation in context.content.pages(in: language)
            where context.content.page(language: source, path: translation.path) == nil {
                found.append(.warning(.translationOrphan, file: translation.file, line: 1,
                                      "the \(source) original content/\(source)/\(translation.path) no longer exists; delete or move this page"))
            }
        }
        return found
    }

    func compare(original: Page, translation: Page) -> [Diagnostic] {
        let file = translation.file
        if translation.frontMatter.string(Self.statusKey) == "needed" {
            return [.error(.translationMissing, file: file, line: translation.frontMatter.line(of: Self.statusKey),
                           "this page is a stub waiting for translation of \(original.file); translate it, remove '\(Self.statusKey)' and run 'docsite translations sync \(file)'")]
        }
        var found: [Diagnostic] = []
        let recorded = translation.frontMatter.string(Self.hashKey)
        if recorded == nil {
            found.append(.warning(.translationStale, file: file, line: 1,
                                  "no '\(Self.hashKey)' in front matter, so nobody knows which version of \(original.file) this translates; after checking it run 'docsite translations sync \(file)'"))
        } else if recorded != original.sourceHash {
            found.append(.warning(.translationStale, file: file, line: translation.frontMatter.line(of: Self.hashKey),
                                  "\(original.file) changed after this translation was synced (source_hash \(recorded ?? "") is not \(original.sourceHash)); see what changed with 'docsite translations diff \(file)', update the translation, then run 'docsite translations sync \(file)'"))
        }
        found += drift(original: original, translation: translation)
        return found
    }

    func drift(original: Page, translation: Page) -> [Diagnostic] {
        let a = PageShape(original.document), b = PageShape(translation.document)
        var differences: [String] = []
        if a.headings != b.headings { differences.append("\(b.headings) headings instead of \(a.headings)") }
        if a.codeBlocks.count != b.codeBlocks.count {
            differences.append("\(b.codeBlocks.count) code blocks instead of \(a.codeBlocks.count)")
        }
        if a.tables != b.tables { differences.append("\(b.tables) tables instead of \(a.tables)") }
        if a.admonitions != b.admonitions {
            let kinds = { (list: [AdmonitionKind]) in list.isEmpty ? "none" : list.map(\.rawValue).joined(separator: ", ") }
            differences.append("admonitions (\(kinds(b.admonitions))) instead of (\(kinds(a.admonitions)))")
        }
        let missingLinks = Set(original.links.map(\.destination)).subtracting(translation.links.map(\.destination))
        let extraLinks = Set(translation.links.map(\.destination)).subtracting(original.links.map(\.destination))
        if !missingLinks.isEmpty { differences.append("links missing here: \(missingLinks.sorted().joined(separator: ", "))") }
        if !extraLinks.isEmpty { differences.append("links not in the original: \(extraLinks.sorted().joined(separator: ", "))") }
        var found: [Diagnostic] = []
        if !differences.isEmpty {
            found.append(.warning(.translationDrift, file: translation.file, line: 1,
                                  "structure differs from \(original.file): \(differences.joined(separator: "; "))"))
        }
        if a.codeBlocks.count == b.codeBlocks.count {
            for (index, pair) in zip(a.codeBlocks, b.codeBlocks).enumerated() {
                if pair.0.code != pair.1.code {
                    found.append(.warning(.translationDrift, file: translation.file, line: pair.1.line,
                                          "code block \(index + 1) differs from the one in \(original.file) (line \(pair.0.line)); code is not translated"))
                }
                // A block's title names a file and its language picks the highlighting:
                // neither is translated either.
                if pair.0.info.title != pair.1.info.title || pair.0.info.language != pair.1.info.language {
                    found.append(.warning(.translationDrift, file: translation.file, line: pair.1.line,
                                          "code block \(index + 1) is \(Self.describe(pair.1.info)) here but \(Self.describe(pair.0.info)) in \(original.file) (line \(pair.0.line)); file names and languages are not translated"))
                }
            }
        }
        return found
    }

    /// `yaml titled "values-prod.yaml"`, `bash without a title`, `a block without a language`.
    static func describe(_ info: FenceInfo) -> String {
        let language = info.language.isEmpty ? "a block without a language" : info.language
        return language + (info.title.map { " titled \"\($0)\"" } ?? " without a title")
    }
}

/// Counts of the structural elements a translation must keep.
struct PageShape: MarkdownVisitor {
    var headings = 0
    var tables = 0
    var codeBlocks: [(code: String, info: FenceInfo, line: Int)] = []
    var admonitions: [AdmonitionKind] = []

    init(_ document: MarkdownDocument) { document.walk(&self) }

    mutating func enter(_ block: Block) -> Descent {
        switch block {
        case .heading: headings += 1
        case .table: tables += 1
        case .codeBlock(let info, let code, let position): codeBlocks.append((code, info, position.line))
        case .blockQuote, .list: return .children
        case .admonition(let admonition):
            admonitions.append(admonition.kind)
            return .children
        case .paragraph, .thematicBreak, .html: break
        }
        return .skipChildren  // what is left below holds inlines only
    }
}

/// The site's own UI strings (`content/i18n/<lang>.yaml`) have the same keys
/// in every language.
public struct UIStringsParityCheck: Check {
    public let name = "translation"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        let config = context.content.config
        let source = config.defaultLanguage
        guard let sourceKeys = keys(context, source) else { return [] }
        var found: [Diagnostic] = []
        for language in config.languages where language != source {
            let file = UIStrings.file(for: language)
            guard let translated = keys(context, language) else {
                found.append(.error(.translationMissing, file: UIStrings.file(for: source), line: 1,
                                    "UI strings have no \(language) translation: expected \(file)"))
                continue
            }
            for (key, line) in sourceKeys.sorted(by: { $0.value < $1.value }) where translated[key] == nil {
                found.append(.error(.translationMissing, file: UIStrings.file(for: source), line: line,
                                    "UI string '\(key)' has no \(language) translation in \(file)"))
            }
            for (key, line) in translated.sorted(by: { $0.value < $1.value }) where sourceKeys[key] == nil {
                found.append(.warning(.translationOrphan, file: file, line: line,
                                      "UI string '\(key)' is not in \(UIStrings.file(for: source))"))
            }
        }
        return found
    }

    /// The keys the language's file defines, as the load stage read them.
    func keys(_ context: LoadedSite, _ language: String) -> [String: Int]? {
        context.content.strings[language]?.fileKeys
    }
}
