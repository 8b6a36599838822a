/// Text from a file shown safely: control characters (C0, DEL, C1; newlines and tabs too unless
/// kept) are written as escapes such as \u{1B}, so bytes from a shared file never reach a terminal
/// as its commands.
public func visible(_ s: String, keepNewlines: Bool = false) -> String {
  var out = ""
  for u in s.unicodeScalars {
    let control = u.value < 0x20 || (0x7f...0x9f).contains(u.value)
    if control && !(keepNewlines && (u == "\n" || u == "\t")) {
      out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
    } else {
      out.unicodeScalars.append(u)
    }
  }
  return out
}
