import DocsiteKit
import Foundation
#if canImport(Glibc)
import Glibc
#else
#error("the preview server calls Glibc sockets directly: docsite builds on Linux only")
#endif

/// What reading a request head produced.
enum HTTPRequestHead: Equatable {
    /// `host`: the Host header's value, nil when the request has none.
    case request(method: String, target: String, host: String?)
    /// The request line is longer than the limit: 414.
    case uriTooLong
    /// The head (request line and headers) is longer than its limit: 431.
    case headersTooLarge
    /// Not `METHOD TARGET HTTP/1.x`: 400.
    case malformed
    /// The client was too slow: 408.
    case timedOut
    /// The client went away before a whole head arrived: no answer.
    case closed
}

/// Accumulates bytes until the blank line ending a request head, checking
/// the limits as it goes (each byte is looked at once).
struct HTTPHeadParser {
    let maxRequestLine: Int
    let maxHead: Int
    private(set) var buffer: [UInt8] = []
    private var scanned = 0
    private var requestLineEnd: Int?

    init(maxRequestLine: Int, maxHead: Int) {
        self.maxRequestLine = maxRequestLine
        self.maxHead = maxHead
    }

    /// Adds received bytes; returns a verdict once one is possible.
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> HTTPRequestHead? {
        buffer.append(contentsOf: bytes)
        while scanned < buffer.count {
            let index = scanned
            scanned += 1
            guard buffer[index] == UInt8(ascii: "\n") else { continue }
            if requestLineEnd == nil {
                requestLineEnd = index
                if index > maxRequestLine { return .uriTooLong }
            } else if endsHead(at: index) {
                return parseRequestLine(headEnd: index)
            }
        }
        if requestLineEnd == nil && buffer.count > maxRequestLine { return .uriTooLong }
        if buffer.count > maxHead { return .headersTooLarge }
        return nil
    }

    /// A newline right after another one (optionally with `\r` between).
    private func endsHead(at index: Int) -> Bool {
        if index >= 1 && buffer[index - 1] == UInt8(ascii: "\n") { return true }
        return index >= 2 && buffer[index - 1] == UInt8(ascii: "\r") && buffer[index - 2] == UInt8(ascii: "\n")
    }

    private func parseRequestLine(headEnd: Int) -> HTTPRequestHead {
        guard let end = requestLineEnd else { return .malformed }
        var line = buffer[0..<end]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3,
              let method = String(validating: parts[0], as: UTF8.self),
              let target = String(validating: parts[1], as: UTF8.self),
              let version = String(validating: parts[2], as: UTF8.self),
              !method.isEmpty, method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }),
              !target.isEmpty, version == "HTTP/1.1" || version == "HTTP/1.0"
        else { return .malformed }
        return .request(method: method, target: target, host: hostHeader(from: end + 1, to: headEnd))
    }

    /// The value of the first `Host:` header line in `buffer[start..<end]`.
    private func hostHeader(from start: Int, to end: Int) -> String? {
        guard start < end else { return nil }
        for rawLine in buffer[start..<end].split(separator: UInt8(ascii: "\n")) {
            let line = String(decoding: rawLine, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == "host" else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

/// One response: status, headers and body. Always `Connection: close`.
struct HTTPResponse {
    var status: Int
    var headers: [(String, String)] = []
    var body = Data()

    static let reasons: [Int: String] = [
        200: "OK", 301: "Moved Permanently", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 421: "Misdirected Request",
        408: "Request Timeout", 414: "URI Too Long", 431: "Request Header Fields Too Large",
        500: "Internal Server Error", 503: "Service Unavailable",
    ]

    static func text(_ status: Int, _ message: String, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers,
                     body: Data((message + "\n").utf8))
    }

    /// The head as bytes; `Content-Length` is the body's length even for HEAD.
    func head() -> Data {
        var text = "HTTP/1.1 \(status) \(Self.reasons[status] ?? "Status")\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(body.count)\r\n"
        text += "Cache-Control: no-store\r\n"
        text += "X-Content-Type-Options: nosniff\r\n"
        text += "Connection: close\r\n\r\n"
        return Data(text.utf8)
    }
}

/// The DNS-rebinding guard: a page on evil.example whose name is made to
/// resolve to 127.0.0.1 would read the preview through the visitor's
/// browser; its requests carry `Host: evil.example`, so only the served
/// address (and `localhost` on loopback) is answered. Address literals
/// cannot be rebound, so on every interface (0.0.0.0) any literal is fine.
public enum HostGuard {
    public static func allows(_ host: String?, boundTo address: String) -> Bool {
        guard let host, !host.isEmpty else { return false }
        let name = hostName(host).lowercased()
        if name == address { return true }
        let loopback = address.hasPrefix("127.")
        if name == "localhost" { return loopback || address == "0.0.0.0" }
        if loopback { return (name.hasPrefix("127.") && isIPv4(name)) || name == "[::1]" }
        return address == "0.0.0.0" && (isIPv4(name) || name.hasPrefix("["))
    }

    /// `name:port` -> `name`; `[v6]:port` -> `[v6]`.
    static func hostName(_ host: String) -> String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[...close]) }
        return host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? host
    }

    static func isIPv4(_ name: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, name, &address) == 1
    }

    /// Listening on `address` makes the preview reachable from other machines.
    public static func isBeyondLoopback(_ address: String) -> Bool { !address.hasPrefix("127.") }
}
