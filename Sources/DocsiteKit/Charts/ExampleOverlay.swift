import Foundation

/// An example overlay in `content/examples/` and what `check` says of it.
public struct ExampleOverlay: Sendable {
    public var fileName: String
    public var chartID: String?
    public var text: String
    public var problems: [Diagnostic]

    public var file: String { "\(OverlayCheck.folder)/\(fileName)" }
    public var stem: String { (fileName as NSString).deletingPathExtension }
    public func url(_ language: String) -> String { "\(language)/examples/\(stem)/" }

    /// The `helm install` line from the file's leading comment, if any.
    public var installCommand: String? {
        text.split(separator: "\n").prefix { $0.hasPrefix("#") || $0.isEmpty }
            .first { $0.contains("helm install") || $0.contains("helm upgrade") }
            .map { $0.drop { $0 == "#" || $0 == " " }.trimmingCharacters(in: .whitespaces) }
    }

    /// Every overlay in `content/examples/`, validated once (the load
    /// stage): `check` reports the verdicts, the example pages show them.
    static func load(root: URL, charts: ChartCatalog) -> [ExampleOverlay] {
        let validation = OverlayValidation(root: root, catalog: charts)
        let common = FileManager.default.fileExists(atPath: root.appendingPathComponent(OverlayValidation.commonValuesFile).path)
            ? [OverlayValidation.commonValuesFile] : []
        return OverlayCheck.overlayNames(root).map { name in
            let file = "\(OverlayCheck.folder)/\(name)"
            let chart = validation.chartForOverlay(fileName: name)
            let problems = chart.map { validation.validate(files: [file], chart: $0, extraFirst: common) } ?? []
            return ExampleOverlay(fileName: name, chartID: chart?.id, text: shownText(root: root, file: file), problems: problems)
        }
    }

    /// The text the example page shows, read as the validator reads it: a
    /// link out of the repository is refused, never published. Empty when
    /// it cannot be read: the validator reports why (link.outside,
    /// content.encoding, yaml.invalid), so the verdict says so.
    static func shownText(root: URL, file: String) -> String {
        guard let data = SourcePolicy.read(root: root, file: file) else { return "" }
        return String(validating: [UInt8](data), as: UTF8.self) ?? ""
    }
}
