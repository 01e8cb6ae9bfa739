import Foundation
import YAML
import Markdown

/// `docsite new adr "Title"`: the next-numbered record in every language,
/// from a template; translations start as stubs that `check` flags.
public enum NewADR {
    public static func create(root: URL, title: String, date: Date = Date()) throws(DiagnosticsError) -> [String] {
        let config = try SiteConfig.load(root: root)
        let trimmedTitle = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedTitle.isEmpty else {
            throw DiagnosticsError([.error(.adrMetadata, file: "content", "the ADR needs a title")])
        }
        let number = nextNumber(root: root, languages: config.languages)
        let slug = asciiSlug(trimmedTitle)
        let name = String(format: "%04d-%@.md", number, slug)
        let day = dayString(date)
        var created: [String] = []
        for language in config.languages {
            let path = "content/\(language)/adr/\(name)"
            let text = template(language: language, isSource: language == config.defaultLanguage,
                                title: trimmedTitle, date: day, number: number)
            let url = root.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw DiagnosticsError([.error(.outputWrite, file: path, "cannot create the ADR: \(error.localizedDescription)")])
            }
            created.append(path)
        }
        return created
    }

    static func nextNumber(root: URL, languages: [String]) -> Int {
        var highest = 0
        for language in languages {
            let folder = root.appendingPathComponent("content/\(language)/adr").path
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                highest = max(highest, ADRRecord.number(ofPath: name) ?? 0)
            }
        }
        return highest + 1
    }

    static func asciiSlug(_ title: String) -> String {
        let slug = Slug.make(title).unicodeScalars.filter { $0.isASCII }.map(String.init).joined()
        let collapsed = slug.split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return collapsed.isEmpty ? "decision" : String(collapsed.prefix(60))
    }

    static func dayString(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    static func template(language: String, isSource: Bool, title: String, date: String, number: Int) -> String {
        let quoted = YAMLEscaping.doubleQuoted(title)
        if language == "ru" {
            return """
            ---
            title: \(quoted)
            status: proposed
            date: \(date)
            translation_status: needed
            ---

            > Черновик перевода: переведите ADR \(number), удалите `translation_status` и выполните
            > `docsite translations sync`.

            ## Контекст {#context}

            ## Решение {#decision}

            ## Последствия {#consequences}

            ## Рассмотренные альтернативы {#alternatives-considered}

            """
        }
        return """
        ---
        title: \(quoted)
        status: proposed
        date: \(date)
        \(isSource ? "" : "translation_status: needed\n")---

        ## Context

        What is the situation, and what forces are at play?

        ## Decision

        What we decided, stated in full sentences.

        ## Consequences

        What becomes easier or harder because of this decision.

        ## Alternatives considered

        The options we did not take, and why.

        """
    }
}
