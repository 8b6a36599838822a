// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way, toward the core: each target uses only targets listed below it.
//   rnnscope (executable)       -> RNNScopeApp, TerminalScreen, CLineEdit, RNNFormats, RNNCore
//                                  (and swift-argument-parser)
//   rnnscope-fuzz (executable)  -> RNNScopeApp
//   TerminalScreen              -> RNNViews, CNCursesShim
//   CNCursesShim (C, ncursesw)
//   CLineEdit (C, libedit)      -> CFileGuard
//   RNNScopeApp                 -> RNNViews, RNNFormats, RNNCore
//   RNNViews
//   RNNFormats                  -> RNNCore, CFileGuard
//   CFileGuard (C)
//   RNNCore                     -> CLapackShim
//   CLapackShim (C; LAPACK, BLAS, libmvec)
// Each test target XTests tests the target X and depends on it; EndToEndTests runs the binary.
let package = Package(
  name: "rnnscope",
  products: [
    .executable(name: "rnnscope", targets: ["rnnscope"]),
    .library(name: "RNNCore", targets: ["RNNCore"]),
    .library(name: "RNNFormats", targets: ["RNNFormats"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The engine: the model and its mathematics, in Double; no terminal code and no files. Its
    // matrix products, tanh/exp and spectral figures go through CLapackShim.
    .target(name: "RNNCore", dependencies: ["CLapackShim"]),
    // The files rnnscope reads and writes — safetensors weights, SPEC.json and the trace report,
    // session JSON — with reads bounded before they start and atomic writes.
    .target(name: "RNNFormats", dependencies: ["RNNCore", "CFileGuard"]),
    // Removes a half-written file's temporary when a signal ends the process during the write.
    .target(name: "CFileGuard"),
    // Eigenvalues and singular values from Debian's LAPACK; matrix products from its BLAS
    // (OpenBLAS); element-wise tanh, exp and √ from glibc's vector math library (libmvec).
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
    // EndToEndTests also renders headless (RNNScopeApp) what the binary's output must show.
    .testTarget(name: "EndToEndTests", dependencies: ["rnnscope", "RNNScopeApp", "RNNViews"]),
  ],
  swiftLanguageModes: [.v6]
)
