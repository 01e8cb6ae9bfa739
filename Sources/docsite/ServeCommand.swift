import ArgumentParser
import DocsiteKit
import Preview
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on 127.0.0.1, rebuild on changes and reload open pages.",
        discussion: "Watches content/ and charts/. A failed rebuild prints its diagnostics and keeps serving the last good site. Stop with Ctrl-C.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Output folder to build into and serve.")
    var out: String = "site-out"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8000

    @Option(help: "IPv4 address to listen on.")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        var configuration = PreviewServerConfiguration()
        configuration.host = host
        configuration.port = UInt16(port)
        let outURL = URL(fileURLWithPath: out, relativeTo: common.rootURL).standardizedFileURL
        let session = PreviewSession(root: common.rootURL, out: outURL, configuration: configuration) { message in
            FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
        }
        let url: URL
        do {
            url = try session.start()
        } catch {
            FileHandle.standardError.write(Data("docsite serve: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if let warning = PreviewSession.exposureWarning(host: host) {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        // Written unbuffered: scripts wait for this line to open the URL.
        FileHandle.standardOutput.write(Data("serving \(out) at \(url.absoluteString) (Ctrl-C to stop)\n".utf8))
        Self.waitForInterrupt()
        session.stop()
    }

    /// Blocks until SIGINT or SIGTERM, so the server can stop cleanly.
    static func waitForInterrupt() {
        let done = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        sources.forEach { $0.cancel() }
    }
}
