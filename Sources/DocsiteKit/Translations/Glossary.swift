import Foundation
import YAML

/// `content/i18n/glossary.yaml`: for each English term, the Russian term a
/// translation uses and the variants it must not use.
///
/// ```yaml
/// terms:
///   - en: production
///     ru: промышленная эксплуатация
///     forbidden: ["боев*", "продакшен*", "production-*"]
///     note: One term for every "production"; «эксплуатация» alone is "operations".
/// ```
///
/// A variant is one or more words. Russian changes a word's ending with its
/// case («боевой», «боевом», «боевого»), so a word ending in `*` is a stem:
/// it matches every word that starts with it. A word without `*` matches
/// only itself. Matching ignores case and treats «ё» as «е»; a hyphenated
/// compound («production-оверлей») is one word.
public struct Glossary: Sendable, Equatable {
    public static let file = "content/i18n/glossary.yaml"
    /// The language whose pages the glossary checks (the key of the chosen term).
    public static let language = "ru"
    /// Shorter stems would match unrelated words («бо*» is in «больше»).
    static let minimumStem = 3

    public struct Term: Sendable, Equatable {
        public var english: String
        public var russian: String
        public var forbidden: [Variant]
        public var note: String?
        public var line: Int
    }

    public struct Variant: Sendable, Equatable {
        /// As written in the glossary, for messages.
        public var text: String
        var words: [WordPattern]
        public var line: Int
    }

    struct WordPattern: Sendable, Equatable {
        var text: String
        var isStem: Bool

        func matches(_ word: String) -> Bool { isStem ? word.hasPrefix(text) : word == text }
    }

    public let terms: [Term]
    /// Variants by the first three letters of their first word (or the
    /// whole word when shorter), so each word of a page is compared with
    /// the few variants that can start there, not with all of them.
    let candidates: [String: [(term: Int, variant: Int)]]

    public init(terms: [Term]) {
        self.terms = terms
        var candidates: [String: [(term: Int, variant: Int)]] = [:]
        for (termIndex, term) in terms.enumerated() {
            for (variantIndex, variant) in term.forbidden.enumerated() {
                candidates[Self.bucket(variant.words[0].text), default: []].append((termIndex, variantIndex))
            }
        }
        self.candidates = candidates
    }

    static func bucket(_ word: String) -> String { String(word.prefix(minimumStem)) }

    public static func == (lhs: Glossary, rhs: Glossary) -> Bool { lhs.terms == rhs.terms }

    /// The glossary of the repository at `root`; nil when it has none.
    public static func load(root: URL) throws(DiagnosticsError) -> Glossary? {
        guard let data = SourcePolicy.read(root: root, file: file) else { return nil }
        let text = try TextDecoding.decode(data, file: file)
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String = Glossary.file) throws(DiagnosticsError) -> Glossary {
        var reader = Reader(file: file)
        let glossary = reader.read(try YAMLLoader.load(text, file: file))
        if !reader.problems.isEmpty { throw DiagnosticsError(reader.problems) }
        return glossary
    }
}

extension Glossary {
    /// Reads the YAML tree into terms, collecting every problem (with its
    /// line) instead of stopping at the first, so one run shows them all.
    struct Reader {
        let file: String
        var problems: [Diagnostic] = []
        var seenTerms: [String: Int] = [:]
        var seenVariants: [String: (term: String, line: Int)] = [:]

        mutating func fail(_ line: Int, _ message: String) {
            problems.append(.error(.yamlInvalid, file: file, line: line, message))
        }

        mutating func read(_ node: YAMLNode?) -> Glossary {
            guard let node, let items = node["terms"]?.items else {
                fail(node?.line ?? 1, "the glossary must be a mapping with 'terms:', a list of {en, ru, forbidden, note}")
                return Glossary(terms: [])
            }
            if let extra = node.entries?.first(where: { $0.key != "terms" }) {
                fail(extra.line, "unknown key '\(extra.key)': the glossary has only 'terms'")
            }
            return Glossary(terms: items.compactMap { term($0) })
        }

        mutating func term(_ node: YAMLNode) -> Term? {
            guard let entries = node.entries else {
                fail(node.line, "a term must be a mapping with 'en', 'ru', 'forbidden' and 'note', not \(node.kindName)")
                return nil
            }
            for entry in entries where !["en", "ru", "forbidden", "note"].contains(entry.key) {
                fail(entry.line, "unknown key '\(entry.key)' in a term (expected en, ru, forbidden, note)")
            }
            guard let english = text(node["en"], key: "en", in: node), let russian = text(node["ru"], key: "ru", in: node) else { return nil }
            if let first = seenTerms[english.lowercased()] {
                fail(node.line, "the term '\(english)' is already defined on line \(first)")
            }
            seenTerms[english.lowercased()] = node.line
            var forbidden: [Variant] = []
            if let list = node["forbidden"] {
                guard let items = list.items else {
                    fail(list.line, "'forbidden' of '\(english)' must be a list of strings, not \(list.kindName)")
                    return nil
                }
                forbidden = items.compactMap { variant($0, term: english, russian: russian) }
            }
            return Term(english: english, russian: russian, forbidden: forbidden, note: node["note"]?.string, line: node.line)
        }

        mutating func text(_ value: YAMLNode?, key: String, in term: YAMLNode) -> String? {
            guard let text = value?.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                fail(value?.line ?? term.line, "a term needs a non-empty '\(key)' string")
                return nil
            }
            return text
        }

        mutating func variant(_ node: YAMLNode, term: String, russian: String) -> Variant? {
            guard let text = node.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                fail(node.line, "a forbidden variant of '\(term)' must be a non-empty string, not \(node.kindName)")
                return nil
            }
            var words: [WordPattern] = []
            for raw in text.split(separator: " ") {
                let isStem = raw.hasSuffix("*")
                let stem = isStem ? String(raw.dropLast()) : String(raw)
                // A stem may end in a hyphen (`production-*`); a whole word may not.
                let letters = isStem && stem.hasSuffix("-") ? String(stem.dropLast()) : stem
                if letters.isEmpty || Glossary.words(in: letters).map(\.text) != [Glossary.normalized(letters)] {
                    fail(node.line, "'\(text)': each word of a variant is letters (and inner hyphens), with '*' only at its end")
                    return nil
                }
                if isStem && stem.count < Glossary.minimumStem {
                    fail(node.line, "'\(text)': the stem '\(stem)*' is shorter than \(Glossary.minimumStem) letters and would match unrelated words")
                    return nil
                }
                words.append(WordPattern(text: Glossary.normalized(stem), isStem: isStem))
            }
            let variant = Variant(text: text, words: words, line: node.line)
            if let chosen = Glossary.firstMatch(of: variant, in: Glossary.words(in: russian)) {
                fail(node.line, "'\(text)' would forbid '\(chosen)', part of the chosen term «\(russian)» of '\(term)'")
                return nil
            }
            let key = Glossary.normalized(text)
            if let other = seenVariants[key] {
                fail(node.line, "'\(text)' is already forbidden for '\(other.term)' on line \(other.line)")
            }
            seenVariants[key] = (term, node.line)
            return variant
        }
    }
}

extension Glossary {
    /// A word of prose: normalized for matching, as written, and its line.
    public struct Word: Sendable, Equatable {
        public var text: String
        public var original: String
        /// The file line it is on, when the caller knows it.
        public var line: Int
    }

    public struct Match: Sendable, Equatable {
        public var term: Term
        public var variant: Variant
        /// The words of the text that matched, as written there.
        public var found: String
        /// Index of the first matched word in the words given.
        public var wordIndex: Int
        /// The line of the first matched word.
        public var line: Int
    }

    static func normalized(_ text: String) -> String {
        let lower = text.lowercased()
        // Most words have no «ё»; Foundation's replacing would cost as much as the rest together.
        guard lower.unicodeScalars.contains("ё") else { return lower }
        var folded = String.UnicodeScalarView()
        folded.append(contentsOf: lower.unicodeScalars.map { $0 == "ё" ? "е" : $0 })
        return String(folded)
    }

    /// Letters, digits and marks make words; a hyphen, apostrophe, dot or
    /// underscore inside a word keeps it one word («production-оверлей»,
    /// «executor-ов», and a key such as spark.shuffle.service.enabled, which
    /// is a name, not the words «shuffle service»).
    public static func words(in text: String, line: Int = 0) -> [Word] {
        // Unicode scalars, not Characters: a page has tens of thousands of words.
        let scalars = Array(text.unicodeScalars)
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            let properties = scalar.properties
            return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
        }
        var result: [Word] = []
        var index = 0
        while index < scalars.count {
            guard isWordScalar(scalars[index]) else { index += 1; continue }
            let start = index
            while index < scalars.count {
                if isWordScalar(scalars[index]) { index += 1; continue }
                let joiner = "-'’._".unicodeScalars.contains(scalars[index])
                if joiner, index + 1 < scalars.count, isWordScalar(scalars[index + 1]) { index += 1; continue }
                break
            }
            var original = String.UnicodeScalarView()
            original.append(contentsOf: scalars[start..<index])
            let word = String(original)
            result.append(Word(text: normalized(word), original: word, line: line))
        }
        return result
    }

    /// The original text of the first run of `words` the variant matches.
    static func firstMatch(of variant: Variant, in words: [Word]) -> String? {
        matchStarts(of: variant, in: words).first.map { phrase(words, from: $0, count: variant.words.count) }
    }

    /// The words of a match as the text wrote them.
    static func phrase(_ words: [Word], from start: Int, count: Int) -> String {
        words[start..<start + count].map(\.original).joined(separator: " ")
    }

    static func matches(_ variant: Variant, at start: Int, in words: [Word]) -> Bool {
        start + variant.words.count <= words.count
            && zip(variant.words, words[start...]).allSatisfy { $0.matches($1.text) }
    }

    static func matchStarts(of variant: Variant, in words: [Word]) -> [Int] {
        words.indices.filter { matches(variant, at: $0, in: words) }
    }

    /// Every forbidden variant among `words` (one run of prose: code spans
    /// and link destinations are never part of it), in text order.
    public func matches(in words: [Word]) -> [Match] {
        var found: [Match] = []
        for (start, word) in words.enumerated() {
            for (termIndex, variantIndex) in candidates[Self.bucket(word.text)] ?? [] {
                let term = terms[termIndex], variant = term.forbidden[variantIndex]
                guard Self.matches(variant, at: start, in: words) else { continue }
                found.append(Match(term: term, variant: variant, found: Self.phrase(words, from: start, count: variant.words.count),
                                   wordIndex: start, line: word.line))
            }
        }
        return found
    }
}
