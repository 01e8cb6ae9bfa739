/// The navigation of one language as a tree: home, top-level pages, then
/// sections in the order `site.yaml` gives (unlisted sections follow
/// alphabetically, so nothing is hidden), folders and pages below them
/// ordered by weight, then title.
public struct Navigation: Sendable {
    public final class Node: @unchecked Sendable {
        public let path: String
        public var title: String
        /// What the sidebar shows, when not the title (`SitePage.navTitle`).
        public var navTitle: String?
        public var urlPath: String?
        public var weight: Int?
        public var children: [Node] = []
        public weak var parent: Node?

        init(path: String, title: String) {
            self.path = path
            self.title = title
        }
    }

    public struct Entry: Sendable, Equatable {
        public var title: String
        public var urlPath: String
    }

    public let root: Node
    /// Every page in reading order (depth first), for previous/next links.
    public let readingOrder: [Entry]
    let positions: [String: Int]
    let nodesByURL: [String: Node]
    let nodesByPath: [String: Node]
    /// Small sites show the whole tree on every page; large ones expand
    /// only the branch of the current page, so a page's size does not grow
    /// with the size of the site.
    public let expandAll: Bool

    public static let expandAllLimit = 150

    public init(pages: [SitePage], sectionOrder: [String], strings: UIStrings) {
        let root = Node(path: "", title: strings["nav.home"])
        var nodes: [String: Node] = ["": root]
        func node(_ path: String) -> Node {
            if let existing = nodes[path] { return existing }
            let name = String(path.split(separator: "/").last ?? "")
            let made = Node(path: path, title: path.contains("/") ? name : (strings.table["section.\(name)"] ?? name))
            nodes[path] = made
            let parent = node(Navigation.parentPath(path))
            made.parent = parent
            parent.children.append(made)
            return made
        }
        for page in pages where page.inNavigation {
            let target = node(Navigation.treePath(page.key))
            if target !== root {
                target.title = page.title
                target.navTitle = page.navTitle
            }
            target.urlPath = page.urlPath
            target.weight = page.weight
        }
        Navigation.sort(root, sectionOrder: sectionOrder)
        var order: [Entry] = []
        var byURL: [String: Node] = [:]
        Navigation.visit(root) { node in
            if let url = node.urlPath {
                order.append(Entry(title: node === root ? strings["nav.home"] : node.title, urlPath: url))
                byURL[url] = node
            }
        }
        self.root = root
        readingOrder = order
        positions = Dictionary(order.enumerated().map { ($1.urlPath, $0) }, uniquingKeysWith: { a, _ in a })
        nodesByURL = byURL
        nodesByPath = nodes
        expandAll = nodes.count <= Navigation.expandAllLimit
    }

    /// `guides/setup.md` -> `guides/setup`; `guides/index.md` -> `guides`; `index.md` -> ``.
    static func treePath(_ key: String) -> String {
        var path = key.hasSuffix(".md") ? String(key.dropLast(3)) : key
        if path == "index" { return "" }
        if path.hasSuffix("/index") { path = String(path.dropLast(6)) }
        return path
    }

    static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    static func sort(_ node: Node, sectionOrder: [String]) {
        // Each child's key is worked out once, not in every comparison
        // (lowercasing titles there took most of the time at 10,000 pages).
        let keyed = node.children.map { child in
            // Top level: sections in the configured order, then other
            // sections, then single pages (matrix, translation status).
            let rank = !node.path.isEmpty ? 0
                : child.children.isEmpty ? sectionOrder.count + 1 : (sectionOrder.firstIndex(of: child.path) ?? sectionOrder.count)
            // Plain case-folded comparison: locale-aware sorting would differ
            // between machines and break byte-identical builds.
            return (node: child, rank: rank, weight: child.weight ?? Int.max, title: child.title.lowercased())
        }
        node.children = keyed.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.weight != b.weight { return a.weight < b.weight }
            if a.title != b.title { return a.title < b.title }
            return a.node.path < b.node.path
        }.map(\.node)
        for child in node.children { sort(child, sectionOrder: sectionOrder) }
    }

    static func visit(_ node: Node, _ body: (Node) -> Void) {
        body(node)
        for child in node.children { visit(child, body) }
    }

    public func neighbours(of urlPath: String) -> (previous: Entry?, next: Entry?) {
        guard let position = positions[urlPath] else { return (nil, nil) }
        return (position > 0 ? readingOrder[position - 1] : nil,
                position + 1 < readingOrder.count ? readingOrder[position + 1] : nil)
    }

    /// The trail from home down to the page at `urlPath` (home first, the
    /// page last); empty for a page outside the navigation.
    public func trail(to urlPath: String) -> [(title: String, urlPath: String?)] {
        var trail: [(title: String, urlPath: String?)] = []
        var current = nodesByURL[urlPath]
        while let node = current {
            trail.insert((node === root ? root.title : node.title, node.urlPath), at: 0)
            current = node.parent
        }
        return trail
    }

    /// Nodes whose children are shown on the page at `urlPath`.
    public func expandedPaths(for urlPath: String) -> Set<String> {
        nodesByURL[urlPath].map(expandedPaths(for:)) ?? [""]
    }

    /// `node` and its ancestors.
    func expandedPaths(for node: Node) -> Set<String> {
        var open: Set<String> = [""]
        var current: Node? = node
        while let node = current {
            open.insert(node.path)
            current = node.parent
        }
        return open
    }
}
