import Foundation

public struct BuildOptions: Sendable {
    public var root: URL
    public var out: URL

    public init(root: URL, out: URL) {
        self.root = root
        self.out = out
    }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pages = 0
    public var files = 0
    /// Seconds per named stage, in order.
    public var timings: [(stage: String, seconds: Double)] = []
}

/// `docsite build`: load -> render -> write, each a named stage. Errors in
/// any stage stop the build before anything is written.
public enum BuildPipeline {
    public static func run(_ options: BuildOptions,
                           beforeEachFile: ((String) throws -> Void)? = nil) throws(DiagnosticsError) -> BuildReport {
        var report = BuildReport()
        let root = options.root.standardizedFileURL
        let (content, loadDiagnostics) = try stage("load", &report) { () throws(DiagnosticsError) in
            try ContentLoader.load(root: root)
        }
        // A page that failed to load would silently vanish from the site.
        if loadDiagnostics.hasErrors { throw DiagnosticsError(loadDiagnostics) }
        report.diagnostics += loadDiagnostics
        let renderer = SiteRenderer(content: content)
        let tree = try stage("render", &report) { () throws(DiagnosticsError) -> SiteTree in
            let targets = renderer.targets(extraPages: [])
            let pages = renderer.markdownPages(targets: targets)
            return renderer.assemble(pages, searchEnabled: false)
        }
        try stage("write", &report) { () throws(DiagnosticsError) in
            try SiteWriter(root: root, out: options.out, beforeEachFile: beforeEachFile).write(tree)
        }
        report.pages = content.pages.count
        report.files = tree.count
        return report
    }

    static func stage<T>(_ name: String, _ report: inout BuildReport, _ body: () throws(DiagnosticsError) -> T) throws(DiagnosticsError) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { report.timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try body()
    }
}
