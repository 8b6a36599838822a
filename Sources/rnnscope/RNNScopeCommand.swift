import ArgumentParser

@main
struct RNNScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnscope",
        abstract: "See a recurrent neural network think and learn, in a terminal.",
        discussion: """
            With no subcommand, opens the visualizer on the built-in demo: a vanilla RNN reading a short \
            text one character at a time. Press ? inside for every key.
            """,
        subcommands: [TUICommand.self],
        defaultSubcommand: TUICommand.self
    )
}
