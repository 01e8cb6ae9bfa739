import DocsiteKit
import Foundation
#if canImport(Glibc)
import Glibc
#else
#error("the preview server calls Glibc sockets directly: docsite builds on Linux only")
#endif

public struct PreviewServerConfiguration: Sendable {
    /// An IPv4 address literal; the preview is meant for 127.0.0.1.
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port: UInt16 = 8000
    /// Connections served at once; more wait in the listen backlog.
    public var maxConnections = 64
    /// Reload long-polls held at once (each holds a connection).
    public var maxReloadWaiters = 32
    /// Per-read timeout and the whole time allowed to send a request head.
    public var readTimeout: TimeInterval = 5
    public var headDeadline: TimeInterval = 10
    public var longPollTimeout: TimeInterval = 25
    public var maxRequestLine = 8 * 1024
    public var maxHead = 32 * 1024
    /// Serve `/__docsite/reload` and add its script tag to HTML responses.
    public var liveReload = true

    public init() {}
}

public struct PreviewServerError: Error, CustomStringConvertible {
    public var description: String
}

/// A minimal HTTP/1.1 server for the built site: GET and HEAD only, one
/// request per connection, a thread per connection up to a bound. Meant
/// for a local preview, not for the internet; it still refuses paths that
/// leave the folder and survives clients that misbehave.
public final class PreviewServer: @unchecked Sendable {
    public let folder: URL
    public let configuration: PreviewServerConfiguration
    public let hub: ReloadHub
    private let resolver: StaticFileResolver
    private let state = NSCondition()
    private var listener: Int32 = -1
    private var stopping = false
    private var acceptRunning = false
    private var connections: Set<Int32> = []
    private var boundPort: UInt16 = 0

    public init(folder: URL, configuration: PreviewServerConfiguration = PreviewServerConfiguration(), hub: ReloadHub = ReloadHub()) {
        self.folder = folder.standardizedFileURL
        self.configuration = configuration
        self.hub = hub
        self.resolver = StaticFileResolver(folder: folder)
    }

    public var port: UInt16 {
        state.lock()
        defer { state.unlock() }
        return boundPort
    }

    /// Binds, listens and starts accepting; returns the bound port.
    @discardableResult
    public func start() throws(PreviewServerError) -> UInt16 {
        // A peer that closes mid-response must cost an EPIPE, not the process.
        signal(SIGPIPE, SIG_IGN)
        let socket = try Self.listen(host: configuration.host, port: configuration.port)
        let port = Self.localPort(of: socket)
        state.lock()
        listener = socket
        boundPort = port
        stopping = false
        acceptRunning = true
        state.unlock()
        hub.reopen()
        let thread = Thread { [self] in acceptLoop(socket) }
        thread.name = "docsite-preview-accept"
        thread.start()
        return port
    }

    /// Stops accepting, wakes every open connection and waits (bounded)
    /// for them to finish.
    public func stop() {
        state.lock()
        stopping = true
        for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
        state.unlock()
        hub.close()
        state.lock()
        let deadline = Date(timeIntervalSinceNow: 5)
        while (acceptRunning || !connections.isEmpty) && state.wait(until: deadline) {}
        state.unlock()
    }

    // MARK: Sockets

    static func listen(host: String, port: UInt16) throws(PreviewServerError) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw PreviewServerError(description: "--host \(host) is not an IPv4 address such as 127.0.0.1")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw PreviewServerError(description: "cannot create a socket: \(errnoText())") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let reason = errno == EADDRINUSE ? "the port is in use (try another --port)" : errnoText()
            close(fd)
            throw PreviewServerError(description: "cannot listen on \(host):\(port): \(reason)")
        }
        guard Glibc.listen(fd, 128) == 0 else {
            let reason = errnoText()
            close(fd)
            throw PreviewServerError(description: "cannot listen on \(host):\(port): \(reason)")
        }
        return fd
    }

    static func localPort(of fd: Int32) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    private var isStopping: Bool {
        state.lock()
        defer { state.unlock() }
        return stopping
    }

    /// Polls with a short timeout so `stop()` is noticed without closing
    /// the socket under a blocked `accept`.
    private func acceptLoop(_ socket: Int32) {
        let slots = DispatchSemaphore(value: configuration.maxConnections)
        while !isStopping {
            guard slots.wait(timeout: .now() + .milliseconds(200)) == .success else { continue }
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 200) > 0 else {
                slots.signal()
                continue
            }
            let client = accept(socket, nil, nil)
            guard client >= 0 else {
                slots.signal()
                // Out of descriptors: back off instead of spinning.
                if errno == EMFILE || errno == ENFILE { usleep(50_000) }
                continue
            }
            // Not inherited by processes a build may start.
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            guard register(client) else {
                close(client)
                slots.signal()
                continue
            }
            let thread = Thread { [self] in
                serve(client)
                unregister(client)
                slots.signal()
            }
            thread.name = "docsite-preview-connection"
            thread.start()
        }
        close(socket)
        state.lock()
        acceptRunning = false
        state.broadcast()
        state.unlock()
    }

    private func register(_ client: Int32) -> Bool {
        state.lock()
        defer { state.unlock() }
        guard !stopping else { return false }
        connections.insert(client)
        return true
    }

    private func unregister(_ client: Int32) {
        state.lock()
        connections.remove(client)
        close(client)
        state.broadcast()
        state.unlock()
    }

    // MARK: One connection

    private func serve(_ client: Int32) {
        Self.setTimeout(client, SO_RCVTIMEO, configuration.readTimeout)
        Self.setTimeout(client, SO_SNDTIMEO, 10)
        let head = readHead(client)
        let response: HTTPResponse
        var isHead = false
        switch head {
        case .closed:
            return
        case .timedOut:
            response = .text(408, "request timed out")
        case .uriTooLong:
            response = .text(414, "request line longer than \(configuration.maxRequestLine) bytes")
        case .headersTooLarge:
            response = .text(431, "request head longer than \(configuration.maxHead) bytes")
        case .malformed:
            response = .text(400, "malformed request")
        case .request(let method, let target, let host):
            isHead = method == "HEAD"
            response = HostGuard.allows(host, boundTo: configuration.host)
                ? respond(method: method, target: target)
                : .text(421, "this preview answers only requests for \(configuration.host) or localhost (Host was \(host ?? "missing"))")
        }
        Self.send(client, response.head())
        if !isHead { Self.send(client, response.body) }
        lingeringClose(client)
    }

    private func readHead(_ client: Int32) -> HTTPRequestHead {
        var parser = HTTPHeadParser(maxRequestLine: configuration.maxRequestLine, maxHead: configuration.maxHead)
        let deadline = Date(timeIntervalSinceNow: configuration.headDeadline)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let received = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if received == 0 { return .closed }
            if received < 0 {
                if errno == EINTR { continue }
                return errno == EAGAIN || errno == EWOULDBLOCK ? .timedOut : .closed
            }
            if let verdict = chunk.withUnsafeBytes({ parser.append(UnsafeRawBufferPointer(rebasing: $0[0..<received])) }) {
                return verdict
            }
        }
        return .timedOut
    }

    /// Half-closes, then reads what the client still sends (bounded) before
    /// closing: closing with unread input makes the kernel send a reset,
    /// which can destroy the response before the client reads it (a 414
    /// answered while a long URL is still arriving).
    private func lingeringClose(_ client: Int32) {
        shutdown(client, Int32(SHUT_WR))
        Self.setTimeout(client, SO_RCVTIMEO, 0.5)
        var drained = 0
        let deadline = Date(timeIntervalSinceNow: 2)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while drained < 4 * 1024 * 1024 && Date() < deadline {
            let received = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if received < 0 && errno == EINTR { continue }
            if received <= 0 { return }
            drained += received
        }
    }

    static func setTimeout(_ fd: Int32, _ option: Int32, _ seconds: TimeInterval) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends everything or gives up quietly: the peer may be gone.
    static func send(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let sent = Glibc.send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 && errno == EINTR { continue }
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    // MARK: Routing

    private func respond(method: String, target: String) -> HTTPResponse {
        guard method == "GET" || method == "HEAD" else {
            return .text(405, "only GET and HEAD", headers: [("Allow", "GET, HEAD")])
        }
        if configuration.liveReload && target.hasPrefix("/__docsite/") {
            return LiveReload.respond(target: target, hub: hub, configuration: configuration)
        }
        switch RequestPath.parse(target) {
        case .failure(.malformed):
            return .text(400, "malformed request target")
        case .failure(.unsafe):
            return notFound()
        case .success(let path):
            return file(at: path)
        }
    }

    private func file(at path: RequestPath) -> HTTPResponse {
        var resolution = resolver.resolve(path)
        var data = Self.contents(of: resolution)
        if Self.isMissing(resolution, data) && hub.isBuilding || Self.isUnreadable(resolution, data) {
            // A rebuild is swapping the folder: answer from the new one.
            hub.waitUntilIdle(timeout: 30)
            resolution = resolver.resolve(path)
            data = Self.contents(of: resolution)
        }
        switch resolution {
        case .redirect(let location):
            return HTTPResponse(status: 301, headers: [("Location", location), ("Content-Type", "text/plain; charset=utf-8")],
                                body: Data("moved to \(location)\n".utf8))
        case .file(let url):
            guard let data else { return notFound() }
            return page(status: 200, data: data, contentType: StaticFileResolver.contentType(for: url))
        case .notFound:
            return notFound()
        }
    }

    private static func isMissing(_ resolution: StaticFileResolver.Resolution, _ data: Data?) -> Bool {
        resolution == .notFound || isUnreadable(resolution, data)
    }

    /// Resolved, then gone before it was read: the folder was just swapped.
    private static func isUnreadable(_ resolution: StaticFileResolver.Resolution, _ data: Data?) -> Bool {
        if case .file = resolution { return data == nil }
        return false
    }

    private static func contents(of resolution: StaticFileResolver.Resolution) -> Data? {
        guard case .file(let url) = resolution else { return nil }
        return try? Data(contentsOf: url)
    }

    /// The site's 404.html with status 404, or a plain message.
    private func notFound() -> HTTPResponse {
        guard let page = resolver.notFoundPage(), let data = try? Data(contentsOf: page) else {
            return .text(404, "not found")
        }
        return self.page(status: 404, data: data, contentType: "text/html; charset=utf-8")
    }

    private func page(status: Int, data: Data, contentType: String) -> HTTPResponse {
        var body = data
        if configuration.liveReload && contentType.hasPrefix("text/html") {
            body = LiveReload.inject(into: data, generation: hub.currentGeneration)
        }
        return HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: body)
    }
}
