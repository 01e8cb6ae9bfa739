import Foundation
import XCTest
@testable import DocsiteKit

/// The system-call file helpers the loader and the writer use instead of Foundation.
final class PlainFileTests: XCTestCase {
    func testReadsWhatWasWrittenAtAnySize() throws {
        let folder = try Fixture.make([:])
        try PlainFile.makeFolder(folder.path)
        for size in [0, 1, 4095, 4096, 4097, 300_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = folder.path + "/file-\(size)"
            try PlainFile.write(bytes, to: path)
            XCTAssertEqual(PlainFile.read(path), bytes, "size \(size)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(bytes), "size \(size)")
        }
    }

    func testReadRefusesFoldersAndMissingFiles() throws {
        let folder = try Fixture.make(["a.md": "x"])
        XCTAssertNil(PlainFile.read(folder.path))
        XCTAssertNil(PlainFile.read(folder.path + "/missing.md"))
        XCTAssertEqual(PlainFile.read(folder.path + "/a.md"), Array("x".utf8))
    }

    func testFailuresNameThePath() throws {
        let folder = try Fixture.make(["a.md": "x"])
        XCTAssertThrowsError(try PlainFile.write([1, 2], to: folder.path + "/no/such/folder/file")) { error in
            XCTAssertTrue("\(error)".contains("/no/such/folder/file"), "\(error)")
        }
        XCTAssertThrowsError(try PlainFile.makeFolder(folder.path + "/a.md/sub")) { error in
            XCTAssertTrue("\(error)".contains("a.md/sub"), "\(error)")
        }
        XCTAssertNoThrow(try PlainFile.makeFolder(folder.path), "an existing folder is fine")
    }
}
