/// Which colour maps and signal colours the views use: the default (cool-warm for signed values,
/// viridis for magnitudes, green for right and red for wrong) or one that colour-blind eyes read as
/// well as any (a blue–orange diverging map, cividis, and blue against orange for the signals).
public enum Palette: String, CaseIterable, Sendable {
  case standard = "default"
  case cividis

  /// Signed value v in [−limit, limit] → the palette's diverging map.
  public func diverging(_ v: Double, limit: Double = 1) -> RGB {
    switch self {
    case .standard: return Colormap.interpolate(Colormap.coolWarm, v / limit)
    case .cividis: return Colormap.interpolate(Colormap.blueOrange, v / limit)
    }
  }

  /// Magnitude f in [0, 1] → the palette's sequential map.
  public func sequential(_ f: Double) -> RGB {
    switch self {
    case .standard: return Colormap.interpolate(Colormap.viridis, f)
    case .cividis: return Colormap.interpolate(Colormap.cividis, f)
    }
  }

  /// The diverging map with 256 colours (`IndexedRamp`).
  public func indexedDiverging(_ v: Double, limit: Double = 1) -> RGB {
    (self == .standard ? Palette.coolWarm256 : Palette.blueOrange256).color(v / limit)
  }

  /// The sequential map with 256 colours (`IndexedRamp`).
  public func indexedSequential(_ f: Double) -> RGB {
    (self == .standard ? Palette.viridis256 : Palette.cividis256).color(f)
  }

  // 65 samples: the map's colours fall on about 20 distinct entries each.
  static let coolWarm256 = IndexedRamp(samples: 65, lower: -1, upper: 1, start: 32) {
    Palette.standard.diverging($0)
  }
  static let blueOrange256 = IndexedRamp(samples: 65, lower: -1, upper: 1, start: 32) {
    Palette.cividis.diverging($0)
  }
  static let viridis256 = IndexedRamp(samples: 65, lower: 0, upper: 1, start: 0) {
    Palette.standard.sequential($0)
  }
  static let cividis256 = IndexedRamp(samples: 65, lower: 0, upper: 1, start: 0) {
    Palette.cividis.sequential($0)
  }
}
