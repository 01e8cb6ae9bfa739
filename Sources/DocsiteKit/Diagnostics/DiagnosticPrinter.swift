import Foundation
import TypedHTML

/// The output formats shared by every command.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, github, junit
}

public enum DiagnosticPrinter {
    public static func render(_ diagnostics: [Diagnostic], format: OutputFormat, checks: [String] = []) -> String {
        let ordered = diagnostics.sortedStably()
        switch format {
        case .text: return text(ordered)
        case .json: return json(ordered)
        case .github: return github(ordered)
        case .junit: return junit(ordered, checks: checks)
        }
    }

    /// `file:line:col: error: message [code]`, then a summary line.
    static func text(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics {
            var location = d.file
            if let line = d.line {
                location += ":\(line)"
                if let column = d.column { location += ":\(column)" }
            }
            out += "\(terminalSafe(location)): \(d.severity.rawValue): \(terminalSafe(d.message)) [\(terminalSafe(d.code))]\n"
        }
        out += "\(diagnostics.errorCount) error(s), \(diagnostics.warningCount) warning(s)\n"
        return out
    }

    /// File names and messages quote content: control characters (escape
    /// sequences that could rewrite the terminal, fake lines, hide text) and
    /// bidirectional overrides are shown as `\u{…}` instead of acting.
    static func terminalSafe(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let isControl = v < 0x20 || (0x7F...0x9F).contains(v)
            let isBidi = (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
            if isControl || isBidi {
                out += "\\u{\(String(v, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    struct Report: Codable {
        struct Summary: Codable { var errors: Int; var warnings: Int }
        var diagnostics: [Diagnostic]
        var summary: Summary
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        let report = Report(diagnostics: diagnostics,
                            summary: .init(errors: diagnostics.errorCount, warnings: diagnostics.warningCount))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// GitHub workflow commands: `::error file=…,line=…,col=…,title=code::message`.
    static func github(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics {
            var properties = ["file=\(escapeGitHubProperty(d.file))"]
            if let line = d.line { properties.append("line=\(line)") }
            if let column = d.column { properties.append("col=\(column)") }
            properties.append("title=\(escapeGitHubProperty(d.code))")
            out += "::\(d.severity.rawValue) \(properties.joined(separator: ","))::\(escapeGitHubData(d.message))\n"
        }
        return out
    }

    static func escapeGitHubData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeGitHubProperty(_ s: String) -> String {
        escapeGitHubData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// JUnit XML: one test suite per check, one test case per file the check
    /// reported on; `checks` names checks that ran clean so they show as passed.
    static func junit(_ diagnostics: [Diagnostic], checks: [String]) -> String {
        var byCheck: [String: [String: [Diagnostic]]] = [:]
        for name in checks { byCheck[name, default: [:]] = byCheck[name] ?? [:] }
        for d in diagnostics { byCheck[d.checkName, default: [:]][d.file, default: []].append(d) }
        let failures = diagnostics.filter { $0.severity == .error }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"docsite check\" tests=\"\(byCheck.values.map { max($0.count, 1) }.reduce(0, +))\" failures=\"\(failures)\">\n"
        for check in byCheck.keys.sorted() {
            let files = byCheck[check] ?? [:]
            let failing = files.values.filter { $0.contains { $0.severity == .error } }.count
            out += "  <testsuite name=\"\(XMLEscaping.attribute(check))\" tests=\"\(max(files.count, 1))\" failures=\"\(failing)\">\n"
            if files.isEmpty {
                out += "    <testcase classname=\"\(XMLEscaping.attribute(check))\" name=\"all files\"/>\n"
            }
            for file in files.keys.sorted() {
                let found = files[file] ?? []
                out += "    <testcase classname=\"\(XMLEscaping.attribute(check))\" name=\"\(XMLEscaping.attribute(file))\">\n"
                for d in found where d.severity == .error {
                    out += "      <failure type=\"\(XMLEscaping.attribute(d.code))\" message=\"\(XMLEscaping.attribute(d.message))\">\(XMLEscaping.text(location(d))): \(XMLEscaping.text(d.message))\(XMLEscaping.text(stageNote(d)))</failure>\n"
                }
                let warnings = found.filter { $0.severity == .warning }
                if !warnings.isEmpty {
                    out += "      <system-out>\(warnings.map { XMLEscaping.text("\(location($0)): warning: \($0.message) [\($0.code)]\(stageNote($0))") }.joined(separator: "\n"))</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// ` (load stage)`: which stage reported it, when one did.
    static func stageNote(_ d: Diagnostic) -> String {
        d.stage.map { " (\($0) stage)" } ?? ""
    }

    static func location(_ d: Diagnostic) -> String {
        var s = d.file
        if let line = d.line { s += ":\(line)" }
        if let column = d.column { s += ":\(column)" }
        return s
    }
}
