import Foundation
import Testing

/// A user's own PyTorch model from the command line (Tests/Layouts, made by
/// scripts/golden/make_layouts.py): `sample` and `trace` read its vocabulary in the file's order,
/// `repl --weights` opens it over a text, and other formats exit 1 with the converting line.
struct OwnModelCLITests {
  static let layouts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Layouts")
  static var char: String { layouts.appendingPathComponent("char_permuted_vocab").path }

  func bin() throws -> String {
    guard let b = TmuxSession.binary() else { throw HarnessError("binary not built") }
    return b
  }

  func expected() throws -> [String: Any] {
    try JSONSerialization.jsonObject(
      with: try Data(contentsOf: URL(fileURLWithPath: Self.char + "/expected.json")))
      as! [String: Any]
  }

  @Test func sampleContinuesAsPyTorchDoes() throws {
    let want = try expected()
    let r = try spawn([
      try bin(), "sample", Self.char + "/weights.safetensors", "--prime", "the ", "--length", "30",
      "--temperature", "0.001",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "the " + (want["greedy"] as! String) + "\n")
    let bad = try spawn([try bin(), "sample", Self.char + "/weights.safetensors", "--prime", "xyz"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("--prime has characters the model does not know: 'x', 'y', 'z'"))
  }

  @Test func traceReadsText() throws {
    let r = try spawn([
      try bin(), "trace", Self.char + "/weights.safetensors", Self.char + "/spec.json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let obj = try JSONSerialization.jsonObject(with: r.stdout.data(using: .utf8)!) as! [String: Any]
    let loss = obj["loss"] as! Double
    let want = try expected()["loss"] as! Double
    #expect(abs(loss - want) < 1e-9 * want)
  }

  /// `--tensors` picks the decoder of a file with two recurrent modules, for trace and repl; a
  /// malformed map is bad usage (exit 2) with the syntax.
  @Test func tensorsOptionPicksTheModules() throws {
    let dir = Self.layouts.appendingPathComponent("seq2seq_decoder").path
    let file = dir + "/weights.safetensors"
    let refused = try spawn([try bin(), "trace", file, dir + "/spec.json"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("more than one recurrent module"))
    let r = try spawn([
      try bin(), "trace", file, dir + "/spec.json", "--tensors", "rnn=decoder,fc=out",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let obj = try JSONSerialization.jsonObject(with: r.stdout.data(using: .utf8)!) as! [String: Any]
    let want =
      try JSONSerialization.jsonObject(
        with: try Data(contentsOf: URL(fileURLWithPath: dir + "/expected.json"))) as! [String: Any]
    let loss = want["loss"] as! Double
    #expect(abs((obj["loss"] as! Double) - loss) < 1e-9 * max(1, loss))
    let bad = try spawn([try bin(), "trace", file, dir + "/spec.json", "--tensors", "rnn=decoder"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("name both rnn= and fc="))
    // In the command language, tensors= comes last (a relu RNN of 2 inputs and 1 output, as the
    // adding problem's).
    let wrapped = Self.layouts.appendingPathComponent("rnn_module_prefix/weights.safetensors").path
    let repl = try spawn(
      [try bin(), "repl"],
      stdin: "task adding\nload weights \(wrapped) tensors=rnn=module.rnn,fc=module.fc\n"
        + "load weights \(wrapped) tensors=rnn=module.rnn\n")
    #expect(
      repl.stdout.contains("loaded RNN (relu), 1 layer, input 2, hidden 5, output 1"), "\(repl)")
    #expect(repl.stderr.contains("error: load weights: tensor names 'rnn=module.rnn': name both"))
  }

  @Test func replOpensTheModelOverAText() throws {
    let dir = NSTemporaryDirectory() + "rnnscope-own-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let text = dir + "/text.txt"
    try "the cat sat on the mat, and the dog ran away.".write(
      toFile: text, atomically: true, encoding: .utf8)
    let r = try spawn(
      [
        try bin(), "repl", "--weights", Self.char + "/weights.safetensors", "--text", text,
      ], stdin: "run\nshow loss\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("loaded LSTM, 1 layer, input 6, hidden 10, output 14"))
    #expect(r.stderr.contains("its vocabulary of 14 characters, in the file's order"))
    #expect(r.stderr.contains("skipped: ',', 'w', 'y'"), "\(r.stderr)")
    // 45 characters less the three skipped (",", "w", "y"): 42 read, 41 inputs with a next one.
    #expect(r.stdout.contains("ran to the end: 41 steps"), "\(r.stdout)")
  }

  @Test(arguments: [
    ("refused/model.pt", "is a torch.save file (zip), not safetensors; convert it with: python3"),
    ("refused/weights.npz", "is a NumPy .npz archive, not safetensors; convert it with: python3"),
    ("refused/bidirectional.safetensors", "belongs to a bidirectional RNN"),
  ])
  func otherFilesExitOne(_ file: String, _ message: String) throws {
    let path = Self.layouts.appendingPathComponent(file).path
    for argv in [["trace", path, Self.char + "/spec.json"], ["repl", "--weights", path]] {
      let r = try spawn([try bin()] + argv, stdin: "")
      #expect(r.status == 1, "\(argv): \(r.stderr)")
      #expect(r.stderr.contains(message), "\(argv): \(r.stderr)")
    }
  }

  /// `model embed=E`, `train --embed E` and `tui --embed E` make embedding models; a vector task
  /// refuses one, saying why; a loaded embedding model trains (it once failed a size check).
  @Test func embeddingModelsAreMadeAndTrained() throws {
    let r = try spawn(
      [try bin(), "repl"],
      stdin: "task echo delay=3 length=10\nmodel cell=lstm embed=6\ntrain 20\ntask sine\n"
        + "model embed=0\n")
    #expect(r.stdout.contains("model: LSTM, 1 layer, input 6, hidden 16, output 8, embedding 8"))
    #expect(r.stdout.contains("trained 20 steps (20 in all)"), "\(r.stdout)")
    #expect(r.stderr.contains("embed: the sine task's inputs are vectors, not tokens"))
    #expect(r.stdout.contains("model: LSTM, 1 layer, input 8, hidden 16, output 8\n"))
    let t = try spawn([
      try bin(), "train", "--task", "copy", "--delay", "3", "--cell", "gru", "--embed", "5",
      "--hidden", "8", "--steps", "30", "--json",
    ])
    #expect(t.status == 0, "\(t.stderr)")
    let bad = try spawn([try bin(), "train", "--task", "sine", "--embed", "5", "--steps", "5"])
    #expect(bad.status != 0 && bad.stderr.contains("--embed needs token inputs"))
    // The character model of Tests/Layouts is an embedding model: opened, then trained.
    let own = try spawn(
      [try bin(), "repl", "--weights", Self.char + "/weights.safetensors"], stdin: "train 5\n")
    #expect(own.status == 0, "\(own.stderr)")
    #expect(own.stdout.contains("trained 5 steps"), "\(own.stdout) \(own.stderr)")
  }

  /// `tui --weights`: the visualizer opens the model, and its status line says what was loaded.
  @Test func theVisualizerOpensTheModel() throws {
    let t = try TmuxSession(
      width: 120, height: 40,
      arguments: ["tui", "--weights", Self.char + "/weights.safetensors"])
    try t.waitFor("LSTM · hidden 10")
    try t.waitFor("opened weights.safetensors: LSTM, hidden 10 · 14 characters, the file's order")
    try t.send("Space")
    try t.waitFor("step 1/")
    try t.send("q")
    #expect(try t.waitForExit() == 0)
  }
}
