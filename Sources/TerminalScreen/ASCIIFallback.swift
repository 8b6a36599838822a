/// ASCII stand-ins for the characters the views use, so a terminal whose locale is not UTF-8 never
/// shows mojibake: whatever the views drew, only ASCII reaches it.
public enum ASCIIFallback {
  static let table: [Unicode.Scalar: Unicode.Scalar] = [
    "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "┤": "+", "━": "-",
    "▀": "#", "█": "#", "▇": "#", "▆": "#", "▅": "=", "▄": "=", "▃": "-", "▂": "_", "▁": "_",
    "▲": "^", "◆": "*", "●": "*", "◀": "<", "␣": "_", "↵": "/", "⇥": ">", "✓": "+", "✗": "x",
    "‖": "|", "∂": "d", "σ": "s", "φ": "f", "ρ": "p", "γ": "g", "Σ": "S", "∇": "V", "×": "x",
    "·": ".",
    "—": "-", "–": "-", "→": ">", "←": "<", "↑": "^", "↓": "v", "¼": "q", "≤": "<", "≥": ">",
    "…": ".", "•": "*", "░": ":", "▓": "@",
    "₁": "1", "₂": "2",
  ]

  public static func scalar(for s: Unicode.Scalar) -> Unicode.Scalar {
    if s.isASCII { return s }
    if let a = table[s] { return a }
    if (0x2800...0x28FF).contains(s.value) { return s.value == 0x2800 ? " " : "." }  // braille dots
    return "?"
  }
}
