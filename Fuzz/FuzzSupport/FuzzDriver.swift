import CFuzzDriver
import Foundation

/// The `main` of every fuzz target. Built with `-DFUZZING` and the fuzzer sanitizer, it hands
/// the command line to libFuzzer; a plain build replays the files given (`FuzzReplay`).
public enum FuzzDriver {
    /// libFuzzer's entry-point signature: the input's bytes, and 0.
    public typealias Entry = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs `entry` under libFuzzer or on the files given, then exits.
    public static func main(_ entry: Entry) -> Never {
        #if FUZZING
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, entry))
        #else
            FuzzReplay.run(Array(CommandLine.arguments.dropFirst())) { bytes in
                _ = entry(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
            }
            exit(0)
        #endif
    }
}

/// A fuzz target's oracle: unlike `precondition`, its message survives a release build, so the
/// crash report says which property failed.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
