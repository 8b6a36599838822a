import ArgumentParser
import RNNCore

// The engine's choices read as option values by their raw names (--cell lstm, --init xavier).
extension Activation: ExpressibleByArgument {}
extension CellKind: ExpressibleByArgument {}
extension InitScheme: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension TaskKind: ExpressibleByArgument {}
