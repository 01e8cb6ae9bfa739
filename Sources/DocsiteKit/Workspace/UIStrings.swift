import YAML
import Foundation

/// Words of the site itself (navigation, labels). Built-in defaults for
/// English and Russian; `content/i18n/<lang>.yaml` overrides or adds keys.
public struct UIStrings: Sendable {
    public var language: String
    public var table: [String: String]
    /// The keys `content/i18n/<lang>.yaml` defines, with their lines; nil
    /// without that file (the built-in words apply). The parity check reads
    /// these instead of the file.
    public var fileKeys: [String: Int]? = nil

    public static let builtIn: [String: [String: String]] = [
        "en": [
            "language.name": "English",
            "nav.label": "Site navigation",
            "nav.home": "Home",
            "nav.skip": "Skip to content",
            "toc.title": "On this page",
            "pager.label": "Previous and next page",
            "breadcrumbs.label": "Breadcrumbs",
            "pager.previous": "Previous",
            "pager.next": "Next",
            "lang.label": "Language",
            "lang.untranslated": "not translated yet",
            "heading.link": "Link to this section",
            "admonition.note": "Note",
            "admonition.tip": "Tip",
            "admonition.important": "Important",
            "admonition.warning": "Warning",
            "admonition.caution": "Caution",
            "section.guides": "Guides",
            "section.adr": "Architecture decisions",
            "section.testing": "Testing",
            "section.charts": "Chart reference",
            "section.examples": "Examples",
            "section.matrix": "Version matrix",
            "footer.text": "Built by docsite from the repository's content.",
            "notfound.title": "Page not found",
            "notfound.text": "There is no page at this address. Start again from the home page.",
            "redirect.text": "Go to the documentation",
            "page.updated": "Last updated",
            "page.edit": "Edit this page",
            "chart.meta": "Chart facts",
            "chart.version": "Chart version",
            "chart.appVersion": "App version",
            "chart.kubeVersion": "Kubernetes",
            "chart.dependencies": "Dependencies",
            "chart.maintainers": "Maintainers",
            "chart.install": "Install",
            "chart.installIntro": "Install with the shared overlay first, then your own values file:",
            "chart.examples": "Example overlays",
            "chart.values": "Values",
            "chart.valuesIntro": "Every key the chart accepts, from values.yaml and values.schema.json.",
            "chart.key": "Key",
            "chart.type": "Type",
            "chart.default": "Default",
            "chart.description": "Description",
            "chart.allowed": "Allowed",
            "values.oneOf": "one of:",
            "values.exactly": "exactly",
            "values.minimum": "≥",
            "values.above": ">",
            "values.maximum": "≤",
            "values.below": "<",
            "values.minLength": "length ≥",
            "values.maxLength": "length ≤",
            "values.minItems": "items ≥",
            "values.maxItems": "items ≤",
            "values.pattern": "pattern:",
            "values.format": "format:",
            "values.items": "items:",
            "values.notSet": "not set",
            "values.legend": "How to read the Default column",
            "values.legend.emptyString": "the default is an empty string: the chart treats the key as unset or fills it in itself",
            "values.emptyCell": "empty cell",
            "values.legend.group": "the key groups the keys listed below it; set those instead",
            "values.legend.notSet": "values.yaml gives no default; the chart's templates decide what happens without one",
            "chart.required": "required",
            "chart.untranslated": "not translated",
            "chart.condition": "enabled by",
            "chart.subchartPage": "subchart reference",
            "chart.crds": "Custom resources",
            "charts.intro": "Reference pages generated from each chart's Chart.yaml, values.yaml and values.schema.json.",
            "charts.chart": "Chart",
            "compare.title": "Spark 3.5 and 4.1 charts compared",
            "compare.intro": "Keys of spark-3.5 and spark-4.1 (with their subcharts), and of each against spark-base: what exists in only one, and where type or default differ. Read this before moving a workload from 3.5 to 4.1.",
            "compare.counts": "Keys per section",
            "compare.onlyIn": "Only in",
            "compare.typeDiffers": "Type differs",
            "compare.defaultDiffers": "Default differs",
            "compare.sharedWith": "Shared with",
            "compare.nothing": "No differences.",
            "crd.title": "Spark Operator custom resources",
            "crd.intro": "Generated from the CRDs in charts/spark-operator/crds/.",
            "crd.field": "Field",
            "crd.versions": "Versions",
            "crd.example": "Example",
            "matrix.title": "Component version matrix",
            "matrix.component": "Component",
            "matrix.verified": "matches the chart",
            "matrix.notes": "Notes",
            "matrix.intro": "Which version of each component ships in each Spark line, the image it comes in and the chart key that pins it. The site's check compares every version here with the charts and fails when they disagree.",
            "matrix.legend.verified": "the chart key pins exactly this version (checked at every build)",
            "matrix.legend.absent": "the component is not part of this Spark line",
            "adr.number": "No.",
            "adr.title": "Decision",
            "adr.status": "Status",
            "adr.date": "Date",
            "adr.filter": "Show",
            "adr.all": "all",
            "adr.counts": "Decisions by status",
            "adr.total": "Total",
            "adr.empty": "No decisions are recorded yet.",
            "adr.supersedes": "Supersedes",
            "adr.supersededBy": "Superseded by",
            "adr.status.proposed": "proposed",
            "adr.status.accepted": "accepted",
            "adr.status.rejected": "rejected",
            "adr.status.deprecated": "deprecated",
            "adr.status.superseded": "superseded",
            "backlinks.title": "Referenced by",
            "examples.title": "Example overlays",
            "examples.intro": "Values files that install as they are; each validated against its chart's schema by docsite check.",
            "examples.chart": "Target chart",
            "examples.verdict": "Validation",
            "examples.valid": "valid against the chart's schema",
            "examples.invalid": "does not validate",
            "examples.file": "File",
            "examples.command": "Install command",
            "examples.raw": "Download",
            "examples.when": "When to use",
            "translations.title": "Translation status",
            "translations.intro": "Every page and its translation: up to date, stale (the original changed since) or missing.",
            "translations.page": "Page",
            "translations.state": "State",
            "codes.title": "Diagnostic codes",
            "codes.intro": "Every code docsite build and docsite check report: its severity, what it means and how to fix it. With --strict, as in CI, warnings count as errors.",
            "codes.code": "Code",
            "codes.severity": "Severity",
            "codes.meaning": "What it means",
            "codes.fix": "How to fix it",
            "translations.up-to-date": "up to date",
            "translations.stale": "stale",
            "translations.missing": "missing",
            "translations.summary.up-to-date": "up to date",
            "translations.summary.stale": "stale",
            "translations.summary.missing": "missing",
            "translations.changes": "What changed in English",
            "translations.diff-lines": "lines of English since the translated version",
            "translations.no-history": "changed in English, but the translated version is not in the git history, so no diff can be shown",
            "search.label": "Search",
        ],
        "ru": [
            "language.name": "Русский",
            "nav.label": "Навигация по сайту",
            "nav.home": "Главная",
            "nav.skip": "Перейти к содержимому",
            "toc.title": "На этой странице",
            "pager.label": "Предыдущая и следующая страницы",
            "breadcrumbs.label": "Путь к странице",
            "pager.previous": "Назад",
            "pager.next": "Далее",
            "lang.label": "Язык",
            "lang.untranslated": "перевода пока нет",
            "heading.link": "Ссылка на этот раздел",
            "admonition.note": "Примечание",
            "admonition.tip": "Совет",
            "admonition.important": "Важно",
            "admonition.warning": "Предупреждение",
            "admonition.caution": "Осторожно",
            "section.guides": "Руководства",
            "section.adr": "Архитектурные решения",
            "section.testing": "Тестирование",
            "section.charts": "Справочник чартов",
            "section.examples": "Примеры",
            "section.matrix": "Матрица версий",
            "footer.text": "Сайт собран docsite из содержимого репозитория.",
            "notfound.title": "Страница не найдена",
            "notfound.text": "По этому адресу страницы нет. Начните с главной страницы.",
            "redirect.text": "Перейти к документации",
            "page.updated": "Обновлено",
            "page.edit": "Редактировать страницу",
            "chart.meta": "Сведения о чарте",
            "chart.version": "Версия чарта",
            "chart.appVersion": "Версия приложения",
            "chart.kubeVersion": "Kubernetes",
            "chart.dependencies": "Зависимости",
            "chart.maintainers": "Сопровождающие",
            "chart.install": "Установка",
            "chart.installIntro": "Сначала общий оверлей, затем собственный файл values:",
            "chart.examples": "Примеры оверлеев",
            "chart.values": "Values",
            "chart.valuesIntro": "Все ключи, которые принимает чарт, по values.yaml и values.schema.json.",
            "chart.key": "Ключ",
            "chart.type": "Тип",
            "chart.default": "По умолчанию",
            "chart.description": "Описание",
            "chart.allowed": "Допустимо",
            "values.oneOf": "одно из:",
            "values.exactly": "ровно",
            "values.minimum": "≥",
            "values.above": ">",
            "values.maximum": "≤",
            "values.below": "<",
            "values.minLength": "длина ≥",
            "values.maxLength": "длина ≤",
            "values.minItems": "элементов ≥",
            "values.maxItems": "элементов ≤",
            "values.pattern": "шаблон:",
            "values.format": "формат:",
            "values.items": "элементы:",
            "values.notSet": "не задано",
            "values.legend": "Как читать столбец «По умолчанию»",
            "values.legend.emptyString": "по умолчанию пустая строка: чарт считает ключ незаданным или подставляет значение сам",
            "values.emptyCell": "пустая ячейка",
            "values.legend.group": "ключ объединяет перечисленные под ним ключи; задавайте их",
            "values.legend.notSet": "в values.yaml нет значения по умолчанию; что будет без него, решают шаблоны чарта",
            "chart.required": "обязательный",
            "chart.untranslated": "нет перевода",
            "chart.condition": "включается ключом",
            "chart.subchartPage": "справочник сабчарта",
            "chart.crds": "Пользовательские ресурсы",
            "charts.intro": "Справочные страницы, собранные из Chart.yaml, values.yaml и values.schema.json каждого чарта.",
            "charts.chart": "Чарт",
            "compare.title": "Сравнение чартов Spark 3.5 и 4.1",
            "compare.intro": "Ключи spark-3.5 и spark-4.1 (вместе с сабчартами) и каждого из них относительно spark-base: что есть только в одном и где различаются тип или значение по умолчанию. Прочитайте перед переносом рабочей нагрузки с 3.5 на 4.1.",
            "compare.counts": "Число ключей по разделам",
            "compare.onlyIn": "Только в",
            "compare.typeDiffers": "Различается тип",
            "compare.defaultDiffers": "Различается значение по умолчанию",
            "compare.sharedWith": "Общие ключи с",
            "compare.nothing": "Различий нет.",
            "crd.title": "Пользовательские ресурсы Spark Operator",
            "crd.intro": "Собрано из CRD в charts/spark-operator/crds/.",
            "crd.field": "Поле",
            "crd.versions": "Версии",
            "crd.example": "Пример",
            "matrix.title": "Матрица версий компонентов",
            "matrix.component": "Компонент",
            "matrix.verified": "совпадает с чартом",
            "matrix.notes": "Примечания",
            "matrix.intro": "Какая версия каждого компонента входит в каждую линейку Spark, в каком образе она поставляется и какой ключ чарта её закрепляет. Проверка сайта сверяет каждую версию из таблицы с чартами и сообщает об ошибке при расхождении.",
            "matrix.legend.verified": "ключ чарта закрепляет именно эту версию (проверяется при каждой сборке)",
            "matrix.legend.absent": "компонента нет в этой линейке Spark",
            "adr.number": "№",
            "adr.title": "Решение",
            "adr.status": "Статус",
            "adr.date": "Дата",
            "adr.filter": "Показать",
            "adr.all": "все",
            "adr.counts": "Решения по статусам",
            "adr.total": "Всего",
            "adr.empty": "Решений пока нет.",
            "adr.supersedes": "Заменяет",
            "adr.supersededBy": "Заменено",
            "adr.status.proposed": "предложено",
            "adr.status.accepted": "принято",
            "adr.status.rejected": "отклонено",
            "adr.status.deprecated": "устарело",
            "adr.status.superseded": "заменено",
            "backlinks.title": "Ссылаются на эту страницу",
            "examples.title": "Примеры оверлеев",
            "examples.intro": "Файлы values, которые устанавливаются как есть; docsite check проверяет каждый по схеме его чарта.",
            "examples.chart": "Чарт",
            "examples.verdict": "Проверка",
            "examples.valid": "соответствует схеме чарта",
            "examples.invalid": "не проходит проверку",
            "examples.file": "Файл",
            "examples.command": "Команда установки",
            "examples.raw": "Скачать",
            "examples.when": "Когда применять",
            "translations.title": "Состояние переводов",
            "translations.intro": "Каждая страница и её перевод: актуален, устарел (оригинал с тех пор менялся) или отсутствует.",
            "translations.page": "Страница",
            "translations.state": "Состояние",
            "codes.title": "Коды диагностики",
            "codes.intro": "Все коды, которые сообщают docsite build и docsite check: уровень, что код значит и как исправить проблему. С --strict, как в CI, предупреждения считаются ошибками.",
            "codes.code": "Код",
            "codes.severity": "Уровень",
            "codes.meaning": "Что значит",
            "codes.fix": "Как исправить",
            "translations.up-to-date": "актуален",
            "translations.stale": "устарел",
            "translations.missing": "отсутствует",
            "translations.summary.up-to-date": "актуальны",
            "translations.summary.stale": "устарели",
            "translations.summary.missing": "отсутствуют",
            "translations.changes": "Что изменилось в английском тексте",
            "translations.diff-lines": "строк английского текста с переведённой версии",
            "translations.no-history": "английский текст изменился, но переведённой версии нет в истории git, поэтому разницу показать нельзя",
            "search.label": "Поиск",
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
            var strings = UIStrings(language: language, table: builtIn[language] ?? builtIn["en"] ?? [:])
            do {
                // Not UTF-8 is an error (fileEntries decodes strictly): it used to count as no file.
                if let items = try fileEntries(root: root, language: language) {
                    var keys: [String: Int] = [:]
                    for item in items { strings.table[item.key] = item.value; keys[item.key] = item.line }
                    strings.fileKeys = keys
                }
            } catch {
                problems += error.diagnostics
            }
            result[language] = strings
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return result
    }

    /// The keys `content/i18n/<language>.yaml` sets, in file order; nil
    /// when the language has no such file.
    public static func fileEntries(root: URL, language: String) throws(DiagnosticsError) -> [(key: String, value: String, line: Int)]? {
        let path = file(for: language)
        guard let data = SourcePolicy.read(root: root, file: path) else { return nil }
        guard let node = try YAMLLoader.load(TextDecoding.decode(data, file: path), file: path) else { return [] }
        return flatten(node)
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
