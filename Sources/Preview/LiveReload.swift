import DocsiteKit
import Foundation

/// Reloading open pages without touching the built files: HTML responses
/// get a script tag on the way out, and the script long-polls
/// `/__docsite/reload?since=N` until the site's generation changes.
enum LiveReload {
    static let scriptPath = "/__docsite/reload.js"
    static let pollPath = "/__docsite/reload"

    static let script = """
    (function () {
      var tag = document.currentScript;
      var generation = tag ? tag.getAttribute("data-generation") : "";
      function poll() {
        var started = Date.now();
        fetch("\(pollPath)?since=" + encodeURIComponent(generation), {cache: "no-store"})
          .then(function (response) { return response.json(); })
          .then(function (data) {
            if (String(data.generation) !== String(generation)) { location.reload(); return; }
            setTimeout(poll, Date.now() - started < 1000 ? 1000 : 0);
          })
          .catch(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();

    """

    static func respond(target: String, hub: ReloadHub, configuration: PreviewServerConfiguration) -> HTTPResponse {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        switch parts.first.map(String.init) ?? "" {
        case scriptPath:
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8")], body: Data(script.utf8))
        case pollPath:
            let since = parts.count > 1 ? generation(inQuery: parts[1]) : nil
            let current = since.map {
                hub.waitForChange(since: $0, timeout: configuration.longPollTimeout, maxWaiters: configuration.maxReloadWaiters)
            } ?? hub.currentGeneration
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")],
                                body: Data("{\"generation\":\(current)}\n".utf8))
        default:
            return .text(404, "not found")
        }
    }

    static func generation(inQuery query: Substring) -> Int? {
        for pair in query.split(separator: "&") where pair.hasPrefix("since=") {
            return Int(pair.dropFirst("since=".count))
        }
        return nil
    }

    static func scriptTag(generation: Int) -> String {
        "<script src=\"\(scriptPath)\" data-generation=\"\(generation)\"></script>\n"
    }

    /// Inserts the script tag before the last `</body` (any case), or
    /// appends it when the page has none.
    static func inject(into html: Data, generation: Int) -> Data {
        let tag = Data(scriptTag(generation: generation).utf8)
        guard let index = lastBodyClose(in: html) else { return html + tag }
        var result = Data(capacity: html.count + tag.count)
        result.append(html[html.startIndex..<index])
        result.append(tag)
        result.append(html[index...])
        return result
    }

    private static func lastBodyClose(in html: Data) -> Data.Index? {
        let pattern = Array("</body".utf8)
        var index = html.endIndex - pattern.count
        while index >= html.startIndex {
            var matched = true
            for offset in 0..<pattern.count where lowercased(html[index + offset]) != pattern[offset] {
                matched = false
                break
            }
            if matched { return index }
            index -= 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
