/// Spectral radius and largest singular value of a square matrix.
public struct SpectralFigures: Sendable, Equatable, Codable {
  public let radius: Double
  public let sigmaMax: Double

  enum CodingKeys: String, CodingKey {
    case radius
    case sigmaMax = "sigma_max"
  }
}
