// libFuzzer targets for the command interpreter, the safetensors reader, session files and
// SPEC.json. scripts/fuzz builds this with -sanitize=fuzzer -D FUZZING; built normally it replays
// files:
//   rnnscope-fuzz TARGET FILE…
import Foundation
import RNNScopeApp

#if FUZZING
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let target = ProcessInfo.processInfo.environment["RNNSCOPE_FUZZ_TARGET"] ?? "commands"
    FuzzHarness.run(target, start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// SwiftPM links an executable's entry point under this name; here it hands control to
  /// libFuzzer's driver.
  @_cdecl("rnnscope_fuzz_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
    -> CInt
  {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, fuzzOne)
  }
#else
  @main
  struct FuzzReplay {
    static func main() {
      let args = CommandLine.arguments
      guard args.count >= 2, FuzzHarness.targets.contains(args[1]) else {
        FileHandle.standardError.write(
          "usage: rnnscope-fuzz \(FuzzHarness.targets.joined(separator: "|")) FILE…\n".data(
            using: .utf8)!)
        exit(2)
      }
      var n = 0
      for path in args.dropFirst(2) {
        guard let d = FileManager.default.contents(atPath: path) else { continue }
        FuzzHarness.run(args[1], d)
        n += 1
      }
      print("replayed \(n) inputs through \(args[1])")
    }
  }
#endif
