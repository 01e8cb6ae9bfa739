import Foundation

/// Words of the site itself (navigation, labels). Built-in defaults for
/// English and Russian; `content/i18n/<lang>.yaml` overrides or adds keys.
public struct UIStrings: Sendable {
    public var language: String
    public var table: [String: String]

    public static let builtIn: [String: [String: String]] = [
        "en": [
            "language.name": "English",
            "nav.label": "Site navigation",
            "nav.home": "Home",
            "nav.skip": "Skip to content",
            "toc.title": "On this page",
            "pager.label": "Previous and next page",
            "pager.previous": "Previous",
            "pager.next": "Next",
            "lang.label": "Language",
            "lang.untranslated": "not translated yet",
            "heading.link": "Link to this section",
            "section.guides": "Guides",
            "section.adr": "Architecture decisions",
            "section.testing": "Testing",
            "section.charts": "Chart reference",
            "section.examples": "Examples",
            "footer.text": "Built by docsite from the repository's content.",
            "notfound.title": "Page not found",
            "notfound.text": "There is no page at this address. Start again from the home page.",
            "redirect.text": "Go to the documentation",
        ],
        "ru": [
            "language.name": "Русский",
            "nav.label": "Навигация по сайту",
            "nav.home": "Главная",
            "nav.skip": "Перейти к содержимому",
            "toc.title": "На этой странице",
            "pager.label": "Предыдущая и следующая страницы",
            "pager.previous": "Назад",
            "pager.next": "Далее",
            "lang.label": "Язык",
            "lang.untranslated": "перевода пока нет",
            "heading.link": "Ссылка на этот раздел",
            "section.guides": "Руководства",
            "section.adr": "Архитектурные решения",
            "section.testing": "Тестирование",
            "section.charts": "Справочник чартов",
            "section.examples": "Примеры",
            "footer.text": "Сайт собран docsite из содержимого репозитория.",
            "notfound.title": "Страница не найдена",
            "notfound.text": "По этому адресу страницы нет. Начните с главной страницы.",
            "redirect.text": "Перейти к документации",
        ],
    ]

    public subscript(key: String) -> String {
        table[key] ?? UIStrings.builtIn["en"]?[key] ?? key
    }

    public static func file(for language: String) -> String { "content/i18n/\(language).yaml" }

    /// Loads the strings for every language: built-in defaults, then the file.
    public static func load(root: URL, languages: [String]) throws(DiagnosticsError) -> [String: UIStrings] {
        var result: [String: UIStrings] = [:]
        var problems: [Diagnostic] = []
        for language in languages {
            var table = builtIn[language] ?? builtIn["en"] ?? [:]
            let path = file(for: language)
            if let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) {
                do {
                    if let node = try YAMLLoader.load(text, file: path) {
                        for item in flatten(node) { table[item.key] = item.value }
                    }
                } catch {
                    problems += error.diagnostics
                }
            }
            result[language] = UIStrings(language: language, table: table)
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return result
    }

    /// Nested mappings become dotted keys: `nav: {home: Home}` -> `nav.home`.
    public static func flatten(_ node: YAMLNode, prefix: String = "") -> [(key: String, value: String, line: Int)] {
        guard let entries = node.entries else { return [] }
        var out: [(key: String, value: String, line: Int)] = []
        for entry in entries {
            let key = prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)"
            if entry.value.entries != nil {
                out += flatten(entry.value, prefix: key)
            } else {
                out.append((key: key, value: entry.value.string ?? "", line: entry.line))
            }
        }
        return out
    }
}
