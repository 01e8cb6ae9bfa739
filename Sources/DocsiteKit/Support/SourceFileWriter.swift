import Foundation

/// How the translation commands write a text file: only when its bytes
/// change (an unchanged file keeps its time, so a round trip that changes
/// nothing shows nothing in git or in an editor), in one atomic step.
enum SourceFileWriter {
    /// `shownAs` names the file in the error; true when it was written.
    static func write(_ text: String, to url: URL, shownAs file: String) throws(DiagnosticsError) -> Bool {
        if (try? String(contentsOf: url, encoding: .utf8)) == text { return false }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw DiagnosticsError([.error(.outputWrite, file: file, "cannot write: \(error.localizedDescription)")])
        }
        return true
    }
}
