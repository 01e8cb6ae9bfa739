import TypedHTML
import Markdown

/// The pieces generated pages are made of, as TypedHTML fragments: text
/// from charts, examples and translations is escaped by the writer.
enum GeneratedHTML {
    /// A heading with its anchor link, as the Markdown renderer writes one.
    static func heading(_ level: Int, _ id: String, _ text: String, label: String) -> HTML {
        .build { w in
            w.line(.heading(level), [.id(id)]) { heading in
                heading.text(text)
                heading.element(.a, [.class("heading-link"), .href("#" + LinkResolver.encodeFragment(id)), .ariaLabel(label),
                                     .flag("data-pagefind-ignore")], text: "#")
            }
        }
    }

    /// One row of a table: its cells and the row's own attributes (an
    /// anchor, the data the ADR filter reads).
    struct Row {
        var cells: [HTML]
        var attributes: [Attribute] = []

        init(_ cells: [HTML], attributes: [Attribute] = []) {
            self.cells = cells
            self.attributes = attributes
        }
    }

    static func table(_ headers: [String], _ rows: [Row], className: String? = nil) -> HTML {
        .build { w in
            w.line(.div, [.class("table-wrap")]) { wrap in
                wrap.element(.table, className.map { [.class($0)] } ?? []) { table in
                    table.newline()
                    table.line(.thead) { head in
                        head.element(.tr) { row in
                            // One a line: Pagefind does not separate `th` cells itself.
                            for header in headers { row.line(.th, [Attribute("scope", "col")], text: header) }
                        }
                    }
                    table.line(.tbody) { body in
                        body.newline()
                        for row in rows {
                            body.line(.tr, row.attributes) { tr in
                                for cell in row.cells { tr.element(.td) { $0.append(cell) } }
                            }
                        }
                    }
                }
            }
        }
    }

    static func table(_ headers: [String], _ cells: [[HTML]], className: String? = nil) -> HTML {
        table(headers, cells.map { Row($0) }, className: className)
    }

    static func code(_ text: String) -> HTML { .element(.code, text: text) }

    static func link(_ href: String, _ text: String) -> HTML { .element(.a, [.href(href)], text: text) }

    static func badge(_ kind: String, _ text: String) -> HTML {
        .element(.span, [.class("badge badge-\(kind)")], text: text)
    }

    static func paragraph(_ text: String) -> HTML { .build { $0.line(.p, text: text) } }

    /// `<ul>` with one item a line.
    static func list(_ items: [HTML], attributes: [Attribute] = []) -> HTML {
        .build { w in
            w.line(.ul, attributes) { list in
                list.newline()
                list.append(items.map { HTML.element(.li, [], [$0]) }.joined(separator: .newline))
                list.newline()
            }
        }
    }

    /// A code block as the Markdown renderer writes one: highlighted when a
    /// highlighter is given and has a lexer for the language, escaped text otherwise.
    static func codeBlock(_ code: String, language: String, highlighter: SyntaxHighlighter?) -> HTML {
        .build { w in
            w.line(.div, [.class("code")]) { div in
                div.element(.pre) { pre in
                    pre.element(.code, [.class("language-\(language)")]) {
                        $0.append(highlighter?.highlight(code: code, language: language) ?? .text(code))
                    }
                }
            }
        }
    }
}
