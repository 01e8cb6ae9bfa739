/// The published reference of every code: its severities, what it means and
/// how to fix it, in English and Russian side by side, so a new code cannot
/// compile without both (the site's "Diagnostic codes" page is made from it).
/// Text in backticks is shown as code.
extension DiagnosticCode {
    public struct Explanation: Sendable, Equatable {
        public var meaning: String
        public var fix: String
    }

    /// The severities the code is reported with (`--strict` makes every
    /// warning an error).
    public var severities: [Diagnostic.Severity] { entry.severities }

    /// What the code means and how to fix it in `language` (`en`, `ru`);
    /// English for a language the reference has no text in.
    public func explanation(_ language: String) -> Explanation {
        language == "ru" ? entry.ru : entry.en
    }

    /// The languages the reference is written in.
    public static let referenceLanguages = ["en", "ru"]

    private struct Entry {
        var severities: [Diagnostic.Severity]
        var en: Explanation
        var ru: Explanation
    }

    private static func entry(_ severities: [Diagnostic.Severity], _ enMeaning: String, _ enFix: String,
                              _ ruMeaning: String, _ ruFix: String) -> Entry {
        Entry(severities: severities, en: Explanation(meaning: enMeaning, fix: enFix), ru: Explanation(meaning: ruMeaning, fix: ruFix))
    }

    private var entry: Entry {
        typealias E = DiagnosticCode
        switch self {
        case .adrLink: return E.entry([.error],
            "`supersedes` names a missing ADR or is not mirrored by `superseded_by`, or a superseded ADR names no successor",
            "Add the mirror entry on the other ADR",
            "`supersedes` называет несуществующий ADR или не отражён в `superseded_by`, либо заменённый ADR не называет преемника",
            "Добавьте ответную запись в другой ADR")
        case .adrMetadata: return E.entry([.error],
            "An ADR file name is not `NNNN-slug.md`, its number is taken, or `status`/`date`/`supersedes` is missing or invalid",
            "Rename the file or fix the front matter",
            "Имя файла ADR не `NNNN-slug.md`, номер занят, или `status`/`date`/`supersedes` отсутствует либо неверен",
            "Переименуйте файл или исправьте front matter")
        case .adrSections: return E.entry([.error],
            "An ADR lacks Context, Decision or Consequences, or has them out of order",
            "Add the `##` sections in the order Context, Decision, Consequences, Alternatives considered",
            "В ADR нет разделов Context, Decision или Consequences, или они идут не по порядку",
            "Добавьте разделы `##` в порядке Context, Decision, Consequences, Alternatives considered")
        case .anchorBroken: return E.entry([.error],
            "The `#fragment` of a link matches no heading of the target page, in one of the languages",
            "Use the English slug; in Russian add the matching `{#id}` to the heading",
            "`#fragment` ссылки не совпадает ни с одним заголовком целевой страницы на одном из языков",
            "Используйте английский slug; в русском заголовке добавьте соответствующий `{#id}`")
        case .chartSchemaInvalid: return E.entry([.error],
            "A chart's `values.schema.json` is not valid JSON or not a JSON Schema docsite can compile; nothing is validated against it",
            "Fix the schema at the line given (this is a chart bug, not a docs bug)",
            "`values.schema.json` чарта — не корректный JSON или не JSON Schema, которую docsite может скомпилировать; по ней ничего не проверяется",
            "Исправьте схему в указанной строке (это ошибка чарта, а не документации)")
        case .chartUndocumented: return E.entry([.warning],
            "A property in a chart's schema has no description, so the reference page would show an empty cell",
            "Add a `description` to the schema property (or the `# --` comment the schema is generated from)",
            "У свойства в схеме чарта нет описания, и справочная страница покажет пустую ячейку",
            "Добавьте `description` свойству схемы (или комментарий `# --`, из которого генерируется схема)")
        case .chartValuesInvalid: return E.entry([.error],
            "A chart's own `values.yaml` breaks its `values.schema.json`",
            "Fix the chart (this is a chart bug, not a docs bug)",
            "Собственный `values.yaml` чарта нарушает его `values.schema.json`",
            "Исправьте чарт (это ошибка чарта, а не документации)")
        case .configInvalid: return E.entry([.error],
            "`content/site.yaml` is missing a field or has a wrong one (languages, sections, titles)",
            "Compare with the fields described in the README; every language needs a title and description",
            "В `content/site.yaml` нет нужного поля или оно неверно (языки, разделы, заголовки)",
            "Сверьтесь с полями, описанными в README; каждому языку нужны заголовок и описание")
        case .configMissing: return E.entry([.error],
            "`content/site.yaml` does not exist or cannot be read, so nothing else is loaded",
            "Run the command from the repository root (or pass `--root`), or create the file with `title`, `languages` and `sections`",
            "`content/site.yaml` нет или его нельзя прочитать, поэтому больше ничего не загружается",
            "Запускайте команду из корня репозитория (или укажите `--root`) либо создайте файл с `title`, `languages` и `sections`")
        case .contentActiveFile: return E.entry([.error],
            "An `.html`, `.svg`, `.js` (or other script-capable) file is under `content/`; it is not published",
            "Use a raster image (`.png`, `.jpg`, `.webp`) or write the content as a Markdown page",
            "В `content/` лежит файл `.html`, `.svg`, `.js` (или другой, способный выполнять скрипты); он не публикуется",
            "Используйте растровое изображение (`.png`, `.jpg`, `.webp`) или оформите содержимое страницей Markdown")
        case .contentCollision: return E.entry([.error],
            "Two sources become the same output file: `a.md` beside `a/index.md`, or names that differ only in Unicode normalisation",
            "Keep one of them; rename or remove the other",
            "Два исходника дают один и тот же выходной файл: `a.md` рядом с `a/index.md` или имена, различающиеся только нормализацией Unicode",
            "Оставьте один из них, другой переименуйте или удалите")
        case .contentEncoding: return E.entry([.error],
            "A file docsite reads (a page, a chart schema, UI strings) is not valid UTF-8 or holds a NUL byte; the line of the first bad byte is given",
            "Re-save the file as UTF-8 (without a byte order mark)",
            "Файл, который читает docsite (страница, схема чарта, строки интерфейса), — не корректный UTF-8 или содержит байт NUL; указана строка первого неверного байта",
            "Пересохраните файл в UTF-8 (без BOM)")
        case .contentUnreadable: return E.entry([.error],
            "A file that was listed (a page, an image to copy, a chart schema, a file given to `translations sync`) cannot be read, or a page changed after the build took it as unchanged",
            "Check the file's permissions, or whether it was removed or edited while docsite ran; then build again",
            "Файл из списка (страницу, изображение для копирования, схему чарта, файл для `translations sync`) не удаётся прочитать, или страница изменилась после того, как сборка сочла её неизменной",
            "Проверьте права доступа к файлу и не был ли он удалён или изменён во время работы docsite; затем запустите сборку ещё раз")
        case .fileSpecial: return E.entry([.error, .warning],
            "A FIFO, socket or device sits under `content/` (skipped without being opened: warning) or is named where a file is read (error)",
            "Remove it, or replace it by a regular file",
            "В `content/` лежит FIFO, сокет или устройство (пропускается, не открываясь: предупреждение) или он указан там, где читается файл (ошибка)",
            "Удалите его или замените обычным файлом")
        case .frontmatterInvalid: return E.entry([.error],
            "The front matter is missing, not closed by `---`, not valid YAML, or has no `title`",
            "Put `---`, `title: …`, `---` at the top; quote values that contain `:` or `#`",
            "Front matter отсутствует, не закрыт `---`, не является корректным YAML или в нём нет `title`",
            "Поставьте в начало `---`, `title: …`, `---`; значения с `:` или `#` берите в кавычки")
        case .headingDuplicateId: return E.entry([.error],
            "Two headings of a page have the same explicit `{#id}`",
            "Give each heading its own id",
            "У двух заголовков страницы одинаковый явный `{#id}`",
            "Дайте каждому заголовку свой id")
        case .headingReservedId: return E.entry([.error],
            "An explicit `{#id}` is one the page layout uses itself (`content`, `adr-status`, `backlinks-title`, `pagefind-…`)",
            "Choose another id",
            "Явный `{#id}` совпадает с id, который использует сам макет страницы (`content`, `adr-status`, `backlinks-title`, `pagefind-…`)",
            "Выберите другой id")
        case .linkBroken: return E.entry([.error],
            "A link points to a page, file, chart or values key that does not exist",
            "Fix the path (relative to the page) or the key path (dotted, from the chart's own `values.yaml`)",
            "Ссылка ведёт на несуществующую страницу, файл, чарт или ключ values",
            "Исправьте путь (относительно страницы) или путь ключа (через точку, из собственного `values.yaml` чарта)")
        case .linkOutside: return E.entry([.error],
            "A relative link climbs out of the repository root, or a symbolic link leads out of `content/` (`charts/` for chart files) or to a dot-file",
            "Link to a page or file inside the repository, or use a full `https://` URL; replace the symbolic link by the file itself",
            "Относительная ссылка выходит за корень репозитория, либо символическая ссылка ведёт за пределы `content/` (`charts/` для файлов чартов) или на файл, имя которого начинается с точки",
            "Ссылайтесь на страницу или файл внутри репозитория либо используйте полный URL `https://`; замените символическую ссылку самим файлом")
        case .markdownBudget: return E.entry([.error],
            "A page exceeds a budget checked before parsing (size, table columns or cells, slow inputs, reference-link copies) or its HTML is over the cap; the line is where the excess starts",
            "Split the page or the table; ADR 0014 lists the budgets",
            "Страница превышает бюджет, проверяемый до разбора (размер, столбцы или ячейки таблицы, медленные конструкции, копии ссылок-сносок), или её HTML больше предела; строка — там, где начинается превышение",
            "Разделите страницу или таблицу; бюджеты перечислены в ADR 0014")
        case .markdownFlattened: return E.entry([.warning],
            "Lists or quotes are nested deeper than the Markdown parser follows; from the line given, the rest is shown as plain text",
            "Nest less deeply: split the list, or turn the innermost level into a paragraph or a table",
            "Списки или цитаты вложены глубже, чем разбирает парсер Markdown; начиная с указанной строки остальное показано простым текстом",
            "Уменьшите вложенность: разбейте список или превратите самый глубокий уровень в абзац или таблицу")
        case .markdownAdmonition: return E.entry([.warning],
            "A block quote starts with `[!NAME]`, but NAME is none of the admonition kinds (NOTE, TIP, IMPORTANT, WARNING, CAUTION), so it is shown as a plain quote with the marker in it",
            "Use one of the five kinds (`> [!WARNING]`), or write the quote without `[!…]`",
            "Цитата начинается с `[!NAME]`, но NAME не из видов врезок (NOTE, TIP, IMPORTANT, WARNING, CAUTION), поэтому она показана обычной цитатой вместе с меткой",
            "Укажите один из пяти видов (`> [!WARNING]`) или уберите `[!…]` из цитаты")
        case .markdownFenceInfo: return E.entry([.warning],
            "The info string after a code fence's backticks is malformed: a quote is not closed or the `title` is empty; the block is shown without a title",
            "Close the quote and give a title: `yaml title=\"values-prod.yaml\"` after the backticks",
            "Строка после открывающих обратных кавычек блока кода некорректна: кавычка не закрыта или `title` пуст; блок показан без заголовка",
            "Закройте кавычку и укажите заголовок: `yaml title=\"values-prod.yaml\"` после обратных кавычек")
        case .matrixDrift: return E.entry([.error],
            "A cell of `content/matrix.yaml` names an image or tag that differs from what the chart pins at the given key",
            "Update the matrix cell (or the chart) so both say the same",
            "Ячейка `content/matrix.yaml` называет образ или тег, отличный от того, что чарт закрепляет по указанному ключу",
            "Обновите ячейку матрицы (или чарт), чтобы они совпадали")
        case .outputLocked: return E.entry([.error],
            "Another docsite build or `serve` is writing the same output folder, or its lock file cannot be opened",
            "Wait for the other build to end (or stop it), or build into another `--out` folder",
            "Ту же выходную папку пишет другая сборка docsite или `serve`, либо не удаётся открыть её файл блокировки",
            "Дождитесь конца другой сборки (или остановите её) либо собирайте в другую папку `--out`")
        case .outputWrite: return E.entry([.error],
            "The site could not be written, or `--out` names a folder docsite must not replace (the repository, `content/`, a folder that is not a docsite output); the previous output is kept",
            "Choose another `--out` folder, or free disk space and check permissions, then build again",
            "Сайт не удалось записать, или `--out` указывает папку, которую docsite не должен заменять (репозиторий, `content/`, папку, которая не является выходом docsite); прежний результат сохранён",
            "Выберите другую папку `--out` либо освободите место на диске и проверьте права, затем соберите снова")
        case .overlayInvalid: return E.entry([.error],
            "An example overlay, merged over its chart's defaults, breaks the chart's schema; file and line are given",
            "Fix the value named in the message (type, enum, range, pattern, unknown key under a closed object)",
            "Пример оверлея, наложенный на значения чарта по умолчанию, нарушает схему чарта; файл и строка указаны",
            "Исправьте названное в сообщении значение (тип, перечисление, диапазон, шаблон, неизвестный ключ в закрытом объекте)")
        case .overlayUnknownChart: return E.entry([.error],
            "No chart under `charts/` matches the overlay's file name",
            "Rename it `values-<chart>-<variant>.yaml` with an existing chart",
            "Имени файла оверлея не соответствует ни один чарт в `charts/`",
            "Переименуйте его в `values-<chart>-<variant>.yaml` с существующим чартом")
        case .overlayUnknownKey: return E.entry([.warning],
            "An overlay sets a key that the chart's `values.yaml` does not have, even if the schema allows it (a typo such as `replica:`)",
            "Correct the key, or add it to the chart's values and schema first",
            "Оверлей задаёт ключ, которого нет в `values.yaml` чарта, даже если схема его допускает (опечатка вроде `replica:`)",
            "Исправьте ключ или сначала добавьте его в values и схему чарта")
        case .overlayWhen: return E.entry([.warning],
            "An example overlay's leading comment has no `# when:` line (one sentence on when to use the overlay, shown on its example page) for one of the site's languages, names a language the site does not have, or repeats one",
            "Add `# when: …` in the default language and `# when[ru]: …` for each other language, one line each, to the comment at the top of the file",
            "В начальном комментарии примера оверлея нет строки `# when:` (одного предложения о том, когда применять оверлей; оно показано на его странице) для одного из языков сайта, строка называет язык, которого на сайте нет, или повторяется",
            "Добавьте в комментарий в начале файла `# when: …` на языке по умолчанию и `# when[ru]: …` для каждого другого языка, по одной строке")
        case .overlayUnsupported: return E.entry([.warning],
            "A chart uses something docsite does not apply when it validates (`import-values`, packaged `.tgz` subcharts), so Helm's verdict may differ",
            "Unpack the subchart into `charts/`, or check the overlay with `helm template` as well",
            "Чарт использует то, что docsite не применяет при проверке (`import-values`, упакованные подчарты `.tgz`), поэтому вердикт Helm может отличаться",
            "Распакуйте подчарт в `charts/` или дополнительно проверьте оверлей через `helm template`")
        case .poSyntax: return E.entry([.error],
            "A PO file given to `translations import` is not valid gettext PO (syntax, escapes, header without `Language`, a repeated entry); file and line are given, and nothing is imported",
            "Fix the file at that line, or export it again with `docsite translations export --format po`",
            "PO-файл, переданный `translations import`, не является корректным gettext PO (синтаксис, экранирование, заголовок без `Language`, повтор записи); указаны файл и строка, ничего не импортируется",
            "Исправьте файл в указанной строке или выгрузите его заново командой `docsite translations export --format po`")
        case .searchUnavailable: return E.entry([.warning],
            "Pagefind was not found, so the site is built without its search index",
            "Run `make site` (it installs Pagefind), put `pagefind` on `PATH` or set `PAGEFIND`; `--no-search` builds without search on purpose",
            "Pagefind не найден, поэтому сайт собран без поискового индекса",
            "Запустите `make site` (он ставит Pagefind), добавьте `pagefind` в `PATH` или задайте `PAGEFIND`; `--no-search` намеренно собирает без поиска")
        case .sitemapNoBaseURL: return E.entry([.warning],
            "`content/site.yaml` has no `base_url`, so the build writes no `sitemap.xml` and no canonical links: both need absolute addresses",
            "Set `base_url` to the site's public address (for example `https://example.org/docs/`); without a public address, the warning can stay",
            "В `content/site.yaml` нет `base_url`, поэтому сборка не пишет `sitemap.xml` и канонические ссылки: обоим нужны абсолютные адреса",
            "Укажите в `base_url` публичный адрес сайта (например, `https://example.org/docs/`); если публичного адреса нет, предупреждение можно оставить")
        case .translationDrift: return E.entry([.warning],
            "The pair differs in the number of headings, code blocks or tables, in the kinds of admonitions, in link targets, or in a code block's code, title or language",
            "Make the structure match; copy code blocks, with their titles and languages, from the English page unchanged",
            "Пара различается числом заголовков, блоков кода или таблиц, видами врезок, целями ссылок или кодом, заголовком или языком блока кода",
            "Приведите структуру в соответствие; копируйте блоки кода вместе с заголовками и языком с английской страницы без изменений")
        case .translationMissing: return E.entry([.error],
            "An English page has no Russian twin at the same path, a Russian stub still has `translation_status: needed`, or a UI string or values description has no Russian text",
            "Create or finish the translation, then run `translations sync`",
            "У английской страницы нет русской пары по тому же пути, русская заготовка всё ещё содержит `translation_status: needed` или у строки интерфейса либо описания values нет русского текста",
            "Создайте или допишите перевод, затем выполните `translations sync`")
        case .translationOrphan: return E.entry([.error, .warning],
            "A Russian page, UI string or values description has no English original any more (warning); `translations sync` was given a page without one (error)",
            "Delete it, or move it to where the English original went",
            "У русской страницы, строки интерфейса или описания values больше нет английского оригинала (предупреждение); `translations sync` получил страницу без оригинала (ошибка)",
            "Удалите её или перенесите туда, куда переехал английский оригинал")
        case .translationStale: return E.entry([.warning],
            "The English body changed since the translation was synced, or `source_hash` is missing",
            "See what changed with `docsite translations diff content/ru/<path>.md`, update the Russian text, then `docsite translations sync content/ru/<path>.md`",
            "Английский текст изменился после синхронизации перевода или `source_hash` отсутствует",
            "Посмотрите изменения командой `docsite translations diff content/ru/<path>.md`, обновите русский текст, затем `docsite translations sync content/ru/<path>.md`")
        case .translationHistory: return E.entry([.error],
            "`translations diff` cannot find the English text of the recorded `source_hash`: not a git checkout, no `git`, a shallow clone, or no commit has that text",
            "Fetch the full history (`git fetch --unshallow`) or compare the pages by hand, update the translation and sync it",
            "`translations diff` не находит английский текст записанного `source_hash`: это не рабочая копия git, нет `git`, клон неполный (shallow) или ни в одном коммите нет такого текста",
            "Загрузите полную историю (`git fetch --unshallow`) или сравните страницы вручную, обновите перевод и синхронизируйте его")
        case .translationTerm: return E.entry([.warning],
            "A Russian page or a translated values description uses a variant that `content/i18n/glossary.yaml` forbids; line and column are given",
            "Write the glossary's term instead (the writing guide explains the glossary)",
            "Русская страница или переведённое описание values использует вариант, который запрещает `content/i18n/glossary.yaml`; указаны строка и столбец",
            "Напишите термин из глоссария (глоссарий описан в руководстве по документации)")
        case .translationImport: return E.entry([.warning],
            "`translations import` left an entry out (unknown or missing `msgctxt`, a duplicate, plural forms, a stale UI string) or imported it as stale (fuzzy, or translated from older English)",
            "Fix the entry in the translation tool, or translate the stale entry again against today's English",
            "`translations import` пропустил запись (неизвестный или отсутствующий `msgctxt`, повтор, формы множественного числа, устаревшая строка интерфейса) или импортировал её как устаревшую (fuzzy или переведённую с прежнего английского текста)",
            "Исправьте запись в инструменте перевода или переведите устаревшую запись заново по текущему английскому тексту")
        case .translationSync: return E.entry([.error],
            "`translations sync` or `translations diff` was given a file that is not a translation (not `content/<language>/…md` in a language other than the default)",
            "Pass the Russian page, e.g. `content/ru/guides/writing-docs.md`",
            "`translations sync` или `translations diff` получил файл, который не является переводом (не `content/<language>/…md` на языке, отличном от основного)",
            "Передайте русскую страницу, например `content/ru/guides/writing-docs.md`")
        case .yamlIgnored: return E.entry([.warning],
            "Helm stops reading a values file at a `...` end marker; what follows it is ignored",
            "Remove the marker, or start a new document with a `---` line",
            "Helm прекращает чтение файла values на маркере конца `...`; всё, что после него, игнорируется",
            "Уберите маркер или начните новый документ строкой `---`")
        case .yamlInvalid: return E.entry([.error],
            "A YAML file (`matrix.yaml`, an overlay, UI strings, a chart translation or CRD) does not parse or is refused (depth, aliases, duplicate keys); the line is given",
            "Fix the syntax at that line: indentation, unquoted `:`, tabs",
            "YAML-файл (`matrix.yaml`, оверлей, строки интерфейса, перевод описаний чарта или CRD) не разбирается или отклонён (глубина, алиасы, повторяющиеся ключи); строка указана",
            "Исправьте синтаксис в этой строке: отступы, `:` без кавычек, табуляции")
        }
    }
}
