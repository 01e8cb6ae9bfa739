import Foundation

/// When each source file of a page was last committed, from one `git log`
/// walk per build (one process for the whole site, not one per page).
/// Outside a git checkout, or without git, there are no dates and pages
/// simply show none: a site built from a tarball is not wrong.
enum LastUpdated {
    /// File (from the site root) -> ISO 8601 committer date of its last commit.
    static func dates(root: URL, files: [String]) -> [String: String] {
        // Only the folders pages come from (content/, charts/): the walk stays short.
        let folders = Set(files.compactMap { $0.split(separator: "/").first.map(String.init) }).sorted()
        guard !folders.isEmpty, let git = GitHistory.findGit() else { return [:] }
        // --relative: paths from `root`, even when it is a folder inside the repository.
        let log = GitHistory.run(git, ["-C", root.path, "log", "--format=%x00%cI", "--name-only", "--relative", "--no-renames",
                                       "--"] + folders)
        guard log.status == 0 else { return [:] }
        return parse(log.stdout)
    }

    /// Newest commit first: a file keeps the first date it appears under.
    static func parse(_ data: Data) -> [String: String] {
        var dates: [String: String] = [:]
        for record in String(decoding: data, as: UTF8.self).split(separator: "\0") {
            let lines = record.split(separator: "\n")
            guard let date = lines.first else { continue }
            for file in lines.dropFirst() where dates[String(file)] == nil { dates[String(file)] = String(date) }
        }
        return dates
    }

    /// `2026-11-30T01:02:03+01:00` -> `2026-11-30`, the day as committed.
    static func day(_ date: String) -> String { String(date.prefix(10)) }
}
