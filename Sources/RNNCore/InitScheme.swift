/// How a model's weights start.
public enum InitScheme: String, CaseIterable, Sendable, Codable {
  /// PyTorch's default: everything uniform in ±1/√H.
  case pytorch
  /// Xavier/Glorot uniform for every gate block of weight_ih and weight_hh (±√(6/(fan_in +
  /// fan_out))), biases 0.
  case xavier
  /// weight_hh gate blocks orthogonal (QR of a Gaussian matrix), weight_ih Xavier, biases 0.
  case orthogonal
  /// IRNN (Le, Jaitly & Hinton 2015): weight_hh blocks the identity, weight_ih N(0, 0.001²), biases
  /// 0.
  case identity
}
