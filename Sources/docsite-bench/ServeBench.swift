import DocsiteKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The writer's loop under `docsite serve` (issue 21): seconds from saving
/// an edited page until the server sends the new page and a new search
/// index. The page and its index are published by one swap, so the index
/// counts as updated when the served `pagefind-entry.json` (the map of the
/// index's files, named by their contents) differs from the one before the edit.
enum ServeBench {
    /// `docsite-bench serve CORPUS OUT [--runs N] [--docsite PATH]`: on an existing corpus.
    static func run(arguments: [String]) throws {
        guard arguments.count >= 2 else { throw BenchError("usage: docsite-bench serve CORPUS OUT [--runs N] [--docsite PATH]") }
        let options = try BenchOptions(arguments: Array(arguments.dropFirst(2)))
        say("docsite-bench serve: \(arguments[0]), load average \(DocsiteBench.loadAverage())")
        let samples = try measure(docsite: options.docsite, corpus: URL(fileURLWithPath: arguments[0]), out: URL(fileURLWithPath: arguments[1]), runs: options.runs)
        say(String(format: "median %.2f s, load average %@", BenchResult.median(samples) ?? 0, DocsiteBench.loadAverage()))
    }

    static func measure(docsite: String, corpus: URL, out: URL, runs: Int) throws -> [Sample] {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: docsite)
        server.arguments = ["serve", "--root", corpus.path, "--out", out.path, "--port", "0"]
        let output = Pipe()
        server.standardOutput = output
        let log = Pipe()
        server.standardError = log
        let clock = SaveClock()
        try server.run()
        clock.echo(log.fileHandleForReading)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let port = try servedPort(output.fileHandleForReading)
        let page = try Corpus.firstEnglishGuide(corpus)
        let url = "/" + String(page.dropLast(".md".count)) + "/"
        let entry = "/\(SearchIndex.folder)/pagefind-entry.json"
        guard get(entry, port: port) != nil else { throw BenchError("docsite serve sends no search index (\(entry))") }
        var samples: [Sample] = []
        for run in 1...runs {
            let before = get(entry, port: port)
            let word = "Servebenchword\(run)x\(UInt32.random(in: 0...UInt32.max))"
            // The previous build has finished (saved its cache, logged): its tail must not delay this one.
            clock.waitForBuilds(run - 1)
            let saved = clock.save()
            try Corpus.append("\nEdited under serve: \(word).\n", to: corpus.appendingPathComponent("content/" + page))
            var pageSeen = false, indexSeen = false
            while !(pageSeen && indexSeen) {
                if DispatchTime.now().uptimeNanoseconds - saved > 300_000_000_000 { throw BenchError("serve did not publish the edit of \(page) in 300 s") }
                usleep(20_000)
                pageSeen = pageSeen || get(url, port: port)?.contains(word) == true
                indexSeen = indexSeen || get(entry, port: port).map { $0 != before } == true
            }
            let sample = Sample(seconds: Double(DispatchTime.now().uptimeNanoseconds - saved) / 1e9, peakMiB: 0)
            say(String(format: "  serve run %d: edit served with search updated after %.2f s", run, sample.seconds))
            samples.append(sample)
        }
        return samples
    }

    /// Reads serve's "serving … at http://127.0.0.1:PORT/" line (printed after the first build).
    static func servedPort(_ output: FileHandle) throws -> UInt16 {
        var text = ""
        while !text.contains("\n") {
            let chunk = output.availableData
            if chunk.isEmpty { throw BenchError("docsite serve exited before serving: \(text)") }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: "http://127.0.0.1:"),
              let port = UInt16(text[range.upperBound...].prefix(while: { $0.isNumber })) else {
            throw BenchError("no address in docsite serve's first line: \(text)")
        }
        return port
    }

    /// The body of a GET on 127.0.0.1, nil when the request fails.
    static func get(_ target: String, port: UInt16) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = "GET \(target) HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        guard request.withCString({ send(fd, $0, strlen($0), 0) }) > 0 else { return nil }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 200") || text.hasPrefix("HTTP/1.0 200"), let body = text.range(of: "\r\n\r\n") else { return nil }
        return String(text[body.upperBound...])
    }
}

/// Echoes what serve logs (its builds and their stages), each line with
/// the seconds since the last save: where an edit's latency goes.
final class SaveClock: @unchecked Sendable {
    private let lock = NSCondition()
    private var saved: UInt64 = 0
    /// Builds logged since the first one (serve's start).
    private var builds = -1

    /// Waits (up to 60 s) until `count` builds after the first have been logged.
    func waitForBuilds(_ count: Int) {
        let deadline = Date().addingTimeInterval(60)
        lock.lock(); defer { lock.unlock() }
        while builds < count && lock.wait(until: deadline) {}
    }

    func save() -> UInt64 {
        lock.lock(); defer { lock.unlock() }
        saved = DispatchTime.now().uptimeNanoseconds
        return saved
    }

    func echo(_ output: FileHandle) {
        Thread.detachNewThread { [self] in
            var pending = ""
            while case let chunk = output.availableData, !chunk.isEmpty {
                pending += String(decoding: chunk, as: UTF8.self)
                while let end = pending.firstIndex(of: "\n") {
                    let line = pending[..<end]
                    pending = String(pending[pending.index(after: end)...])
                    lock.lock()
                    let since = saved
                    if line.hasPrefix("built ") || line.hasPrefix("build failed") { builds += 1; lock.broadcast() }
                    lock.unlock()
                    let seconds = since == 0 ? 0 : Double(DispatchTime.now().uptimeNanoseconds - since) / 1e9
                    say(String(format: "    serve +%.2f s: ", seconds) + line)
                }
            }
        }
    }
}
