import Foundation

/// When each source file of a page was last committed, from one `git log`
/// walk per build (one process for the whole site, not one per page).
/// Outside a git checkout, or without git, there are no dates and pages
/// simply show none: a site built from a tarball is not wrong.
enum LastUpdated {
    /// The walk over the whole site root (file from the root -> ISO 8601
    /// committer date of its last commit), started at once on another thread
    /// and read when pages need their dates. The build starts it before
    /// loading anything: Linux reports a child's peak memory as at least what
    /// its parent held when it spawned it, so a `git` started after the load
    /// showed up as a 300 MiB "indexer" in `docsite build`'s peak at 10,000
    /// pages (git itself needs 5 MiB); started first, it also overlaps the load.
    /// No dates when it failed (not a checkout, no git).
    static func walk(root: URL) -> Pending<[String: String]> {
        Pending {
            guard let git = GitHistory.findGit() else { return [:] }
            let log = GitHistory.run(git, ["-C", root.path, "log", "--format=%x00%cI", "--name-only", "--relative",
                                           "--no-renames", "--", "."])
            return log.status == 0 ? LastUpdated.parse(log.stdout) : [:]
        }
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
