/// One finding of any docsite command: every check, loader and printer
/// speaks this type, so CI output, tests and docs name the same thing.
public struct Diagnostic: Codable, Hashable, Sendable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// Stable dotted code, e.g. `frontmatter.invalid`, `translation.missing`.
    public var code: String
    /// Path relative to the root the command ran on.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// The stage that reported it (`load`, `check`, `render`, `write`), so a
    /// reader of CI output knows whether the repository failed to load or a
    /// check found it wrong; nil until a stage claims it.
    public var stage: String?

    public init(_ severity: Severity, _ code: String, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(_ code: DiagnosticCode, file: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, code.rawValue, file: file, line: line, column: column, message)
    }

    public static func warning(_ code: DiagnosticCode, file: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, code.rawValue, file: file, line: line, column: column, message)
    }

    enum CodingKeys: String, CodingKey { case severity, code, file, line, column, message, stage }

    /// Unknown line, column or stage are written as `null`, so every object
    /// has the same seven keys.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encode(code, forKey: .code)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(message, forKey: .message)
        try container.encode(stage, forKey: .stage)
    }

    /// The check that emitted it (`translation`), from `DiagnosticCode`;
    /// the part before the first dot for a code read back from elsewhere.
    public var checkName: String {
        DiagnosticCode(rawValue: code)?.check ?? code.split(separator: ".").first.map(String.init) ?? code
    }
}

extension Diagnostic {
    /// Output order: by file, then line, column, code and message, so every
    /// run prints the same lines in the same order.
    public static func stableOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if (lhs.column ?? 0) != (rhs.column ?? 0) { return (lhs.column ?? 0) < (rhs.column ?? 0) }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return lhs.message < rhs.message
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    public func sortedStably() -> [Diagnostic] { sorted(by: Diagnostic.stableOrder) }

    /// Claims the diagnostics no inner stage has claimed for `stage`.
    public func reported(by stage: String) -> [Diagnostic] {
        map { var copy = $0; if copy.stage == nil { copy.stage = stage }; return copy }
    }

    /// One of each finding, in order: a problem met by two stages (a values
    /// file the load stage could not read, which a check then validates)
    /// is reported once, by the stage that met it first.
    public func uniqueFindings() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return filter { var finding = $0; finding.stage = nil; return seen.insert(finding).inserted }
    }

    /// `--strict`: warnings count as errors.
    public func promotingWarnings() -> [Diagnostic] {
        map { var copy = $0; copy.severity = .error; return copy }
    }
}

/// Thrown when a stage cannot go on; carries what it found.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public func reported(by stage: String) -> DiagnosticsError { DiagnosticsError(diagnostics.reported(by: stage)) }
}
