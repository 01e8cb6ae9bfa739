#if canImport(Glibc)
import Glibc
#else
#error("SystemIO calls Glibc directly: docsite builds on Linux only")
#endif

/// Lists a folder tree with readdir: Foundation's enumerator creates a URL
/// and fetches resource values per entry, which cost a second for 10,000
/// files on every build.
public enum FileWalker {
    public enum Kind: Sendable { case file, folder, symlink, other }

    public struct Entry: Sendable {
        /// Relative to the folder that was walked, `/`-separated.
        public var path: String
        public var kind: Kind

        public init(path: String, kind: Kind) {
            self.path = path
            self.kind = kind
        }
    }

    /// Every entry below `folder`, depth first, without following symbolic
    /// links; a name `skipping` accepts is left out with everything below it.
    public static func walk(_ folder: String, skipping: ((String) -> Bool)? = nil) -> [Entry] {
        var entries: [Entry] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? folder : folder + "/" + relative
            guard let directory = opendir(absolute) else { continue }
            defer { closedir(directory) }
            while let item = readdir(directory) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." || skipping?(name) == true { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                let kind = kind(of: item.pointee.d_type, at: absolute + "/" + name)
                entries.append(Entry(path: path, kind: kind))
                if kind == .folder { pending.append(path) }
            }
        }
        return entries
    }

    /// The kind of what `path` names after following symbolic links (stat,
    /// never open: opening a FIFO would block).
    public static func kind(at path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    static func kind(of type: UInt8, at path: String) -> Kind {
        switch Int32(type) {
        case Int32(DT_REG): return .file
        case Int32(DT_DIR): return .folder
        case Int32(DT_LNK): return .symlink
        case Int32(DT_UNKNOWN):
            // Some file systems do not fill d_type: ask lstat.
            var info = stat()
            guard lstat(path, &info) == 0 else { return .other }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .folder
            case S_IFLNK: return .symlink
            default: return .other
            }
        default: return .other
        }
    }
}
