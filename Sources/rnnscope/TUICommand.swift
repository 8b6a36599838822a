import ArgumentParser
import Foundation
import RNNCore
import RNNScopeApp
import RNNViews
import TerminalScreen

extension Activation: ExpressibleByArgument {}

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the full-screen visualizer on the demo (the default subcommand).",
        discussion: "Keys: Space step · ←/→ cursor · b backprop · g gradient measure · s tanh/sigmoid · r reset · ? help · q quit"
    )

    @Option(help: "Hidden units (1–256).")
    var hidden: Int = 16

    @Option(help: "Activation of the vanilla RNN: tanh or sigmoid.")
    var activation: Activation = .tanh

    @Option(help: "Seed of the weight initialisation (PyTorch's default, uniform ±1/√hidden).")
    var seed: UInt64 = 1

    @Option(help: "A UTF-8 text file to read instead of the built-in text (2–100000 characters).")
    var text: String?

    @Flag(help: "No colour (also when the NO_COLOR environment variable is set).")
    var noColor = false

    func validate() throws {
        guard (1...256).contains(hidden) else {
            throw ValidationError("--hidden must be between 1 and 256 (got \(hidden))")
        }
        guard activation != .relu else {
            throw ValidationError("--activation must be tanh or sigmoid (the demo switches between the two)")
        }
    }

    func run() throws {
        let body = try loadText()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("rnnscope: the visualizer needs a terminal: stdin and stdout must be a TTY")
            throw ExitCode(1)
        }
        let env = ProcessInfo.processInfo.environment
        let noColor = self.noColor || !(env["NO_COLOR"] ?? "").isEmpty
        let state = DemoState(text: body, hiddenSize: hidden, activation: activation, seed: seed)
        let code = try runInteractive(state: state, noColor: noColor)
        if code != 0 { throw ExitCode(code) }
    }

    func loadText() throws -> String {
        guard let path = text else { return demoText }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            printError("rnnscope: --text \(path): no such file"); throw ExitCode(1)
        }
        guard !isDir.boolValue else { printError("rnnscope: --text \(path): is a directory"); throw ExitCode(1) }
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("rnnscope: --text \(path): cannot read the file"); throw ExitCode(1)
        }
        guard let s = String(data: data, encoding: .utf8) else {
            printError("rnnscope: --text \(path): not UTF-8 text"); throw ExitCode(1)
        }
        guard (2...100_000).contains(s.count) else {
            printError("rnnscope: --text \(path): needs 2 to 100000 characters, has \(s.count)"); throw ExitCode(1)
        }
        return s
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}
