import Foundation
import XCTest
@testable import DocsiteKit

/// `docsite check` compares matrix cells with the version ARGs of the Dockerfiles that build
/// the images (fixture: charts-site/docker/demo/Dockerfile).
final class MatrixCheckTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = try Fixture.copy("charts-site")
    }

    func writeMatrix(_ cells: String) throws {
        try Fixture.write("""
        lines: ["4.1.0"]
        components:
          - name: Spark
            cells:
        \(cells)

        """, to: "content/matrix.yaml", in: root)
    }

    func drift() throws -> [Diagnostic] {
        try CheckRunner.run(root: root).diagnostics.filter { $0.code == "matrix.drift" }
    }

    func testMatchingArgsPass() throws {
        try writeMatrix("""
              "4.1.0": {version: "4.1.0", chart: demo, key: image, image: "apache/spark:4.1.0", dockerfile: docker/demo/Dockerfile, arg: SPARK_VERSION}
          - name: Python
            cells:
              "4.1.0": {version: "3.11", dockerfile: [docker/demo/Dockerfile], arg: PYTHON_VERSION}
        """)
        XCTAssertEqual(try drift(), [])
    }

    func testChangedArgIsReportedOnTheCellLine() throws {
        try writeMatrix("""
              "4.1.0": {version: "4.1.0", chart: demo, key: image, image: "apache/spark:4.1.0", dockerfile: docker/demo/Dockerfile, arg: SPARK_VERSION}
        """)
        let dockerfile = root.appendingPathComponent("docker/demo/Dockerfile")
        let text = try String(contentsOf: dockerfile, encoding: .utf8).replacingOccurrences(of: "SPARK_VERSION=4.1.0", with: "SPARK_VERSION=4.1.1")
        try Data(text.utf8).write(to: dockerfile)
        let found = try drift()
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.file, "content/matrix.yaml")
        XCTAssertEqual(found.first?.line, 5)
        XCTAssertEqual(found.first?.message, "Spark for Spark 4.1.0 says '4.1.0' but docker/demo/Dockerfile has ARG SPARK_VERSION=4.1.1")
    }

    func testEveryDockerfileOfAListIsChecked() throws {
        try Fixture.write("FROM scratch\nARG PYTHON_VERSION=3.12\n", to: "docker/notebook/Dockerfile", in: root)
        try writeMatrix("""
              "4.1.0": {version: "3.11", dockerfile: [docker/demo/Dockerfile, docker/notebook/Dockerfile, docker/gone/Dockerfile], arg: PYTHON_VERSION}
        """)
        XCTAssertEqual(Set(try drift().map(\.message)), [
            "Spark for Spark 4.1.0 says '3.11' but docker/notebook/Dockerfile has ARG PYTHON_VERSION=3.12",
            "Spark for Spark 4.1.0 names docker/gone/Dockerfile, which does not exist",
        ])
    }

    func testMissingArgAndImageOfAnotherVersion() throws {
        try writeMatrix("""
              "4.1.0": {version: "4.1.0", image: "example/spark:4.0.1-1", dockerfile: docker/demo/Dockerfile, arg: JAVA_VERSION}
        """)
        XCTAssertEqual(Set(try drift().map(\.message)), [
            "Spark for Spark 4.1.0 docker/demo/Dockerfile has no 'ARG JAVA_VERSION=…'",
            "Spark for Spark 4.1.0 image 'example/spark:4.0.1-1' is not a build of version '4.1.0' (tag <version>-<revision>)",
        ])
    }
}
