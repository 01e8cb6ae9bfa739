// Every public entry point of DocsiteKit reports through `Diagnostic` and
// throws `DiagnosticsError`, so the type is part of this module's API.
@_exported import Diagnostics
