import YAML
import Foundation

/// Matrix cells agree with the tags the charts really pin and with the
/// version ARGs of the Dockerfiles that build the platform's images.
public struct MatrixCheck: Check {
    public let name = "matrix"
    public init() {}

    public func run(_ context: LoadedSite) -> [Diagnostic] {
        let (matrix, problems) = VersionMatrix.load(root: context.root)
        guard let matrix else { return problems }
        var found = problems
        for component in matrix.components {
            for (line, cell) in component.cells.sorted(by: { $0.key < $1.key }) {
                let drifts = [VersionMatrix.drift(cell, charts: context.charts)].compactMap { $0 }
                    + VersionMatrix.dockerfileDrift(cell, root: context.root)
                for drift in drifts {
                    found.append(.error(.matrixDrift, file: VersionMatrix.file, line: cell.line,
                                        "\(component.name) for Spark \(line) \(drift)"))
                }
            }
        }
        return found
    }
}
