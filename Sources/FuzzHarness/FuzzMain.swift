import Foundation

// The one entry point every fuzz executable calls. `make fuzz` builds with
// `-sanitize=fuzzer -D FUZZING`: SwiftPM links every executable's entry
// point as `main`, so instead of libFuzzer's own main the command line goes
// to libFuzzer's driver. A plain build replays the files (or folders of
// files) given as arguments, e.g. a crash input, through the same entry.

extension FuzzHarness {
    /// The target the running executable fuzzes; set once by `run` before
    /// libFuzzer starts calling `LLVMFuzzerTestOneInput`.
    nonisolated(unsafe) static var selected: Entry?

    public static func run(_ name: String) -> Never {
        guard let entry = targets[name] else {
            FileHandle.standardError.write(Data("no fuzz target named \(name)\n".utf8))
            exit(2)
        }
        selected = entry
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
        #else
        let count = replay(Array(CommandLine.arguments.dropFirst()), entry)
        print("\(name): replayed \(count) input(s) without a crash")
        exit(0)
        #endif
    }
}

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.selected?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
#endif
