import Foundation

/// A gettext PO catalog as docsite writes and reads it: a header (the entry
/// with an empty msgid) and entries keyed by msgctxt. Translation tools
/// (Weblate, Crowdin, OmegaT, Poedit) read and write this format.
public struct POFile: Sendable, Equatable {
    /// Header fields in file order (`Language`, `Content-Type`, ...).
    public var header: [POHeaderField]
    /// Comment lines written above the header (without the leading `# `).
    public var headerComments: [String] = []
    public var entries: [POEntry]
    /// Line of the header's `msgid ""` in the file read (0 when written).
    public var headerLine: Int = 0

    public init(header: [POHeaderField], headerComments: [String] = [], entries: [POEntry]) {
        self.header = header
        self.headerComments = headerComments
        self.entries = entries
    }

    public func headerValue(_ name: String) -> String? {
        header.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

public struct POHeaderField: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

public struct POEntry: Sendable, Equatable {
    public var context: String?
    public var id: String
    public var translation: String
    /// `#.` comments: notes for the translator from docsite.
    public var notes: [String] = []
    /// `#:` references: where the English text comes from.
    public var references: [String] = []
    /// `#,` flags such as `fuzzy`.
    public var flags: [String] = []
    /// `#| msgid`: the English text a fuzzy translation was made from, when
    /// the tool that marked it fuzzy (msgmerge, Weblate) recorded it.
    public var previousID: String?
    /// `msgid_plural` was present; docsite has no plural strings.
    public var isPlural = false
    /// Line of the entry's first line in the file read (0 when written).
    public var line: Int = 0

    public init(context: String?, id: String, translation: String, notes: [String] = [],
                references: [String] = [], flags: [String] = []) {
        self.context = context
        self.id = id
        self.translation = translation
        self.notes = notes
        self.references = references
        self.flags = flags
    }

    public var isFuzzy: Bool { flags.contains("fuzzy") }
}

/// Writes PO text: gettext's quoting, one entry per paragraph, multi-line
/// strings split after each `\n` below an empty first line, as msgcat does.
public enum POWriter {
    public static func render(_ file: POFile) -> String {
        var out = ""
        for comment in file.headerComments { out += comment.isEmpty ? "#\n" : "# \(comment)\n" }
        out += "msgid \"\"\n"
        out += field("msgstr", file.header.map { "\($0.name): \($0.value)\n" }.joined())
        for entry in file.entries {
            out += "\n"
            for note in entry.notes { out += "#. \(note)\n" }
            if !entry.references.isEmpty { out += "#: \(entry.references.joined(separator: " "))\n" }
            if !entry.flags.isEmpty { out += "#, \(entry.flags.joined(separator: ", "))\n" }
            if let previous = entry.previousID { out += field("#| msgid", previous, continuation: "#| ") }
            if let context = entry.context { out += field("msgctxt", context) }
            out += field("msgid", entry.id)
            out += field("msgstr", entry.translation)
        }
        return out
    }

    /// `keyword "text"`, or `keyword ""` and one quoted line per line of a
    /// multi-line text, so translators see the lines as they are.
    static func field(_ keyword: String, _ value: String, continuation: String = "") -> String {
        let lines = splitAfterNewlines(value)
        guard lines.count > 1 else { return "\(keyword) \(quote(value))\n" }
        return "\(keyword) \"\"\n" + lines.map { "\(continuation)\(quote($0))\n" }.joined()
    }

    static func splitAfterNewlines(_ value: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for scalar in value.unicodeScalars {
            current.unicodeScalars.append(scalar)
            if scalar == "\n" { lines.append(current); current = "" }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// A C string literal as gettext reads it: `\\ \" \n \t \r`, other
    /// control characters as octal escapes.
    public static func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let octal = String(scalar.value, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Plural-Forms of the languages the site is likely to have; others get
    /// none (docsite has no plural strings, tools then use their own table).
    public static func pluralForms(_ language: String) -> String? {
        switch language.split(separator: "_").first.map(String.init) ?? language {
        case "ru", "uk", "be":
            return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "en", "de", "nl", "sv", "it", "es", "pt":
            return "nplurals=2; plural=(n != 1);"
        case "fr":
            return "nplurals=2; plural=(n > 1);"
        case "zh", "ja", "ko":
            return "nplurals=1; plural=0;"
        default:
            return nil
        }
    }
}
