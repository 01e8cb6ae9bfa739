import Foundation
import FuzzHarness

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.targets["FuzzPageLoading"]!(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
// `make fuzz` builds with `-sanitize=fuzzer -D FUZZING`. SwiftPM links every
// executable's entry point as main, so instead of libFuzzer's own main the
// entry hands the command line to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzz))
    }
}
#else
/// A plain build replays the files (or folders of files) given as
/// arguments, e.g. a crash input, through the same entry.
@main
struct Replay {
    static func main() {
        let count = FuzzHarness.replay(Array(CommandLine.arguments.dropFirst()), FuzzHarness.targets["FuzzPageLoading"]!)
        print("FuzzPageLoading: replayed \(count) input(s) without a crash")
    }
}
#endif
