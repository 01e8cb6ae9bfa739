import Foundation
import XCTest
@testable import DocsiteKit

/// Sites above `Navigation.expandAllLimit` show only the current branch, and
/// pages of one folder share one laid-out sidebar with their own link
/// spliced in. These tests read every page's sidebar back from the output.
final class LargeNavigationTests: XCTestCase {
    static let folders = ["alpha", "beta", "gamma", "delta"]
    static let pagesPerFolder = 40

    /// guides/<folder>/index.md plus 40 pages per folder, in both languages,
    /// and one nested folder (guides/alpha/deep/) below a folder index.
    static func makeSite() throws -> URL {
        var files: [String: String] = ["content/site.yaml": Fixture.minimalConfig]
        for language in ["en", "ru"] {
            files["content/\(language)/index.md"] = "---\ntitle: Home \(language)\n---\nWelcome.\n"
            files["content/\(language)/guides/index.md"] = "---\ntitle: Guides\n---\nAll guides.\n"
            for folder in folders {
                files["content/\(language)/guides/\(folder)/index.md"] = "---\ntitle: \(folder.capitalized) index\nweight: 1\n---\nIndex.\n"
                for number in 0..<pagesPerFolder {
                    files["content/\(language)/guides/\(folder)/page-\(number).md"] =
                        "---\ntitle: \(folder) page \(number) & more\nweight: \(number + 2)\n---\n## Part\n\nText.\n"
                }
            }
            files["content/\(language)/guides/alpha/deep/leaf.md"] = "---\ntitle: Deep leaf\n---\nDeep.\n"
        }
        return try Fixture.make(files)
    }

    struct NavLink: Equatable {
        /// Output file the link resolves to, from the site root.
        var target: String
        var title: String
        var current: Bool
    }

    /// The links of a page's sidebar, resolved against the page's folder.
    func sidebarLinks(_ html: String, page: String) -> [NavLink] {
        let nav = HTMLScan.texts(of: "nav class=\"site-nav\"", in: html).first ?? ""
        let anchors = HTMLScan.elements(in: nav).filter { $0.name == "a" }
        let titles = HTMLScan.texts(of: "a", in: nav)
        XCTAssertEqual(anchors.count, titles.count, page)
        return zip(anchors, titles).map { anchor, title in
            let href = anchor.attributes["href"] ?? ""
            let resolved = RelativePath.resolve(href, against: RelativePath.directory(of: page)) ?? "<above root: \(href)>"
            let target = resolved.isEmpty ? "index.html" : resolved.hasSuffix(".html") ? resolved : resolved + "/index.html"
            return NavLink(target: target.replacingOccurrences(of: "//", with: "/"), title: title,
                           current: anchor.attributes["aria-current"] == "page")
        }
    }

    func testEveryPageMarksItselfAndEveryLinkResolves() throws {
        let root = try Self.makeSite()
        _ = try build(root)
        let files = try treeContents(root.appendingPathComponent("site-out"))
        let pages = files.keys.filter { $0.hasSuffix("index.html") && ($0.hasPrefix("en/") || $0.hasPrefix("ru/")) }
        XCTAssertGreaterThan(pages.count, 2 * Navigation.expandAllLimit / 2)
        var checked = 0
        for page in pages.sorted() {
            let links = sidebarLinks(String(decoding: files[page]!, as: UTF8.self), page: page)
            for link in links {
                XCTAssertNotNil(files[link.target], "\(page): sidebar link \(link.title) leads to missing \(link.target)")
            }
            let current = links.filter(\.current)
            XCTAssertEqual(current.map(\.target), [page], "\(page) must mark exactly its own link")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 300)
    }

    func testOnlyTheCurrentBranchIsExpanded() throws {
        let root = try Self.makeSite()
        _ = try build(root)
        let files = try treeContents(root.appendingPathComponent("site-out"))
        let page = "ru/guides/beta/page-7/index.html"
        let links = sidebarLinks(String(decoding: files[page]!, as: UTF8.self), page: page)
        let targets = links.map(\.target)
        // Its own folder lists every sibling...
        for number in 0..<Self.pagesPerFolder {
            XCTAssertTrue(targets.contains("ru/guides/beta/page-\(number)/index.html"), "sibling \(number) missing")
        }
        // ...other folders show only their index, none of their pages.
        for folder in Self.folders where folder != "beta" {
            XCTAssertTrue(targets.contains("ru/guides/\(folder)/index.html"), "\(folder) index missing")
            XCTAssertFalse(targets.contains("ru/guides/\(folder)/page-0/index.html"), "\(folder) should be collapsed")
        }
        // The title's `&` is escaped once in the navigation's HTML.
        XCTAssertTrue(links.contains { $0.title == "beta page 3 &amp; more" }, "\(links.map(\.title))")
        XCTAssertFalse(links.contains { $0.title.contains("& ") || $0.title.contains("&amp;amp;") })
    }

    func testSiblingsSeeTheSameSidebarButForTheirOwnMark() throws {
        let root = try Self.makeSite()
        _ = try build(root)
        let files = try treeContents(root.appendingPathComponent("site-out"))
        func unmarked(_ page: String) -> [NavLink] {
            sidebarLinks(String(decoding: files[page]!, as: UTF8.self), page: page).map { NavLink(target: $0.target, title: $0.title, current: false) }
        }
        let first = unmarked("en/guides/gamma/page-1/index.html")
        XCTAssertEqual(unmarked("en/guides/gamma/page-30/index.html"), first)
        // A folder index sees its folder open, like its pages, and links to
        // its nested folder from one level up.
        let index = unmarked("en/guides/alpha/index.html")
        XCTAssertTrue(index.contains { $0.target == "en/guides/alpha/page-0/index.html" })
        XCTAssertTrue(index.contains { $0.target == "en/guides/alpha/deep/leaf/index.html" })
        let deep = sidebarLinks(String(decoding: files["en/guides/alpha/deep/leaf/index.html"]!, as: UTF8.self),
                                page: "en/guides/alpha/deep/leaf/index.html")
        XCTAssertEqual(deep.filter(\.current).map(\.target), ["en/guides/alpha/deep/leaf/index.html"])
    }
}
