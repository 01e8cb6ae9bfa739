import SystemIO
import Foundation

/// What docsite may read and publish (issue 17). Every file comes from the
/// top-level folder it is listed in (`content/` for pages, assets and
/// overlays, `charts/` for chart files): a symbolic link whose real path
/// leaves that folder (to `.git/config` or `.env` beside it, say) is
/// refused, and dot-files and version-control folders are never read, by
/// `build`, `check` and `serve` alike.
public enum SourcePolicy {
    /// Version-control folders whose names do not start with a dot.
    static let controlFolders: Set<String> = ["CVS", "_darcs", "RCS", "SCCS"]

    /// A path component that is never read nor published.
    public static func isHidden(_ name: some StringProtocol) -> Bool {
        name.hasPrefix(".") || controlFolders.contains(String(name))
    }

    /// nil when `file` (relative to `root`, `/`-separated) may be read:
    /// its real path stays inside its top-level folder and has no hidden part.
    public static func refusal(root: URL, file: String) -> Diagnostic? {
        let parts = file.split(separator: "/")
        let realRoot = root.resolvingSymlinksInPath().path
        // A file at the top of the repository has the repository as its folder.
        let area = parts.count > 1 ? String(parts[0]) : ""
        let allowed = area.isEmpty ? realRoot : realRoot + "/" + area
        let target = root.appendingPathComponent(file).resolvingSymlinksInPath().path
        guard target.hasPrefix(allowed + "/") else {
            let leavesRepository = !(target == realRoot || target.hasPrefix(realRoot + "/"))
            let shown = leavesRepository ? target : String(target.dropFirst(realRoot.count + 1))
            return .error(.linkOutside, file: file,
                          "symbolic link leads out of \(area.isEmpty ? "the repository" : area + "/") (to \(shown))\(leavesRepository ? ", outside the repository" : ""); it is not followed")
        }
        if FileWalker.kind(at: target) == .other, FileManager.default.fileExists(atPath: target) {
            return .error(.fileSpecial, file: file, "is a FIFO, socket or device, not a regular file; it is not read")
        }
        if target.dropFirst(allowed.count + 1).split(separator: "/").contains(where: isHidden) {
            return .error(.linkOutside, file: file,
                          "symbolic link leads to a hidden or version-control file (\(target.dropFirst(realRoot.count + 1))); it is not followed")
        }
        return nil
    }

    /// The bytes of `file` when the policy allows reading it and it is a
    /// regular file; nil otherwise (the caller reports a missing file).
    public static func read(root: URL, file: String) -> Data? {
        guard refusal(root: root, file: file) == nil,
              let bytes = PlainFile.read(root.appendingPathComponent(file).path) else { return nil }
        return Data(bytes)
    }
}

extension FileWalker {
    /// `walk` with dot-files and version-control folders left out when
    /// `skipHidden` is set (`SourcePolicy.isHidden`).
    public static func walk(_ folder: String, skipHidden: Bool) -> [Entry] {
        walk(folder, skipping: skipHidden ? { SourcePolicy.isHidden($0) } : nil)
    }
}
