import Foundation
import XCTest

/// GNU gettext's own tools (Debian's gettext, which `make test` installs)
/// as the reference for the PO writer and reader; a test that needs one
/// is skipped, with the reason, where it is absent.
enum GettextTools {
    /// Runs `tool` (msgfmt, msgcat, msgmerge); returns its exit status and standard error.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let path = "/usr/bin/\(tool)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("\(tool) not installed (Debian package gettext; make test installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ["LC_ALL": "C"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }
}
