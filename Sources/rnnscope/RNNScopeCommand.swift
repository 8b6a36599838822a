import ArgumentParser
import Foundation

@main
struct RNNScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnscope",
        abstract: "See a recurrent neural network think and learn, in a terminal.",
        discussion: """
            With no subcommand, opens the visualizer on the built-in demo: a vanilla RNN reading a short \
            text one character at a time. Press ? inside for every key.
            """,
        version: "rnnscope 0.8 (2026-11-25)",
        subcommands: [TUICommand.self, ReplCommand.self, RunCommand.self, TrainCommand.self, TraceCommand.self, SampleCommand.self, BenchCommand.self],
        defaultSubcommand: TUICommand.self
    )

    /// Parses and runs the command. Usage errors exit 2 (not swift-argument-parser's 64), bad data 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write((fullMessage(for: error) + "\n").data(using: .utf8)!)
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
