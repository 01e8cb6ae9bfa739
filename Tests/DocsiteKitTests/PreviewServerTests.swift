import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import DocsiteKit
@testable import Preview

/// The preview server over real sockets on 127.0.0.1, driven by a raw HTTP
/// client so the exact bytes of a request target reach the server.
final class PreviewServerTests: XCTestCase {
    // MARK: Serving

    func testServesPagesAndAssetsWithContentTypesAndNoStore() throws {
        let server = try startServer()
        let cases: [(String, String)] = [
            ("/", "text/html; charset=utf-8"),
            ("/en/", "text/html; charset=utf-8"),
            ("/en/guides/setup/", "text/html; charset=utf-8"),
            ("/ru/guides/setup/index.html", "text/html; charset=utf-8"),
            ("/assets/docsite.css", "text/css; charset=utf-8"),
            ("/en/?query=1#frag", "text/html; charset=utf-8"),
        ]
        for (target, type) in cases {
            let response = try XCTUnwrap(RawHTTP.get(target, port: server.port), target)
            XCTAssertEqual(response.status, 200, target)
            XCTAssertEqual(response.headers["content-type"], type, target)
            XCTAssertEqual(response.headers["cache-control"], "no-store", target)
            XCTAssertEqual(response.headers["content-length"], String(response.body.count), target)
        }
        let page = try XCTUnwrap(RawHTTP.get("/en/guides/setup/", port: server.port))
        XCTAssertTrue(page.text.contains("<h2 id=\"install-the-charts\">"))
    }

    func testContentTypesByExtension() {
        let expected = ["a.html": "text/html; charset=utf-8", "a.css": "text/css; charset=utf-8",
                        "a.js": "text/javascript; charset=utf-8", "a.svg": "image/svg+xml", "a.json": "application/json",
                        "a.xml": "application/xml", "a.png": "image/png", "a.jpg": "image/jpeg", "a.woff2": "font/woff2",
                        "a.txt": "text/plain; charset=utf-8", "a.bin": "application/octet-stream"]
        for (name, type) in expected {
            XCTAssertEqual(StaticFileResolver.contentType(for: URL(fileURLWithPath: "/x/" + name)), type, name)
        }
    }

    func testReloadScriptIsAddedOnTheWireNotToBuiltFiles() throws {
        let server = try startServer()
        let page = try XCTUnwrap(RawHTTP.get("/en/", port: server.port))
        let generation = server.session.server.hub.currentGeneration
        XCTAssertTrue(page.text.contains("<script src=\"/__docsite/reload.js\" data-generation=\"\(generation)\"></script>\n</body>"))
        let onDisk = try String(contentsOf: server.root.appendingPathComponent("site-out/en/index.html"), encoding: .utf8)
        XCTAssertFalse(onDisk.contains("__docsite"))
        let css = try XCTUnwrap(RawHTTP.get("/assets/docsite.css", port: server.port))
        XCTAssertEqual(css.body, try Data(contentsOf: server.root.appendingPathComponent("site-out/assets/docsite.css")))
        let script = try XCTUnwrap(RawHTTP.get("/__docsite/reload.js", port: server.port))
        XCTAssertEqual(script.status, 200)
        XCTAssertTrue(script.text.contains("/__docsite/reload?since="))
        let poll = try XCTUnwrap(RawHTTP.get("/__docsite/reload", port: server.port))
        XCTAssertEqual(poll.text, "{\"generation\":\(generation)}\n")
    }

    func testFolderWithoutSlashRedirectsAndHeadHasNoBody() throws {
        let server = try startServer()
        let redirect = try XCTUnwrap(RawHTTP.get("/en/guides/setup", port: server.port))
        XCTAssertEqual(redirect.status, 301)
        XCTAssertEqual(redirect.headers["location"], "/en/guides/setup/")
        let head = try XCTUnwrap(RawHTTP.exchange("HEAD /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", port: server.port))
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.body.isEmpty)
        XCTAssertGreaterThan(Int(head.headers["content-length"] ?? "") ?? 0, 0)
    }

    func testMissingPageGetsTheSite404WithStatus404() throws {
        let server = try startServer()
        let response = try XCTUnwrap(RawHTTP.get("/en/no-such-page/", port: server.port))
        XCTAssertEqual(response.status, 404)
        let sitePage = try String(contentsOf: server.root.appendingPathComponent("site-out/404.html"), encoding: .utf8)
        XCTAssertTrue(response.text.hasPrefix(String(sitePage.prefix(200))))
    }

    // MARK: Path safety

    func testTraversalInEveryFormIsNotFound() throws {
        let server = try startServer()
        let secret = "TOP-SECRET-\(UUID().uuidString)"
        try Data(secret.utf8).write(to: server.root.appendingPathComponent("secret.txt"))
        let out = server.root.appendingPathComponent("site-out")
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("leak.txt").path,
                                                   withDestinationPath: server.root.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("leakdir").path,
                                                   withDestinationPath: server.root.path)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("en/up").path, withDestinationPath: "../..")
        let targets = [
            "/../secret.txt", "/en/../../secret.txt", "/en/./../../secret.txt",
            "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
            "/..%2fsecret.txt", "/..%2Fsecret.txt", "/en%2f..%2f..%2fsecret.txt", "/%2f..%2fsecret.txt",
            "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/en/%25%32%65%25%32%65/secret.txt",
            "/..\\secret.txt", "/en\\..\\..\\secret.txt", "/..%5csecret.txt", "/..%5Csecret.txt",
            "/en/index.html%00", "/%00/../secret.txt", "/en/%00index.html",
            "//secret.txt", "//etc/passwd", "/%2fetc/passwd", "/%2Fetc%2Fpasswd",
            "/leak.txt", "/leakdir/secret.txt", "/en/up/secret.txt", "/en/up/",
            "/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        ]
        for target in targets {
            let response = try XCTUnwrap(RawHTTP.get(target, port: server.port), target)
            XCTAssertEqual(response.status, 404, target)
            XCTAssertFalse(response.text.contains(secret), target)
            XCTAssertFalse(response.text.contains("root:x:0:0"), target)
            XCTAssertTrue(response.text.contains("404"), target)
        }
        // Not origin-form at all.
        for target in ["../secret.txt", "secret.txt", "http://127.0.0.1/../secret.txt", "*"] {
            let response = try XCTUnwrap(RawHTTP.get(target, port: server.port), target)
            XCTAssertEqual(response.status, 400, target)
            XCTAssertFalse(response.text.contains(secret), target)
        }
        XCTAssertEqual(try XCTUnwrap(RawHTTP.get("/en/", port: server.port)).status, 200)
    }

    func testRequestPathDecodesOnceAndRefusesClimbing() {
        XCTAssertEqual(try RequestPath.parse("/en/a%20b/").get(), RequestPath(segments: ["en", "a b"], endsWithSlash: true))
        XCTAssertEqual(try RequestPath.parse("/%D0%B3%D0%B0%D0%B9%D0%B4?x=1").get(), RequestPath(segments: ["гайд"], endsWithSlash: false))
        XCTAssertEqual(try RequestPath.parse("/").get(), RequestPath(segments: [], endsWithSlash: true))
        for unsafe in ["/..", "/a/../b", "/%2e%2e", "/a%2fb", "/a%5cb", "/%252e", "/a%00", "/a\\b", "//x", "/%ff", "/./a"] {
            XCTAssertEqual(RequestPath.parse(unsafe), .failure(.unsafe), unsafe)
        }
        for malformed in ["a", "", "/%", "/%2", "/%zz"] {
            XCTAssertEqual(RequestPath.parse(malformed), .failure(.malformed), malformed)
        }
    }

    // MARK: Protocol limits

    func testVeryLongURLIs414AndServerKeepsServing() throws {
        let server = try startServer()
        let long = "/" + String(repeating: "a", count: 100 * 1024)
        let response = try XCTUnwrap(RawHTTP.get(long, port: server.port))
        XCTAssertEqual(response.status, 414)
        let huge = "GET /en/ HTTP/1.1\r\n" + String(repeating: "X-Filler: \(String(repeating: "b", count: 1000))\r\n", count: 100) + "\r\n"
        XCTAssertEqual(try XCTUnwrap(RawHTTP.exchange(huge, port: server.port)).status, 431)
        XCTAssertEqual(try XCTUnwrap(RawHTTP.get("/en/", port: server.port)).status, 200)
    }

    func testOnlyGetAndHeadAreAllowed() throws {
        let server = try startServer()
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
            let request = "\(method) /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"
            let response = try XCTUnwrap(RawHTTP.exchange(request, port: server.port), method)
            XCTAssertEqual(response.status, 405, method)
            XCTAssertEqual(response.headers["allow"], "GET, HEAD", method)
        }
    }

    func testMalformedRequestsAre400() throws {
        let server = try startServer()
        for request in ["GARBAGE\r\n\r\n", "GET /en/\r\n\r\n", "GET /en/ HTTP/2.0\r\n\r\n", "get /en/ HTTP/1.1\r\n\r\n",
                        "GET  /en/ HTTP/1.1\r\n\r\n", "\r\n\r\n"] {
            let response = try XCTUnwrap(RawHTTP.exchange(request, port: server.port), request.debugDescription)
            XCTAssertEqual(response.status, 400, request.debugDescription)
        }
    }

    // MARK: Robustness

    func testClientsThatDisconnectEarlyDoNotStopTheServer() throws {
        let server = try startServer()
        // A large file, so the response cannot fit in the socket buffers.
        let big = Data(repeating: UInt8(ascii: "x"), count: 8 * 1024 * 1024)
        try big.write(to: server.root.appendingPathComponent("site-out/big.txt"))
        for _ in 0..<5 {
            // Half a request, then gone.
            let half = try RawHTTP.connect(port: server.port)
            RawHTTP.sendAll(half, Data("GET /en/ HT".utf8))
            close(half)
            // Connects and says nothing, then gone.
            close(try RawHTTP.connect(port: server.port))
            // Reads the start of a large response, then closes mid-response.
            let reader = try RawHTTP.connect(port: server.port)
            RawHTTP.sendAll(reader, Data("GET /big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
            var chunk = [UInt8](repeating: 0, count: 1024)
            XCTAssertGreaterThan(recv(reader, &chunk, chunk.count, 0), 0)
            close(reader)
        }
        // An idle client that stays connected does not block others.
        let idle = try RawHTTP.connect(port: server.port)
        defer { close(idle) }
        XCTAssertEqual(try XCTUnwrap(RawHTTP.get("/en/", port: server.port)).status, 200)
        let whole = try XCTUnwrap(RawHTTP.get("/big.txt", port: server.port))
        XCTAssertEqual(whole.status, 200)
        XCTAssertEqual(whole.body.count, big.count)
    }

    func testBoundedConcurrentLoad() throws {
        // Fewer connection slots than clients: the rest wait in the backlog.
        let server = try startServer { $0.maxConnections = 6 }
        let clients = 16, perClient = 13
        let targets = ["/en/", "/ru/", "/assets/docsite.css", "/en/guides/setup/", "/missing", "/%2e%2e/x"]
        let results = ResultCounter()
        let deadline = Date(timeIntervalSinceNow: 60)
        let group = DispatchGroup()
        for client in 0..<clients {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                for index in 0..<perClient where Date() < deadline {
                    let target = targets[(client + index) % targets.count]
                    let expected = target.hasPrefix("/missing") || target.hasPrefix("/%2e") ? 404 : 200
                    results.record(RawHTTP.get(target, port: server.port)?.status == expected)
                }
            }
            thread.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 90), .success)
        XCTAssertEqual(results.succeeded, clients * perClient, "failures: \(results.failed)")
        XCTAssertEqual(try XCTUnwrap(RawHTTP.get("/en/", port: server.port)).status, 200)
    }

    func testRequestArrivingByteByByteIsServed() throws {
        let server = try startServer()
        let fd = try RawHTTP.connect(port: server.port)
        defer { close(fd) }
        for byte in "GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8 {
            RawHTTP.sendAll(fd, Data([byte]))
            usleep(2_000)
        }
        XCTAssertEqual(RawHTTP.parse(RawHTTP.readAll(fd))?.status, 200)
    }

    func testReloadTagGoesBeforeTheLastBodyClose() {
        let tag = LiveReload.scriptTag(generation: 7)
        let cases = [("<p>a</p></BODY></html>", "<p>a</p>\(tag)</BODY></html>"),
                     ("<p></body></p></body>", "<p></body></p>\(tag)</body>"),
                     ("no body", "no body\(tag)"), ("", tag)]
        for (page, expected) in cases {
            XCTAssertEqual(String(decoding: LiveReload.inject(into: Data(page.utf8), generation: 7), as: UTF8.self), expected, page)
        }
    }

    // MARK: Rebuilds

    func testEditRebuildsServedPageAndWakesReloadPoll() throws {
        let server = try startServer()
        let hub = server.session.server.hub
        let before = hub.currentGeneration
        func builds() -> Int { server.log.text.split(separator: "\n").filter { $0.hasPrefix("built ") }.count }
        let buildsBefore = builds()
        let poll = AsyncResponse { RawHTTP.get("/__docsite/reload?since=\(before)", port: server.port) }
        let page = "content/en/guides/setup.md"
        try Fixture.write("---\ntitle: Setup Renamed\nweight: 2\n---\n\n## Install the charts\n\nFreshly edited text.\n",
                          to: page, in: server.root)
        let rebuilt = waitUntil { RawHTTP.get("/en/guides/setup/", port: server.port)?.text.contains("Freshly edited text.") == true }
        XCTAssertTrue(rebuilt, "the edited page was never served; log: \(server.log.text)")
        let woken = try XCTUnwrap(poll.wait(timeout: 20))
        XCTAssertEqual(woken.status, 200)
        XCTAssertNotEqual(woken.text, "{\"generation\":\(before)}\n")
        // Pages reload when the site is published, before the build cache is
        // saved, and a build reloads them once, not again when it returns.
        XCTAssertTrue(waitUntil { builds() > buildsBefore }, "log: \(server.log.text)")
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(hub.currentGeneration - before, builds() - buildsBefore, "one reload per build; log: \(server.log.text)")

        // A broken edit: the diagnostics are logged and the last good site stays.
        let generation = hub.currentGeneration
        try Fixture.write("---\ntitle: [unclosed\n---\nBroken.\n", to: page, in: server.root)
        XCTAssertTrue(waitUntil { server.log.text.contains("build failed") }, "log: \(server.log.text)")
        XCTAssertTrue(server.log.text.contains("error:"), server.log.text)
        XCTAssertEqual(hub.currentGeneration, generation)
        let stillServed = try XCTUnwrap(RawHTTP.get("/en/guides/setup/", port: server.port))
        XCTAssertEqual(stillServed.status, 200)
        XCTAssertTrue(stillServed.text.contains("Freshly edited text."))
    }

    func testStopEndsOpenConnectionsAndFreesThePort() throws {
        let server = try startServer()
        let idle = try RawHTTP.connect(port: server.port)
        defer { close(idle) }
        let poll = AsyncResponse { RawHTTP.get("/__docsite/reload?since=\(server.session.server.hub.currentGeneration)", port: server.port) }
        Thread.sleep(forTimeInterval: 0.2)
        server.session.stop()
        _ = poll.wait(timeout: 10)
        XCTAssertNil(RawHTTP.get("/en/", port: server.port))
        // The same port can be bound again at once.
        var configuration = PreviewServerConfiguration()
        configuration.port = server.port
        let again = PreviewServer(folder: server.root.appendingPathComponent("site-out"), configuration: configuration)
        XCTAssertEqual(try again.start(), server.port)
        XCTAssertEqual(try XCTUnwrap(RawHTTP.get("/en/", port: server.port)).status, 200)
        again.stop()
    }

    /// serve builds the index too: an edited page is served together with
    /// a new index (its map names new files).
    func testEditIsServedWithItsSearchIndexMadeAgain() throws {
        guard let tool = SearchIndex.locate() else {
            throw XCTSkip("pagefind not found (set PAGEFIND or run `make venv`); search under serve not tested here")
        }
        setenv("PAGEFIND", tool, 1)
        let server = try startServer()
        let entry = "/\(SearchIndex.folder)/\(SearchIndex.entryFile)"
        let before = try XCTUnwrap(RawHTTP.get(entry, port: server.port)?.text, "no index served at \(entry)")
        try Fixture.write("---\ntitle: Setup\nweight: 2\n---\n\nQuasarword edited under serve.\n", to: "content/en/guides/setup.md", in: server.root)
        XCTAssertTrue(waitUntil { RawHTTP.get("/en/guides/setup/", port: server.port)?.text.contains("Quasarword") == true }, server.log.text)
        XCTAssertTrue(waitUntil { RawHTTP.get(entry, port: server.port).map { $0.status == 200 && $0.text != before } == true },
                      "the edited page was not indexed again; log: \(server.log.text)")
    }

    // MARK: Helpers

    struct RunningServer {
        var session: PreviewSession
        var root: URL
        var port: UInt16
        var log: LogBuffer
    }

    /// Builds a copy of the minimal fixture and serves it on a free port of
    /// 127.0.0.1; the server stops when the test ends.
    private func startServer(_ configure: (inout PreviewServerConfiguration) -> Void = { _ in }) throws -> RunningServer {
        let root = try Fixture.copy("minimal-site")
        let log = LogBuffer()
        var configuration = PreviewServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.readTimeout = 2
        configuration.longPollTimeout = 15
        configure(&configuration)
        let session = PreviewSession(root: root, out: root.appendingPathComponent("site-out"), configuration: configuration,
                                     pollInterval: 0.1) { log.append($0) }
        let url = try session.start()
        addTeardownBlock {
            session.stop()
            try? FileManager.default.removeItem(at: root)
        }
        XCTAssertEqual(url.host, "127.0.0.1")
        return RunningServer(session: session, root: root, port: session.server.port, log: log)
    }

    /// Polls `condition` every 50 ms for up to `timeout` seconds.
    private func waitUntil(timeout: TimeInterval = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }
}

final class LogBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}

final class ResultCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var succeeded = 0
    private(set) var failed = 0
    func record(_ ok: Bool) { lock.withLock { if ok { succeeded += 1 } else { failed += 1 } } }
}

/// A request running on its own thread (a long-poll).
final class AsyncResponse: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var response: RawHTTP.Response?

    init(_ body: @escaping @Sendable () -> RawHTTP.Response?) {
        Thread { [self] in
            response = body()
            done.signal()
        }.start()
    }

    func wait(timeout: TimeInterval) -> RawHTTP.Response? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return response
    }
}

/// A raw HTTP/1.1 client over a POSIX socket to 127.0.0.1: sends exactly
/// the given bytes and reads until the server closes.
enum RawHTTP {
    struct Response {
        var status: Int
        /// Lowercased names.
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct ConnectError: Error {}

    static func get(_ target: String, port: UInt16) -> Response? {
        exchange("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", port: port)
    }

    static func exchange(_ request: String, port: UInt16) -> Response? {
        guard let fd = try? connect(port: port) else { return nil }
        defer { close(fd) }
        sendAll(fd, Data(request.utf8))
        return parse(readAll(fd))
    }

    static func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ConnectError() }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw ConnectError()
        }
        return fd
    }

    static func sendAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let sent = send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let received = recv(fd, &chunk, chunk.count, 0)
            if received <= 0 { return data }
            data.append(contentsOf: chunk[0..<received])
        }
    }

    static func parse(_ data: Data) -> Response? {
        guard let split = data.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[data.startIndex..<split.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Data(data[split.upperBound...]))
    }
}

/// Issue 17, class 12: the DNS-rebinding guard and the exposure warning.
extension PreviewServerTests {
    func testOnlyRequestsForTheServedAddressAreAnswered() throws {
        let server = try startServer()
        let port = server.port
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LOCALHOST", "127.0.0.1"] {
            let response = try XCTUnwrap(RawHTTP.exchange("GET /en/ HTTP/1.1\r\nHost: \(host)\r\n\r\n", port: port), host)
            XCTAssertEqual(response.status, 200, host)
        }
        // A rebound name, a look-alike, a missing Host and a Host smuggled in a header value.
        let refused = ["Host: evil.example:\(port)", "Host: 127.0.0.1.evil.example", "Host: localhost.evil.example:\(port)",
                       "X-Host: 127.0.0.1", "Host: ", "Host: evil.example\r\nHost: 127.0.0.1"]
        for header in refused {
            let response = try XCTUnwrap(RawHTTP.exchange("GET /en/ HTTP/1.1\r\n\(header)\r\n\r\n", port: port), header)
            XCTAssertEqual(response.status, 421, header)
            XCTAssertFalse(response.text.contains("<html"), "page content leaked for \(header)")
        }
        // The reload channel is guarded too.
        let poll = try XCTUnwrap(RawHTTP.exchange("GET /__docsite/reload HTTP/1.1\r\nHost: evil.example\r\n\r\n", port: port))
        XCTAssertEqual(poll.status, 421)
    }

    func testHostGuardRules() {
        XCTAssertTrue(HostGuard.allows("192.168.1.5:8000", boundTo: "192.168.1.5"))
        XCTAssertFalse(HostGuard.allows("localhost:8000", boundTo: "192.168.1.5"))
        XCTAssertFalse(HostGuard.allows("127.0.0.1:8000", boundTo: "192.168.1.5"))
        XCTAssertTrue(HostGuard.allows("10.0.0.7:8000", boundTo: "0.0.0.0"))
        XCTAssertFalse(HostGuard.allows("rebind.example:8000", boundTo: "0.0.0.0"))
        XCTAssertTrue(HostGuard.allows("[::1]:8000", boundTo: "127.0.0.1"))
        XCTAssertFalse(HostGuard.allows("127.0.0.1x", boundTo: "127.0.0.1"))
        XCTAssertFalse(HostGuard.allows(nil, boundTo: "127.0.0.1"))
    }

    func testListeningBeyondLoopbackWarns() {
        XCTAssertNil(PreviewSession.exposureWarning(host: "127.0.0.1"))
        XCTAssertNil(PreviewSession.exposureWarning(host: "127.0.0.2"))
        for host in ["0.0.0.0", "192.168.1.5", "10.1.2.3"] {
            let warning = PreviewSession.exposureWarning(host: host)
            XCTAssertTrue(warning?.hasPrefix("warning: listening on \(host)") == true, "\(String(describing: warning))")
        }
    }
}
