import YAML
import Foundation
import JSONSchema

/// A values file as JSON (what Helm validates) plus where each value came
/// from, so a schema violation at `/spark-connect/replicas` names the line.
/// Read as Helm reads `-f FILE` (see HelmYAML).
public struct ValuesDocument: Sendable {
    public var file: String
    public var value: JSONValue
    /// JSON Pointer -> (line, column) of the value (or of its key, for mappings).
    public var positions: [String: (line: Int, column: Int)]
    /// Keys written as YAML 1.1 booleans (`on:` is the key "true"): pointer -> as written.
    public var booleanKeys: [String: String] = [:]
    /// Things Helm accepts silently that a reader should know (content after `...`).
    public var notes: [Diagnostic] = []

    /// Reads `file`: relative to `root` unless absolute.
    public static func load(root: URL, file: String) throws(DiagnosticsError) -> ValuesDocument {
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : root.appendingPathComponent(file)
        return try load(root: root, url: url, file: file)
    }

    /// Reads `url`; diagnostics name it `file`.
    public static func load(root: URL, url: URL, file: String) throws(DiagnosticsError) -> ValuesDocument {
        try RepositoryFile.refuseLinkOutside(root: root, url: url, file: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticsError([.error(.overlayInvalid, file: file, "cannot read \(file)")])
        }
        let text = try TextDecoding.decode(data, file: file)
        return try parse(text, file: file)
    }

    /// YAML or JSON text; documents separated by `---` merge; an empty file is `{}`.
    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> ValuesDocument {
        do {
            let loaded = try HelmYAML.load(text)
            var document = ValuesDocument(file: file, value: .object(loaded.value), positions: loaded.positions,
                                          booleanKeys: loaded.booleanKeys)
            for ignored in loaded.documents.compactMap(\.ignoredFrom) {
                document.notes.append(.warning(.yamlIgnored, file: file, line: ignored.line, column: ignored.column,
                                               "Helm stops reading at this '...' end marker; what follows it is ignored (start a new document with a '---' line instead)"))
            }
            return document
        } catch {
            throw DiagnosticsError([.error(.yamlInvalid, file: file, line: error.line, column: error.column, error.message)])
        }
    }

    /// A key on the way to `pointer` that was written as a YAML 1.1 boolean.
    func respelledKey(in pointer: String) -> (text: String, key: String)? {
        booleanKeys.first { pointer == $0.key || pointer.hasPrefix($0.key + "/") }
            .map { ($0.value, String($0.key.split(separator: "/").last ?? "")) }
    }

    /// The position of `pointer`, or of its nearest ancestor that has one.
    public func position(of pointer: String) -> (line: Int, column: Int)? {
        var current = pointer
        while true {
            if let found = positions[current] { return found }
            guard let slash = current.lastIndex(of: "/") else { return nil }
            current = String(current[..<slash])
        }
    }
}

/// A key path for messages, quoted: `'spark-connect.resources.limits.cpu'`.
/// A key that holds a dot (an annotation such as `example.com/team`) is
/// written in double quotes so the path cannot be misread:
/// `'podAnnotations."example.com/team"'`.
public enum KeyPath {
    public static func display(_ pointer: String) -> String {
        let parts = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { token -> String in
            let key = JSONPointer.unescape(token)
            let plain = !key.isEmpty && !key.contains(".") && !key.contains("\"") && !key.contains("'") && !key.contains(where: \.isWhitespace)
            return plain ? key : JSONValue.string(key).description
        }
        return "'" + parts.joined(separator: ".") + "'"
    }
}

extension JSONValue {
    var isContainer: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }
}

/// Files that charts and overlays name come from pull requests, and what is
/// read from them is validated, quoted in messages and published on chart
/// pages. A symbolic link inside the repository that leads out of its
/// top-level folder (to a kubeconfig, or `.git/config`) is refused like one
/// in content/ (`SourcePolicy`). A path that is outside the repository as
/// written (`docsite validate /tmp/x.yaml`) is the user's own choice and is read.
public enum RepositoryFile {
    public static func refuseLinkOutside(root: URL, url: URL, file: String) throws(DiagnosticsError) {
        let path = url.standardizedFileURL.path, rootPath = root.standardizedFileURL.path
        guard path.hasPrefix(rootPath + "/") else { return }
        if let refusal = SourcePolicy.refusal(root: root, file: String(path.dropFirst(rootPath.count + 1))) {
            var blamed = refusal
            blamed.file = file
            throw DiagnosticsError([blamed])
        }
    }
}
