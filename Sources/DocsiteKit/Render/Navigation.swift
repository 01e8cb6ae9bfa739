/// The navigation of one language: home, then sections in the order
/// `site.yaml` gives (unlisted sections follow alphabetically, so nothing
/// is hidden), pages ordered by weight, then title.
public struct Navigation: Sendable {
    public struct Entry: Sendable, Equatable {
        public var title: String
        public var urlPath: String
    }

    public struct Section: Sendable {
        public var name: String
        public var title: String
        public var urlPath: String?
        public var entries: [Entry]
    }

    public var home: Entry?
    /// Pages at the top level other than home.
    public var topLevel: [Entry]
    public var sections: [Section]

    /// Reading order for previous/next links.
    public var readingOrder: [Entry] {
        var order: [Entry] = []
        if let home { order.append(home) }
        order += topLevel
        for section in sections {
            if let url = section.urlPath { order.append(Entry(title: section.title, urlPath: url)) }
            order += section.entries
        }
        return order
    }

    public init(pages: [SitePage], sectionOrder: [String], strings: UIStrings) {
        let listed = pages.filter(\.inNavigation)
        let ordered = listed.sorted(by: Navigation.readingPrecedes)
        home = ordered.first { $0.section == nil && $0.isSectionIndex }.map { Entry(title: strings["nav.home"], urlPath: $0.urlPath) }
        topLevel = ordered.filter { $0.section == nil && !$0.isSectionIndex }.map { Entry(title: $0.title, urlPath: $0.urlPath) }
        let present = Set(listed.compactMap(\.section))
        let names = sectionOrder.filter(present.contains) + present.subtracting(sectionOrder).sorted()
        sections = names.map { name in
            let members = ordered.filter { $0.section == name }
            let index = members.first { $0.isSectionIndex && $0.key.split(separator: "/").count <= 2 }
            let fallbackTitle = strings.table["section.\(name)"] ?? name.capitalized
            return Section(name: name, title: index?.title ?? fallbackTitle, urlPath: index?.urlPath,
                           entries: members.filter { $0.urlPath != index?.urlPath }.map { Entry(title: $0.title, urlPath: $0.urlPath) })
        }
    }

    static func readingPrecedes(_ a: SitePage, _ b: SitePage) -> Bool {
        let wa = a.weight ?? Int.max, wb = b.weight ?? Int.max
        if wa != wb { return wa < wb }
        // Plain case-folded comparison: locale-aware sorting would differ
        // between machines and break byte-identical builds.
        let ta = a.title.lowercased(), tb = b.title.lowercased()
        if ta != tb { return ta < tb }
        return a.urlPath < b.urlPath
    }
}
