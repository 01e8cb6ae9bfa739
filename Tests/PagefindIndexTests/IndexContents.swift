import Foundation
@testable import PagefindIndex

/// What an index says, with page numbers replaced by the pages' URLs (the
/// one thing two indexes of one site may number differently): compared
/// as values, two indexes equal here give the same results for every query.
struct IndexContents: Equatable {
    struct Places: Equatable, CustomStringConvertible {
        var locs: [Int32]
        var metaLocs: [Int32]
        var description: String { "\(locs) meta \(metaLocs)" }
    }
    struct Word: Equatable, CustomStringConvertible {
        var pages: [String: Places]
        var variants: [String: [String: Places]]
        var description: String { "\(pages.sorted { $0.key < $1.key }) variants \(variants)" }
    }
    struct Page: Equatable { var wordCount: Int; var fragment: String }
    struct Language: Equatable {
        var pages: [String: Page] = [:]
        var metaFields: [String] = []
        var chunkBounds: [[String]] = []
        var filters: [String: [String: Set<String>]] = [:]
        var words: [String: Word] = [:]
    }

    var languages: [String]
    var language: [String: Language] = [:]

    init(_ folder: String) throws {
        let entry = try Entry.read(folder + "/" + IndexMerge.entryFile)
        languages = entry.languages.keys.sorted()
        for (name, info) in entry.languages {
            let meta = try MetaIndex(cbor: try IndexFile.payload(of: "\(folder)/pagefind.\(info.hash).pf_meta"))
            var contents = Language(metaFields: meta.metaFields, chunkBounds: meta.chunks.map { [$0.from, $0.to] })
            var urls: [String] = []
            for page in meta.pages {
                let fragment = String(decoding: try IndexFile.payload(of: "\(folder)/fragment/\(page.hash).pf_fragment"), as: UTF8.self)
                let object = try JSONSerialization.jsonObject(with: Data(fragment.utf8)) as? [String: Any]
                let url = object?["url"] as? String ?? "?"
                urls.append(url)
                contents.pages[url] = Page(wordCount: page.wordCount, fragment: fragment)
            }
            func places(_ pages: [PackedPage]) -> [String: Places] {
                Dictionary(uniqueKeysWithValues: pages.map { (urls[$0.page], Places(locs: $0.locs, metaLocs: $0.metaLocs)) })
            }
            for chunk in meta.chunks {
                for word in try WordChunk.decode(try IndexFile.payload(of: "\(folder)/index/\(chunk.hash).pf_index")) {
                    contents.words[word.word] = Word(pages: places(word.pages),
                                                     variants: Dictionary(uniqueKeysWithValues: word.variants.map { ($0.form, places($0.pages)) }))
                }
            }
            for filter in meta.filters {
                let index = try FilterIndex(cbor: try IndexFile.payload(of: "\(folder)/filter/\(filter.hash).pf_filter"))
                contents.filters[index.filter] = Dictionary(uniqueKeysWithValues: index.values.map { ($0.value, Set($0.pages.map { urls[$0] })) })
            }
            language[name] = contents
        }
    }
}
