/// An element name. The known names are constants so a typo does not
/// compile; `Tag("custom")` covers anything else. Void elements (no end tag,
/// no children) are marked so the writer never emits `</br>`.
public struct Tag: Sendable, Hashable {
    public let name: String
    public let isVoid: Bool
    /// `<name>`, `<name` and `</name>`, made once: the writer appends one
    /// string per tag instead of three (the Markdown renderer is the hot
    /// path of a build and writes a tag or two per node).
    let openMarkup: String, startMarkup: String, closeMarkup: String

    public init(_ name: String, isVoid: Bool = false) {
        precondition(!name.isEmpty && name.utf8.allSatisfy(Tag.isNameByte), "invalid element name \(name)")
        self.name = name
        self.isVoid = isVoid
        startMarkup = "<" + name
        openMarkup = startMarkup + ">"
        closeMarkup = "</" + name + ">"
    }

    public static func == (lhs: Tag, rhs: Tag) -> Bool { lhs.name == rhs.name && lhs.isVoid == rhs.isVoid }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(isVoid)
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }
}

extension Tag {
    public static let a = Tag("a"), abbr = Tag("abbr"), article = Tag("article"), aside = Tag("aside")
    public static let blockquote = Tag("blockquote"), body = Tag("body"), button = Tag("button")
    public static let caption = Tag("caption"), code = Tag("code"), dd = Tag("dd"), del = Tag("del")
    public static let details = Tag("details"), div = Tag("div"), dl = Tag("dl"), dt = Tag("dt")
    public static let em = Tag("em"), figcaption = Tag("figcaption"), figure = Tag("figure")
    public static let footer = Tag("footer"), form = Tag("form")
    public static let h1 = Tag("h1"), h2 = Tag("h2"), h3 = Tag("h3"), h4 = Tag("h4"), h5 = Tag("h5"), h6 = Tag("h6")
    public static let head = Tag("head"), header = Tag("header"), html = Tag("html"), label = Tag("label")
    public static let li = Tag("li"), main = Tag("main"), nav = Tag("nav"), noscript = Tag("noscript")
    public static let ol = Tag("ol"), option = Tag("option"), p = Tag("p"), pre = Tag("pre")
    public static let script = Tag("script"), section = Tag("section"), select = Tag("select")
    public static let small = Tag("small"), span = Tag("span"), strong = Tag("strong"), style = Tag("style")
    public static let summary = Tag("summary"), table = Tag("table"), tbody = Tag("tbody"), td = Tag("td")
    public static let th = Tag("th"), thead = Tag("thead"), time = Tag("time"), title = Tag("title")
    public static let tr = Tag("tr"), ul = Tag("ul")
    // Void elements.
    public static let br = Tag("br", isVoid: true), hr = Tag("hr", isVoid: true), img = Tag("img", isVoid: true)
    public static let input = Tag("input", isVoid: true), link = Tag("link", isVoid: true)
    public static let meta = Tag("meta", isVoid: true)

    /// `h1`…`h6` by level (clamped).
    public static func heading(_ level: Int) -> Tag {
        switch level {
        case ...1: return h1
        case 2: return h2
        case 3: return h3
        case 4: return h4
        case 5: return h5
        default: return h6
        }
    }
}

/// One attribute: a name and a value (escaped when written), or a boolean
/// attribute written as its bare name (`hidden`, `checked`).
public struct Attribute: Sendable, Hashable {
    public let name: String
    public let value: String?
    /// What precedes the escaped value: ` name="`, or ` name` for a flag.
    /// Made once here (a literal for the common names) so writing an
    /// attribute is two appends, not four: the writer runs on every page.
    let prefix: String

    public init(_ name: String, _ value: String?) {
        precondition(!name.isEmpty && name.utf8.allSatisfy(Tag.isNameByte), "invalid attribute name \(name)")
        self.init(known: name, prefix: value == nil ? " " + name : " " + name + "=\"", value)
    }

    /// For names this file spells out: no validation, a literal prefix.
    private init(known name: String, prefix: String, _ value: String?) {
        self.name = name
        self.value = value
        self.prefix = prefix
    }

    public static func `class`(_ value: String) -> Attribute { Attribute(known: "class", prefix: " class=\"", value) }
    public static func id(_ value: String) -> Attribute { Attribute(known: "id", prefix: " id=\"", value) }
    public static func href(_ value: String) -> Attribute { Attribute(known: "href", prefix: " href=\"", value) }
    public static func src(_ value: String) -> Attribute { Attribute(known: "src", prefix: " src=\"", value) }
    public static func title(_ value: String) -> Attribute { Attribute(known: "title", prefix: " title=\"", value) }
    public static func lang(_ value: String) -> Attribute { Attribute(known: "lang", prefix: " lang=\"", value) }
    public static func ariaLabel(_ value: String) -> Attribute { Attribute(known: "aria-label", prefix: " aria-label=\"", value) }
    public static func data(_ name: String, _ value: String) -> Attribute { Attribute("data-\(name)", value) }
    /// A boolean attribute: present with no value.
    public static func flag(_ name: String) -> Attribute { Attribute(name, nil) }
}
