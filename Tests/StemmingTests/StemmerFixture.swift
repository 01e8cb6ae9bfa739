import Foundation

/// A fixture of `word<TAB>stem` lines (stems from the snowballstemmer PyPI
/// package), compared scalar by scalar: String's == treats canonically
/// equivalent strings (é and e + combining acute) as equal, which would
/// hide differences.
enum StemmerFixture {
    struct Malformed: Error { var line: Int }

    /// Lines whose stem differs, as "line N: word expected … got …", and the number of lines.
    static func mismatches(_ name: String, _ stem: (String) -> String) throws -> (lines: Int, mismatches: [String]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name).tsv")
        // Split on bytes, not Characters: some words begin with a combining mark, and a word may be empty.
        var lines = try Data(contentsOf: url).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var mismatches: [String] = []
        for (number, line) in lines.enumerated() {
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw Malformed(line: number + 1) }
            let word = String(decoding: fields[0], as: UTF8.self), expected = String(decoding: fields[1], as: UTF8.self)
            let got = stem(word)
            if !same(got, expected) { mismatches.append("line \(number + 1): \(word.debugDescription) expected \(expected.debugDescription) got \(got.debugDescription)") }
        }
        return (lines.count, mismatches)
    }

    static func same(_ a: String, _ b: String) -> Bool { a.unicodeScalars.elementsEqual(b.unicodeScalars) }
}
