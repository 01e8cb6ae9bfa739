import YAML

/// The mapping keys of an overlay with where each starts, so the example
/// page can link every key to its row in the chart's values reference.
enum OverlayKeys {
    struct Key: Equatable {
        /// Byte offset of the key's first character in the overlay's text
        /// (where the highlighter's key token starts).
        var offset: Int
        /// `spark-connect.driver.memory`.
        var path: String
    }

    /// Every key reached through mappings only: items of a list are not
    /// rows of the values reference. An overlay that does not parse gives
    /// none (it is shown unlinked; `check` reports why).
    static func keys(in text: String) -> [Key] {
        guard let root = try? YAMLLoader.load(text, file: "") else { return [] }
        let bytes = Array(text.utf8)
        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
        var found: [Key] = []
        func walk(_ node: YAMLNode, _ path: String) {
            for entry in node.entries ?? [] {
                let keyPath = path.isEmpty ? entry.key : path + "." + entry.key
                if let offset = offset(line: entry.line, column: entry.column, bytes: bytes, lineStarts: lineStarts) {
                    found.append(Key(offset: offset, path: keyPath))
                }
                walk(entry.value, keyPath)
            }
        }
        walk(root, "")
        return found
    }

    /// The byte offset of a 1-based line and character column (libyaml
    /// counts characters, not bytes).
    static func offset(line: Int, column: Int, bytes: [UInt8], lineStarts: [Int]) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        var index = lineStarts[line - 1]
        for _ in 1..<column {
            guard index < bytes.count, bytes[index] != 0x0A else { return nil }
            index += 1
            while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
        }
        return index
    }
}
