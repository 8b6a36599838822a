import Foundation
import Testing

@testable import RNNCore
@testable import RNNFormats

/// Saves replace only regular files, keep their permissions, refuse what no reader would take, and
/// leave nothing behind when they fail.
struct AtomicWriteTests {
  static func scratch() throws -> String {
    let dir =
      NSTemporaryDirectory() + "rnnscope-write-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func aDeviceOrAFolderIsNeverReplaced() throws {
    let dir = try Self.scratch()
    #expect(throws: WeightsError.self) { try writeAtomically(Data("x".utf8), to: "/dev/null") }
    var st = stat()
    #expect(
      stat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a device")
    do {
      try writeAtomically(Data("x".utf8), to: dir)
      Issue.record("a folder was replaced")
    } catch let e as WeightsError { #expect(e.problem.contains("is a directory; not replaced")) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "no temporary left")
  }

  @Test func aReplacedFileKeepsItsPermissionsAndASymlinkItsTarget() throws {
    let dir = try Self.scratch()
    let path = dir + "/w.safetensors"
    try writeAtomically(Data("one".utf8), to: path)
    #expect(chmod(path, 0o600) == 0)
    try writeAtomically(Data("two".utf8), to: path)
    var st = stat()
    #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
    #expect(symlink(path, dir + "/link") == 0)
    try writeAtomically(Data("three".utf8), to: dir + "/link")
    #expect(
      lstat(dir + "/link", &st) == 0 && st.st_mode & S_IFMT == S_IFLNK, "the link stays a link")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "three")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [
        "link", "w.safetensors",
      ])
  }

  @Test func aNameOf255BytesIsWritten() throws {
    let dir = try Self.scratch()
    let name = String(repeating: "a", count: 243) + ".safetensors"
    try writeAtomically(Data("x".utf8), to: dir + "/" + name)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [name])
    #expect(throws: WeightsError.self) {
      try writeAtomically(Data("x".utf8), to: dir + "/" + name + "x")
    }
  }

  @Test func weightsPastFloat32sRangeAreRefusedNamingTheTensor() throws {
    let dir = try Self.scratch()
    var m = Model(
      config: ModelConfig(cell: .rnn, inputSize: 2, hiddenSize: 3, outputSize: 2), seed: 1)
    m.parameters["fc.bias"][1] = 1e39
    do {
      try ModelWeights.save(m, to: dir + "/m.safetensors")
      Issue.record("saved a weight of 1e39 as float32")
    } catch let e as WeightsError {
      #expect(e.tensor == "fc.bias" && e.problem.contains("beyond float32's range"), "\(e)")
    }
    try ModelWeights.save(m, to: dir + "/m.safetensors", dtype: .f64)  // F64 holds it
    #expect(try ModelWeights.load(path: dir + "/m.safetensors") == m)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["m.safetensors"])
  }

  @Test func aPipeOrADeviceIsRefusedWithoutWaiting() throws {
    let dir = try Self.scratch()
    #expect(mkfifo(dir + "/fifo", 0o600) == 0)
    for path in [dir + "/fifo", "/dev/zero"] {
      do {
        _ = try readBounded(path, limit: 1_000_000, what: "a session file")
        Issue.record("read \(path)")
      } catch let e as FileProblem {
        #expect(e.problem.hasPrefix("is not a regular file"), "\(path): \(e)")
      }
    }
  }

  @Test func aFileOverTheLimitIsRefusedBeforeItIsRead() throws {
    let dir = try Self.scratch()
    let path = dir + "/big"
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    #expect(truncate(path, 3_000_000_000) == 0)  // sparse: 3 GB that take no disk
    do {
      _ = try readBounded(path, limit: 1_000_000_000, what: "a weights file")
      Issue.record("read a 3 GB file")
    } catch let e as FileProblem {
      #expect(e.problem == "is 3 GB; the limit for a weights file is 1 GB")
    }
    do {
      _ = try SafeTensors.read(path: path)
      Issue.record("read a 3 GB file")
    } catch let e as WeightsError { #expect(e.problem.contains("is 3 GB")) }
  }
}
