@testable import PagefindIndex

/// One page's places in one word's entry: page number, word positions
/// (Pagefind's packed form: a negative number sets the weight of the
/// positions after it, positions are deltas) and positions in the page's
/// meta fields (a negative number names the field, `-(id + 1)`).
struct PackedPage: Equatable {
    var page: Int
    var locs: [Int32]
    var metaLocs: [Int32]
}

/// A spelling with diacritics ("café") of an indexed word ("cafe").
struct PackedVariant: Equatable {
    var form: String
    var pages: [PackedPage]
}

/// A word of the index (`index/*.pf_index`) and every page it is on.
struct PackedWord: Equatable {
    var word: String
    var pages: [PackedPage]
    var variants: [PackedVariant]
}

/// A word chunk: the words in byte order, each page number stored as the
/// difference from the one before it in the word's list, decoded whole to
/// compare two indexes (the merge reads chunks as bytes, `LanguageMerge`).
enum WordChunk {
    static func decode(_ bytes: [UInt8]) throws(IndexFileError) -> [PackedWord] {
        var reader = CBOR.Reader(bytes)
        try reader.fields(1, "word index")
        let count = try reader.array()
        var words: [PackedWord] = []
        words.reserveCapacity(count)
        for _ in 0..<count {
            try reader.fields(3, "word")
            let word = try reader.text()
            let pages = try decodePages(&reader)
            var variants: [PackedVariant] = []
            for _ in 0..<(try reader.array()) {
                try reader.fields(2, "variant")
                let form = try reader.text()
                variants.append(PackedVariant(form: form, pages: try decodePages(&reader)))
            }
            words.append(PackedWord(word: word, pages: pages, variants: variants))
        }
        return words
    }

    private static func decodePages(_ reader: inout CBOR.Reader) throws(IndexFileError) -> [PackedPage] {
        let count = try reader.array()
        var pages: [PackedPage] = []
        pages.reserveCapacity(count)
        var page = 0
        for _ in 0..<count {
            let fields = try reader.array()
            guard fields == 2 || fields == 3 else { throw .damaged("page entry with \(fields) fields") }
            page += try reader.int()
            let locs = try reader.ints()
            pages.append(PackedPage(page: page, locs: locs, metaLocs: fields == 3 ? try reader.ints() : []))
        }
        return pages
    }
}
