/// A named step of `build` and `check`. What a stage reports carries its
/// name (`Diagnostic.stage`), so CI output says whether the repository
/// failed to load, a check found it wrong, or rendering or writing failed.
public protocol Stage {
    static var name: String { get }
}

extension Stage {
    /// Runs `body`; what it throws is claimed for this stage.
    static func claiming<T>(_ body: () throws(DiagnosticsError) -> T) throws(DiagnosticsError) -> T {
        do { return try body() } catch { throw error.reported(by: name) }
    }
}
