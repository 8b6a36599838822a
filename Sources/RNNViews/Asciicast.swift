/// The lines of an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/): newline-
/// delimited JSON, a header object first, then one event a line, `[time, code, data]`, the time
/// in seconds since the start. Pure text; the writing is the caller's.
public enum Asciicast {
  /// The header line: the terminal's size, and the optional fields given (the keys in a fixed
  /// order, so the same recording gives the same text).
  public static func header(
    width: Int, height: Int, timestamp: Int? = nil, title: String? = nil,
    command: String? = nil, env: [(String, String)] = []
  ) -> String {
    var s = "{\"version\": 2, \"width\": \(width), \"height\": \(height)"
    if let timestamp { s += ", \"timestamp\": \(timestamp)" }
    if let title { s += ", \"title\": " + json(title) }
    if let command { s += ", \"command\": " + json(command) }
    if !env.isEmpty {
      s +=
        ", \"env\": {" + env.map { json($0.0) + ": " + json($0.1) }.joined(separator: ", ")
        + "}"
    }
    return s + "}"
  }

  /// Output written to the terminal at `time`.
  public static func output(_ time: Double, _ data: String) -> String { event(time, "o", data) }

  /// A marker (a chapter a player can jump to) at `time`, with its label.
  public static func marker(_ time: Double, _ label: String) -> String {
    event(time, "m", label)
  }

  /// The terminal resized to `width` × `height` at `time`.
  public static func resize(_ time: Double, width: Int, height: Int) -> String {
    event(time, "r", "\(width)x\(height)")
  }

  static func event(_ time: Double, _ code: String, _ data: String) -> String {
    "[\(seconds(time)), \(json(code)), \(json(data))]"
  }

  /// Seconds with six decimals ("1.500000"), as asciinema writes them; negative times are 0.
  public static func seconds(_ t: Double) -> String {
    let micro = t.isFinite ? max(0, Int64((t * 1_000_000).rounded())) : 0
    let frac = String(micro % 1_000_000)
    return "\(micro / 1_000_000)." + String(repeating: "0", count: 6 - frac.count) + frac
  }

  /// `s` as a JSON string: quote, backslash and control characters escaped (ESC as \u001b),
  /// everything else as itself (UTF-8).
  public static func json(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u.value == 0x7f || (0x80...0x9f).contains(u.value)
          || u.value == 0x2028 || u.value == 0x2029
        {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
