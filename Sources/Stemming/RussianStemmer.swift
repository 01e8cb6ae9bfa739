// The Snowball Russian stemmer, as defined by `algorithms/russian.sbl` in
// Snowball 3.0.0 (https://snowballstem.org/algorithms/russian/stemmer.html).
//
// Written from the algorithm definition. The suffix lists are taken verbatim
// from russian.sbl; the control flow follows Snowball's semantics, including
// the parts that matter for exact agreement:
//   * every `among` picks the LONGEST listed ending present, and if that
//     ending's extra condition fails the whole step fails (no fallback to a
//     shorter ending);
//   * all matching happens inside RV (after the first vowel), so an ending or
//     the letter an ending must follow may not reach in front of RV;
//   * deletions are never undone: a reflexive ending stays removed even when
//     no adjectival/verb/noun ending follows it.
// Stemming only ever drops letters from the end (after ё→е, which keeps the
// length), so the word is kept as a fixed scalar array plus a moving end.

public enum RussianStemmer {
    /// Returns the Snowball 3.0.0 Russian stem of `word`.
    ///
    /// Callers are expected to lowercase first, as with any Snowball stemmer;
    /// other input (Latin, digits, uppercase Cyrillic) is handled exactly as
    /// Snowball does: such characters are simply non-vowels that match no ending.
    public static func stem(_ word: String) -> String {
        var scalars = Array(word.unicodeScalars)
        let hadYo = replaceYoWithYe(&scalars)
        var stemmed = Word(scalars)
        stemmed.removeEndings()
        if hadYo {
            return String(String.UnicodeScalarView(scalars[..<stemmed.end]))
        }
        // Usually the stem is a prefix of the input: slicing the original
        // string copies its UTF-8 directly instead of re-encoding scalars.
        let removed = scalars.count - stemmed.end
        let stemEnd = word.unicodeScalars.index(word.unicodeScalars.endIndex, offsetBy: -removed)
        return String(word.unicodeScalars[..<stemEnd])
    }

    /// Snowball 3.0.0 normalises ё to е itself before stemming, so ё must
    /// behave exactly like е everywhere, including as a vowel for the regions.
    /// Returns whether anything was replaced.
    private static func replaceYoWithYe(_ scalars: inout [Unicode.Scalar]) -> Bool {
        var replaced = false
        for index in scalars.indices where scalars[index] == "ё" {
            scalars[index] = "е"
            replaced = true
        }
        return replaced
    }
}

// MARK: - Ending tables (the `among` lists of russian.sbl)

/// One ending of an `among`. Some endings only count when the letter before
/// them is а or я, which then stays in the stem (e.g. -в: "читав" → "чита").
private struct Ending: Sendable {
    let scalars: [Unicode.Scalar]
    let mustFollowAOrYa: Bool
}

/// The endings of one `among`. Each lookup only considers the endings that
/// end in the word's last letter, longest first, so the first ending found is
/// the one Snowball's longest-match rule would choose.
private struct EndingTable: Sendable {
    /// Indexed by last letter, а…я (every ending ends in one of them).
    private let byLastLetter: [[Ending]]

    init(afterAOrYa: [String] = [], anywhere: [String]) {
        let conditional = afterAOrYa.map { Ending(scalars: Array($0.unicodeScalars), mustFollowAOrYa: true) }
        let plain = anywhere.map { Ending(scalars: Array($0.unicodeScalars), mustFollowAOrYa: false) }
        var groups = Array(repeating: [Ending](), count: EndingTable.letterCount)
        for ending in conditional + plain {
            groups[EndingTable.slot(of: ending.scalars[ending.scalars.count - 1])!].append(ending)
        }
        byLastLetter = groups.map { group in group.sorted { $0.scalars.count > $1.scalars.count } }
    }

    /// The endings that end in `letter`, longest first.
    func endings(endingIn letter: Unicode.Scalar) -> [Ending] {
        guard let slot = EndingTable.slot(of: letter) else { return [] }
        return byLastLetter[slot]
    }

    private static let letterCount = 32  // а (U+0430) … я (U+044F)

    private static func slot(of letter: Unicode.Scalar) -> Int? {
        let offset = Int(letter.value) - 0x430
        return offset >= 0 && offset < letterCount ? offset : nil
    }
}

private enum Endings {
    static let perfectiveGerund = EndingTable(
        afterAOrYa: ["в", "вши", "вшись"],
        anywhere: ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"]
    )

    static let adjective = EndingTable(anywhere: [
        "ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им",
        "ым", "ом", "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая",
        "яя", "ою", "ею",
    ])

    /// Participle endings that may precede an adjective ending.
    static let participle = EndingTable(
        afterAOrYa: ["ем", "нн", "вш", "ющ", "щ"],
        anywhere: ["ивш", "ывш", "ующ"]
    )

    static let reflexive = EndingTable(anywhere: ["ся", "сь"])

    static let verb = EndingTable(
        afterAOrYa: [
            "ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет",
            "ют", "ны", "ть", "ешь", "нно",
        ],
        anywhere: [
            "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй",
            "ил", "ыл", "им", "ым", "ен", "ило", "ыло", "ено", "ят", "ует", "уют",
            "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю",
        ]
    )

    static let noun = EndingTable(anywhere: [
        "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и",
        "ией", "ей", "ой", "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о",
        "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я",
    ])

    static let derivational = EndingTable(anywhere: ["ост", "ость"])

    static let superlative = EndingTable(anywhere: ["ейш", "ейше"])
}

// MARK: - The word being stemmed

private struct Word {
    let scalars: [Unicode.Scalar]
    /// Everything from `end` on has been removed.
    var end: Int
    /// Start of RV: just after the first vowel (Snowball's `pV`). No ending,
    /// nor the а/я some endings need before them, may start before it.
    let rv: Int
    /// Start of R2 (Snowball's `p2`); only the derivational ending needs it.
    let r2: Int

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        end = scalars.count
        (rv, r2) = Word.regions(of: scalars)
    }

    /// RV starts after the first vowel. R1 starts after the first non-vowel
    /// that follows a vowel, and R2 is R1 computed again from inside R1.
    /// A region that cannot be found is empty (starts at the word's end).
    private static func regions(of scalars: [Unicode.Scalar]) -> (rv: Int, r2: Int) {
        let none = scalars.count
        guard let rv = position(after: isVowel, in: scalars, from: 0) else { return (none, none) }
        guard let r1 = position(after: { !isVowel($0) }, in: scalars, from: rv),
              let vowelInR1 = position(after: isVowel, in: scalars, from: r1),
              let r2 = position(after: { !isVowel($0) }, in: scalars, from: vowelInR1)
        else { return (rv, none) }
        return (rv, r2)
    }

    /// The index just past the first scalar at or after `start` satisfying
    /// `test` (Snowball's `gopast`), or nil if there is none.
    private static func position(
        after test: (Unicode.Scalar) -> Bool, in scalars: [Unicode.Scalar], from start: Int
    ) -> Int? {
        var index = start
        while index < scalars.count {
            if test(scalars[index]) { return index + 1 }
            index += 1
        }
        return nil
    }

    private static func isVowel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "а", "е", "и", "о", "у", "ы", "э", "ю", "я": return true
        default: return false
        }
    }

    // MARK: Steps, in the order of russian.sbl's `stem`

    mutating func removeEndings() {
        removeInflection()
        // A noun ending -ию may have been taken as the verb ending -ю.
        removeFinal("и")
        removeDerivational()
        tidyUp()
    }

    /// Step 1: a perfective gerund; otherwise an optional reflexive ending
    /// followed by the first of an adjectival, verb or noun ending.
    private mutating func removeInflection() {
        if remove(Endings.perfectiveGerund) { return }
        _ = remove(Endings.reflexive)
        _ = removeAdjectival() || remove(Endings.verb) || remove(Endings.noun)
    }

    /// An adjective ending, then optionally a participle ending before it.
    private mutating func removeAdjectival() -> Bool {
        guard remove(Endings.adjective) else { return false }
        _ = remove(Endings.participle)
        return true
    }

    /// -ост/-ость, but only when the whole ending lies in R2.
    private mutating func removeDerivational() {
        guard let ending = longestEnding(in: Endings.derivational),
              end - ending.scalars.count >= r2 else { return }
        end -= ending.scalars.count
    }

    /// Superlative -ейш(е) followed by undoubling н, or undoubling a final
    /// нн, or else dropping a final soft sign.
    private mutating func tidyUp() {
        if remove(Endings.superlative) {
            undoubleN()
        } else if !undoubleN() {
            removeFinal("ь")
        }
    }

    /// Turns a final нн into н; only when both letters are inside RV.
    @discardableResult
    private mutating func undoubleN() -> Bool {
        guard end - 2 >= rv, scalars[end - 1] == "н", scalars[end - 2] == "н" else { return false }
        end -= 1
        return true
    }

    // MARK: Matching

    /// Removes the longest ending of `table` present in RV, if its condition
    /// holds. Returns whether anything was removed.
    private mutating func remove(_ table: EndingTable) -> Bool {
        guard let ending = longestEnding(in: table) else { return false }
        let start = end - ending.scalars.count
        if ending.mustFollowAOrYa && !isAOrYaInRV(at: start - 1) {
            return false
        }
        end = start
        return true
    }

    private func longestEnding(in table: EndingTable) -> Ending? {
        guard end > rv else { return nil }
        return table.endings(endingIn: scalars[end - 1]).first(where: endsWithInRV)
    }

    private func endsWithInRV(_ ending: Ending) -> Bool {
        let start = end - ending.scalars.count
        guard start >= rv else { return false }
        // The last letter is known to match; compare the rest right to left.
        var offset = ending.scalars.count - 2
        while offset >= 0 {
            if scalars[start + offset] != ending.scalars[offset] { return false }
            offset -= 1
        }
        return true
    }

    private func isAOrYaInRV(at index: Int) -> Bool {
        index >= rv && (scalars[index] == "а" || scalars[index] == "я")
    }

    private mutating func removeFinal(_ letter: Unicode.Scalar) {
        guard end - 1 >= rv, scalars[end - 1] == letter else { return }
        end -= 1
    }
}
