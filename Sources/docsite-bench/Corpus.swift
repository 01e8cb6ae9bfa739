import SystemIO
import DocsiteKit
import Foundation

/// The benchmark corpus: `../shared/bench/gen-corpus.py` when present (the
/// same corpus the Hugo figures in the issue were measured on), otherwise a
/// small deterministic generator of our own with the same shape: N English
/// pages and N Russian twins of 3-9 KB with front matter, headings, tables,
/// code and cross-links with anchors.
enum Corpus {
    static func make(pages: Int, at folder: URL, layout: String, generator: String?) throws {
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".complete").path) { return }
        Retired.retire(folder, in: folder.deletingLastPathComponent())
        if let generator {
            _ = try Measure.run(["python3", generator, "--pages", String(pages), "--out", folder.path, "--layout", layout])
        } else if layout == "plain" {
            try generate(pages: pages, at: folder)
        } else {
            throw BenchError("Hugo needs the shared generator (../shared/bench/gen-corpus.py) for its layout")
        }
        if layout == "plain" {
            try "title: Benchmark\nlanguages: [en, ru]\nsections: [guides, charts, adr]\n"
                .write(to: folder.appendingPathComponent("content/site.yaml"), atomically: true, encoding: .utf8)
        }
        try "".write(to: folder.appendingPathComponent(".complete"), atomically: true, encoding: .utf8)
    }

    /// Reads every file of the corpus, untimed, before a timed run. This
    /// machine's kernel pages out file data nobody touched for about a
    /// minute (DAMON reclaim), so without it a run would time the disk.
    static func warm(_ folder: URL) {
        for entry in FileWalker.walk(folder.path) where entry.kind == .file {
            _ = PlainFile.read(folder.path + "/" + entry.path)
        }
    }

    static func countPages(_ folder: URL) -> Int {
        let enumerator = FileManager.default.enumerator(atPath: folder.appendingPathComponent("content").path)
        var count = 0
        while let path = enumerator?.nextObject() as? String { if path.hasSuffix(".md") { count += 1 } }
        return count
    }

    /// Appends a line to the first English guide page: the "one edit".
    static func editOnePage(_ folder: URL, run: Int) throws {
        let page = try firstEnglishGuide(folder)
        try append("\nEdited in benchmark run \(run).\n", to: folder.appendingPathComponent("content/" + page))
    }

    /// The path below `content/` of the page every edit goes to.
    static func firstEnglishGuide(_ folder: URL) throws -> String {
        let content = folder.appendingPathComponent("content")
        let enumerator = FileManager.default.enumerator(atPath: content.path)
        var candidates: [String] = []
        while candidates.count < 50, let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".md"), path.hasPrefix("en/") || path.contains("/en/"), path.contains("guides") { candidates.append(path) }
        }
        guard let page = candidates.sorted().first else { throw BenchError("no English guide page to edit in \(content.path)") }
        return page
    }

    static func append(_ text: String, to file: URL) throws {
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    static let words = ["cluster", "executor", "driver", "shuffle", "metastore", "warehouse", "replica", "namespace",
                        "volume", "image", "chart", "release", "upgrade", "rollback", "secret", "service", "probe"]
    static let wordsRU = ["кластер", "экзекьютор", "драйвер", "перемешивание", "метахранилище", "хранилище", "реплика",
                          "пространство", "том", "образ", "чарт", "релиз", "обновление", "откат", "секрет", "сервис", "проверка"]

    static func generate(pages: Int, at folder: URL) throws {
        var random = SplitMix(seed: 1)
        for language in ["en", "ru"] {
            for index in 0..<pages {
                let group = index / 50
                let path = folder.appendingPathComponent("content/\(language)/guides/g\(group)/page-\(index).md")
                try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
                let vocabulary = language == "en" ? words : wordsRU
                var text = "---\ntitle: \"\(language == "en" ? "Guide" : "Руководство") \(index)\"\nweight: \(index)\n---\n\n"
                for section in 0..<(4 + Int(random.next() % 4)) {
                    text += "## Section \(section) {#section-\(section)}\n\n"
                    for _ in 0..<3 {
                        text += (0..<30).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }.joined(separator: " ") + ".\n\n"
                    }
                    let target = Int(random.next() % UInt64(pages))
                    text += "See [guide \(target)](../g\(target / 50)/page-\(target).md#section-0).\n\n"
                    text += "| Key | Value |\n| --- | --- |\n| replicas | \(section) |\n\n```yaml\nreplicas: \(section)\n```\n\n"
                }
                try text.write(to: path, atomically: false, encoding: .utf8)
            }
        }
    }
}

/// Deterministic pseudo-random numbers (same seed, same corpus).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
