// The Snowball English ("Porter2") stemmer, exactly as Pagefind 1.5.2 ships
// it: algorithms/english.sbl as of Snowball 3.1 (3.0.0 plus the `skis`
// exception restored and `inter` as a fixed R1 prefix; Pagefind generated its
// code from Snowball's tree after 3.0.0). Pagefind stems its index and its
// queries with it, so any stem that differs here makes a search miss.
//
// Snowball counts characters as Unicode code points, so the word is held as an
// array of Unicode scalars; every non-ASCII scalar is one non-vowel character.
// Apart from dropping a leading apostrophe, every change the algorithm makes
// replaces a suffix, so all editing happens at the end of the array.

public enum EnglishStemmer {
    /// Returns the Snowball English stem of `word` (as above), which callers lowercase.
    public static func stem(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        if let stem = exceptionalStem(of: scalars) { return stem }
        // `not hop 3`: words shorter than three characters are never stemmed.
        guard scalars.count >= 3 else { return word }
        var stemmed = Word(scalars)
        stemmed.step1a()
        stemmed.step1b()
        stemmed.step1c()
        stemmed.applyLongestRule(step2Rules, from: stemmed.r1)
        stemmed.applyLongestRule(step3Rules, from: stemmed.r1)
        stemmed.applyLongestRule(step4Rules, from: stemmed.r2)
        stemmed.step5()
        stemmed.restoreConsonantYs()
        return stemmed.string
    }

    /// `exception1`: whole words (compared before any other processing) whose
    /// regular stem would be wrong or would conflate them with unrelated words.
    private static func exceptionalStem(of scalars: [Unicode.Scalar]) -> String? {
        for exception in wholeWordExceptions where exception.word.utf8CodeUnitCount == scalars.count {
            if zip(exception.word.bytes, scalars).allSatisfy({ UInt32($0) == $1.value }) {
                return exception.stem.description
            }
        }
        return nil
    }
}

private let wholeWordExceptions: [(word: StaticString, stem: StaticString)] = [
    // skies would become "ski" and sky "ski" too, conflating both with ski;
    // skis is named so that it stays with ski whatever the rules do.
    ("skis", "ski"), ("skies", "sky"), ("sky", "sky"),
    // Adverbs whose -ly is not the removable suffix the rules would strip
    // (idly is not "id", early not "ear", only not "on", singly not "sing").
    ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"),
    ("only", "onli"), ("singly", "singl"),
    // Not plurals or inflections: news is not "new", andes not "and", ...
    ("news", "news"), ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"),
    ("bias", "bias"), ("andes", "andes"),
]

// MARK: - Suffix tables for steps 2 to 4

/// What must hold before a matched suffix is replaced, beyond its region.
private enum Condition {
    case none
    /// `ogi` only after `l` (biology → biolog, but not yogi).
    case afterL
    /// `li` only after a letter that ends a plausible -ly adverb stem.
    case afterValidLI
    /// `ative` lies in R1 like every step 3 suffix but must also lie in R2.
    case inR2
    /// `ion` only after `s` or `t` (adoption, confusion; not champion).
    case afterSOrT
}

private struct SuffixRule {
    let suffix: StaticString
    let replacement: StaticString
    let condition: Condition

    init(_ suffix: StaticString, _ replacement: StaticString, _ condition: Condition = .none) {
        self.suffix = suffix
        self.replacement = replacement
        self.condition = condition
    }
}

/// Snowball's `among` acts on the longest listed suffix that matches and never
/// falls back to a shorter one when that suffix's region or condition fails,
/// so candidates are tried longest first. Grouping them by final letter means
/// a word is compared only with suffixes that end like it does.
private struct SuffixTable {
    private var groups = [[SuffixRule]](repeating: [], count: 128)

    init(_ rules: [SuffixRule]) {
        for rule in rules.sorted(by: { $0.suffix.utf8CodeUnitCount > $1.suffix.utf8CodeUnitCount }) {
            groups[Int(rule.suffix.bytes[rule.suffix.utf8CodeUnitCount - 1])].append(rule)
        }
    }

    /// The rules whose suffix ends in `last`, longest first.
    func candidates(endingIn last: Unicode.Scalar) -> [SuffixRule] {
        last.isASCII ? groups[Int(last.value)] : []
    }
}

/// Step 2: map derivational suffixes to a shorter canonical suffix, within R1.
private let step2Rules = SuffixTable([
    SuffixRule("tional", "tion"),
    SuffixRule("enci", "ence"),
    SuffixRule("anci", "ance"),
    SuffixRule("abli", "able"),
    SuffixRule("entli", "ent"),
    SuffixRule("izer", "ize"), SuffixRule("ization", "ize"),
    SuffixRule("ational", "ate"), SuffixRule("ation", "ate"), SuffixRule("ator", "ate"),
    SuffixRule("alism", "al"), SuffixRule("aliti", "al"), SuffixRule("alli", "al"),
    SuffixRule("fulness", "ful"),
    SuffixRule("ousli", "ous"), SuffixRule("ousness", "ous"),
    SuffixRule("iveness", "ive"), SuffixRule("iviti", "ive"),
    SuffixRule("biliti", "ble"), SuffixRule("bli", "ble"),
    SuffixRule("ogist", "og"),
    SuffixRule("ogi", "og", .afterL),
    SuffixRule("fulli", "ful"),
    SuffixRule("lessli", "less"),
    SuffixRule("li", "", .afterValidLI),
])

/// Step 3: further derivational suffixes, within R1.
private let step3Rules = SuffixTable([
    SuffixRule("tional", "tion"),
    SuffixRule("ational", "ate"),
    SuffixRule("alize", "al"),
    SuffixRule("icate", "ic"), SuffixRule("iciti", "ic"), SuffixRule("ical", "ic"),
    SuffixRule("ful", ""), SuffixRule("ness", ""),
    SuffixRule("ative", "", .inR2),
])

/// Step 4: suffixes deleted outright, within R2.
private let step4Rules = SuffixTable([
    SuffixRule("al", ""), SuffixRule("ance", ""), SuffixRule("ence", ""), SuffixRule("er", ""),
    SuffixRule("ic", ""), SuffixRule("able", ""), SuffixRule("ible", ""), SuffixRule("ant", ""),
    SuffixRule("ement", ""), SuffixRule("ment", ""), SuffixRule("ent", ""), SuffixRule("ism", ""),
    SuffixRule("ate", ""), SuffixRule("iti", ""), SuffixRule("ous", ""), SuffixRule("ive", ""),
    SuffixRule("ize", ""),
    SuffixRule("ion", "", .afterSOrT),
])

// MARK: - Character classes

/// Snowball's `v`. Y (a y marked as a consonant) is deliberately not a vowel.
private func isVowel(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "a", "e", "i", "o", "u", "y": true
    default: false
    }
}

/// `v_WXY`: a short syllable cannot end in one of these (snow, box, play).
private func isVowelWXY(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "w", "x", "Y": true
    default: isVowel(c)
    }
}

/// Doubled letters that are undoubled after removing -ed/-ing (hopped → hop).
private func isUndoublable(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "b", "d", "f", "g", "m", "n", "p", "r", "t": true
    default: false
    }
}

/// `valid_LI`: letters that may precede a removable -li (-ly) in step 2.
private func isValidLI(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "c", "d", "e", "g", "h", "k", "m", "n", "r", "t": true
    default: false
    }
}

private extension StaticString {
    /// Every literal in this file is ASCII, so each UTF-8 byte is one scalar.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}

// MARK: - The word being stemmed

private struct Word {
    private var chars: [Unicode.Scalar]
    /// Start of R1 and R2; they may lie past the end once suffixes are removed.
    private(set) var r1 = 0
    private(set) var r2 = 0
    /// Whether the prelude marked any y as Y, which decides if the postlude runs.
    private var markedY = false

    /// `prelude` and `mark_regions`.
    init(_ scalars: [Unicode.Scalar]) {
        // A leading apostrophe ('tis, 'em) is quoting, not part of the word.
        chars = scalars.first == "'" ? Array(scalars.dropFirst()) : scalars
        markConsonantYs()
        markRegions()
    }

    var string: String {
        let utf8Count = chars.reduce(0) { $0 + UTF8.width($1) }
        return String(unsafeUninitializedCapacity: utf8Count) { buffer in
            var count = 0
            for c in chars {
                UTF8.encode(c) { byte in
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    // MARK: Prelude and postlude

    /// A y at the start or after a vowel is a consonant (youth, boy, sayings):
    /// it becomes Y so that no rule treats it as a vowel. Marking runs left to
    /// right, so in "ayy" only the first y is marked (it then precedes the second).
    private mutating func markConsonantYs() {
        for i in chars.indices where chars[i] == "y" && (i == 0 || isVowel(chars[i - 1])) {
            chars[i] = "Y"
            markedY = true
        }
    }

    /// `postlude`: lowers every Y, including any already in the input, but only
    /// if the prelude marked one.
    mutating func restoreConsonantYs() {
        guard markedY else { return }
        for i in chars.indices where chars[i] == "Y" {
            chars[i] = "y"
        }
    }

    /// R1 starts after the first non-vowel that follows a vowel, R2 likewise
    /// within R1. Some prefixes fix R1 instead, so that e.g. general, generous
    /// and generate keep "gener" rather than all shrinking towards "gen".
    private mutating func markRegions() {
        r1 = chars.count
        r2 = chars.count
        guard let start = fixedR1Start() ?? endOfVowelThenNonVowel(from: 0) else { return }
        r1 = start
        r2 = endOfVowelThenNonVowel(from: start) ?? chars.count
    }

    private func fixedR1Start() -> Int? {
        for prefix: StaticString in ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"]
        where matches(prefix, endingAt: prefix.utf8CodeUnitCount) {
            return prefix.utf8CodeUnitCount
        }
        return nil
    }

    /// Snowball's `gopast v gopast non-v`.
    private func endOfVowelThenNonVowel(from start: Int) -> Int? {
        guard let vowel = chars[start...].firstIndex(where: isVowel),
              let nonVowel = chars[(vowel + 1)...].firstIndex(where: { !isVowel($0) })
        else { return nil }
        return nonVowel + 1
    }

    // MARK: Suffix primitives

    /// Whether `literal` occurs in the word ending just before position `end`.
    private func matches(_ literal: StaticString, endingAt end: Int) -> Bool {
        let bytes = literal.bytes
        guard end >= bytes.count, end <= chars.count else { return false }
        // Compare from the end: most candidate suffixes fail on the last letter.
        let start = end - bytes.count
        for i in bytes.indices.reversed() where chars[start + i].value != UInt32(bytes[i]) {
            return false
        }
        return true
    }

    /// Whether the word ends with `suffix`; returns where the suffix starts.
    private func suffixStart(_ suffix: StaticString) -> Int? {
        matches(suffix, endingAt: chars.count) ? chars.count - suffix.utf8CodeUnitCount : nil
    }

    /// Whether the word before `end` is exactly `literal` (Snowball's `atlimit`).
    private func isExactly(_ literal: StaticString, before end: Int) -> Bool {
        end == literal.utf8CodeUnitCount && matches(literal, endingAt: end)
    }

    private mutating func replace(from start: Int, with replacement: StaticString) {
        chars.removeSubrange(start...)
        chars.append(contentsOf: replacement.bytes.lazy.map(Unicode.Scalar.init))
    }

    private func hasVowel(before end: Int) -> Bool {
        chars[..<end].contains(where: isVowel)
    }

    /// `shortv`: the word before `end` ends in a short syllable — non-vowel,
    /// vowel, then a non-vowel other than w, x or Y (hop, but not snow or box);
    /// or it is just vowel then non-vowel (at, on). Words ending in "past" count
    /// too, so that pasted and pasting become paste like their base form.
    private func endsWithShortSyllable(before end: Int) -> Bool {
        if end >= 3, !isVowelWXY(chars[end - 1]), isVowel(chars[end - 2]), !isVowel(chars[end - 3]) {
            return true
        }
        if end == 2, !isVowel(chars[1]), isVowel(chars[0]) {
            return true
        }
        return matches("past", endingAt: end)
    }

    // MARK: Steps

    /// Step 1a: possessive apostrophes, then plural -s forms.
    mutating func step1a() {
        if let start = suffixStart("'s'") ?? suffixStart("'s") ?? suffixStart("'") {
            replace(from: start, with: "")
        }
        if let start = suffixStart("sses") {
            replace(from: start, with: "ss")
        } else if let start = suffixStart("ied") ?? suffixStart("ies") {
            // cries → cri, but ties → tie: a one-letter stem keeps its e.
            replace(from: start, with: start >= 2 ? "i" : "ie")
        } else if suffixStart("us") != nil || suffixStart("ss") != nil {
            return // campus, class: not plurals.
        } else if let start = suffixStart("s"), start >= 1, hasVowel(before: start - 1) {
            // gaps → gap, but gas and this stay: the s goes only if a vowel
            // occurs before the letter preceding it.
            replace(from: start, with: "")
        }
    }

    /// Step 1b: -eed, -eedly, -ed, -edly, -ing, -ingly.
    mutating func step1b() {
        if let start = suffixStart("eedly") {
            shortenEed(start: start)
        } else if let start = suffixStart("ingly") ?? suffixStart("edly") {
            removeEdOrIng(start: start)
        } else if let start = suffixStart("eed") {
            shortenEed(start: start)
        } else if let start = suffixStart("ing") {
            if !applyIngException(start: start) {
                removeEdOrIng(start: start)
            }
        } else if let start = suffixStart("ed") {
            removeEdOrIng(start: start)
        }
    }

    /// -eed and -eedly become -ee in R1 (agreed → agree). proceed, exceed and
    /// succeed are left whole so they keep the stem that proceeding, exceeded,
    /// succeeds etc. get by losing their ending.
    private mutating func shortenEed(start: Int) {
        let isWholeWordException = isExactly("proc", before: start)
            || isExactly("exc", before: start) || isExactly("succ", before: start)
        if !isWholeWordException, start >= r1 {
            replace(from: start, with: "ee")
        }
    }

    /// Handles -ing words the general rule gets wrong; returns whether it did.
    private mutating func applyIngException(start: Int) -> Bool {
        // dying, lying, tying, vying → die, lie, tie, vie.
        if start == 2, chars[1] == "y", !isVowel(chars[0]) {
            replace(from: 1, with: "ie")
            return true
        }
        // Words in their own right rather than inn, out, can, ... plus -ing.
        for word: StaticString in ["inn", "out", "cann", "herr", "earr", "even"]
        where isExactly(word, before: start) {
            return true
        }
        return false
    }

    /// Removes -ed/-edly/-ing/-ingly when a vowel precedes it (so bed and
    /// sing are left alone), then repairs the end so the stem matches its base
    /// form: luxuriated → luxuriate, hopped → hop, hoped → hope.
    private mutating func removeEdOrIng(start: Int) {
        guard hasVowel(before: start) else { return }
        replace(from: start, with: "")
        let end = chars.count
        if suffixStart("at") != nil || suffixStart("bl") != nil || suffixStart("iz") != nil {
            replace(from: end, with: "e")
        } else if end >= 2, chars[end - 1] == chars[end - 2], isUndoublable(chars[end - 1]) {
            // added, egged, offed keep "add", "egg", "off", apart from ad, eg, of.
            if !(end == 3 && "aeo".unicodeScalars.contains(chars[0])) {
                chars.removeLast()
            }
        } else if end == r1, endsWithShortSyllable(before: end) {
            replace(from: end, with: "e")
        }
    }

    /// Step 1c: a final y or Y after a non-vowel that is not the first letter
    /// becomes i (cry → cri, but by and say stay).
    mutating func step1c() {
        let last = chars.count - 1
        if last >= 2, chars[last] == "y" || chars[last] == "Y", !isVowel(chars[last - 1]) {
            chars[last] = "i"
        }
    }

    /// Steps 2 to 4: the longest matching suffix is replaced if it starts at or
    /// after `regionStart` and its condition holds; otherwise nothing changes.
    mutating func applyLongestRule(_ table: SuffixTable, from regionStart: Int) {
        guard let last = chars.last,
              let rule = table.candidates(endingIn: last).first(where: { matches($0.suffix, endingAt: chars.count) })
        else { return }
        let start = chars.count - rule.suffix.utf8CodeUnitCount
        if start >= regionStart, holds(rule.condition, before: start) {
            replace(from: start, with: rule.replacement)
        }
    }

    private func holds(_ condition: Condition, before start: Int) -> Bool {
        switch condition {
        case .none: true
        case .afterL: start >= 1 && chars[start - 1] == "l"
        case .afterValidLI: start >= 1 && isValidLI(chars[start - 1])
        case .inR2: start >= r2
        case .afterSOrT: start >= 1 && (chars[start - 1] == "s" || chars[start - 1] == "t")
        }
    }

    /// Step 5: a final e goes in R2, or in R1 unless that leaves a short
    /// syllable (hope stays); a final l goes in R2 after another l.
    mutating func step5() {
        let last = chars.count - 1
        guard last >= 0 else { return }
        if chars[last] == "e" {
            if last >= r2 || (last >= r1 && !endsWithShortSyllable(before: last)) {
                chars.removeLast()
            }
        } else if chars[last] == "l", last >= r2, last >= 1, chars[last - 1] == "l" {
            chars.removeLast()
        }
    }
}
