// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way, toward the core:
//   rnnscope (executable) -> TerminalScreen -> CNCursesShim (C, ncursesw)
//                         -> RNNScopeApp -> RNNViews
//                                        -> RNNCore
let package = Package(
  name: "rnnscope",
  products: [
    .executable(name: "rnnscope", targets: ["rnnscope"]),
    .library(name: "RNNCore", targets: ["RNNCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The engine: pure Swift, Double, no terminal code.
    .target(name: "RNNCore", dependencies: ["CLapackShim"]),
    // The files rnnscope reads and writes: safetensors weights, atomic writes, bounded reads.
    .target(name: "RNNFormats", dependencies: ["RNNCore", "CFileGuard"]),
    // Removes a half-written file's temporary when a signal ends the process during the write.
    .target(name: "CFileGuard"),
    // Eigenvalues and singular values from Debian's LAPACK; matrix products from its BLAS (OpenBLAS);
    // element-wise tanh, exp and √ from glibc's vector math library (libmvec).
    .target(
      name: "CLapackShim",
      linkerSettings: [.linkedLibrary("lapack"), .linkedLibrary("blas"), .linkedLibrary("mvec")]),
    // Views drawing into an in-memory grid of cells; no ncurses.
    .target(name: "RNNViews"),
    // The demo's state, key handling and frame composition; no ncurses.
    .target(name: "RNNScopeApp", dependencies: ["RNNCore", "RNNFormats", "RNNViews"]),
    // A small C shim over ncursesw for the macros and globals Swift 6 cannot use.
    .target(
      name: "CNCursesShim",
      linkerSettings: [.linkedLibrary("ncursesw")]
    ),
    // Line editing, history and completion for `rnnscope repl`, through libedit.
    .target(
      name: "CLineEdit", dependencies: ["CFileGuard"], linkerSettings: [.linkedLibrary("edit")]),
    // Thin layer: copies a CellGrid to the terminal and reads keys.
    .target(name: "TerminalScreen", dependencies: ["CNCursesShim", "RNNViews"]),
    .executableTarget(
      name: "rnnscope",
      dependencies: [
        "RNNCore", "RNNFormats", "RNNScopeApp", "TerminalScreen", "CLineEdit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // libFuzzer targets (scripts/fuzz); built normally, a corpus replayer.
    .executableTarget(name: "rnnscope-fuzz", dependencies: ["RNNScopeApp"]),
    .testTarget(name: "RNNCoreTests", dependencies: ["RNNCore"]),
    .testTarget(name: "RNNFormatsTests", dependencies: ["RNNFormats", "RNNCore"]),
    .testTarget(name: "RNNViewsTests", dependencies: ["RNNViews"]),
    .testTarget(
      name: "RNNScopeAppTests", dependencies: ["RNNScopeApp", "RNNFormats", "RNNViews", "RNNCore"]),
    .testTarget(name: "TerminalScreenTests", dependencies: ["TerminalScreen", "RNNViews"]),
    .testTarget(name: "EndToEndTests", dependencies: ["rnnscope"]),
  ],
  swiftLanguageModes: [.v6]
)
