/// The check stage: every check over the loaded site, in parallel.
public struct CheckStage: Stage, Sendable {
    public static let name = "check"
    public var checks: [any Check]

    public init(checks: [any Check] = CheckRunner.all) { self.checks = checks }

    public func run(_ site: LoadedSite) -> [Diagnostic] {
        checks.concurrentMap { $0.run(site) }.flatMap { $0 }.reported(by: Self.name)
    }
}
