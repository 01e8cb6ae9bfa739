import FuzzHarness

/// `make fuzz` target; the logic lives in FuzzHarness (see FuzzMain.swift).
@main
struct Main {
    static func main() { FuzzHarness.run("FuzzSchemaValidator") }
}
