import Foundation

/// Heading anchors must be unique on their page and must not be one of the
/// layout's own element ids: a second `{#setup}` or a `{#content}` makes
/// links land on the wrong element. Generated anchors never collide (they
/// are numbered and step around the layout's ids), so what this finds
/// comes from explicit `{#id}`s.
public struct HeadingIDCheck: Check {
    public let name = "heading"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        context.content.pages.flatMap(check)
    }

    func check(_ page: Page) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var firstLine: [String: Int] = [:]
        for heading in page.headings {
            if PageLayout.reservedIDs.contains(heading.id) || heading.id.hasPrefix(PageLayout.reservedIDPrefix) {
                found.append(.error(.headingReservedId, file: page.file, line: heading.line,
                                    "the anchor '#\(heading.id)' is an id the page layout uses itself; choose another {#id}"))
            }
            if let line = firstLine[heading.id] {
                found.append(.error(.headingDuplicateId, file: page.file, line: heading.line,
                                    "the anchor '#\(heading.id)' is already used by the heading on line \(line); anchors must be unique on a page"))
            } else {
                firstLine[heading.id] = heading.line
            }
        }
        return found
    }
}
