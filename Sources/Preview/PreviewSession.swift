import DocsiteKit
import Foundation

/// `docsite serve`: build once, serve the output folder, rebuild when
/// `content/` or `charts/` changes and tell open pages to reload. A failed
/// build is logged and the last good site stays up.
public final class PreviewSession: @unchecked Sendable {
    /// What `serve` prints when `host` makes the preview reachable beyond
    /// this machine (nil on loopback): the preview is not hardened for a network.
    public static func exposureWarning(host: String) -> String? {
        guard HostGuard.isBeyondLoopback(host) else { return nil }
        return "warning: listening on \(host): the preview is reachable from other machines, not only this one's loopback; "
            + "it answers only requests addressed to \(host)" + (host == "0.0.0.0" ? " (any address literal)" : "")
    }

    public let root: URL
    public let out: URL
    public let server: PreviewServer
    private let log: @Sendable (String) -> Void
    private let pollInterval: TimeInterval
    private var watcher: FolderWatcher?

    /// `log` receives build summaries and diagnostics (text format).
    public init(root: URL, out: URL, configuration: PreviewServerConfiguration = PreviewServerConfiguration(),
                pollInterval: TimeInterval = 0.5, log: @escaping @Sendable (String) -> Void) {
        self.root = root.standardizedFileURL
        self.out = out.standardizedFileURL
        self.server = PreviewServer(folder: out, configuration: configuration)
        self.pollInterval = pollInterval
        self.log = log
    }

    /// Builds, starts serving and watching; returns the URL to open.
    @discardableResult
    public func start() throws(PreviewServerError) -> URL {
        build()
        let port = try server.start()
        let watcher = FolderWatcher(folders: [root.appendingPathComponent("content"), root.appendingPathComponent("charts")],
                                    interval: pollInterval) { [weak self] in self?.build() }
        watcher.start()
        self.watcher = watcher
        return url(port: port)
    }

    public func stop() {
        watcher?.stop()
        watcher = nil
        server.stop()
    }

    public func url(port: UInt16) -> URL {
        URL(string: "http://\(server.configuration.host):\(port)/") ?? root
    }

    /// One build; runs on the watcher's thread, so builds never overlap.
    func build() {
        let hub = server.hub
        hub.beginBuild()
        let start = DispatchTime.now().uptimeNanoseconds
        let announcement = Announcement()
        do {
            // Open pages reload as soon as the new site is in place (`published`).
            let report = try BuildPipeline.run(BuildOptions(root: root, out: out,
                                                            published: { announcement.once { hub.endBuild(succeeded: true) } }))
            if !report.diagnostics.isEmpty { log(DiagnosticPrinter.render(report.diagnostics, format: .text)) }
            let stages = report.timings.map { "\($0.stage) \(String(format: "%.2f", $0.seconds))s" }.joined(separator: ", ")
            log("built \(report.pages) pages (\(report.files) files) in "
                + String(format: "%.2f s", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) + " [\(stages)]")
            announcement.once { hub.endBuild(succeeded: true) }
        } catch {
            log(DiagnosticPrinter.render(error.diagnostics, format: .text))
            log("build failed; still serving the last good site")
            announcement.once { hub.endBuild(succeeded: false) }
        }
    }
}

/// Ends a build in the reload hub exactly once: when the site is published,
/// or else when the build returns (nothing changed, or it failed).
private final class Announcement: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func once(_ action: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        action()
    }
}
