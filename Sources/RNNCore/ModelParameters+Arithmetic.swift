import CLapackShim

/// Whole-model arithmetic on parameters and gradients, tensor by tensor in `names` order.
extension ModelParameters {
  /// Every value, concatenated in `names` order.
  public var flat: [Double] {
    get {
      var out: [Double] = []
      out.reserveCapacity(count)
      if let e = embedding { out += e.data }
      for l in layers {
        out += l.weightIH.data
        out += l.weightHH.data
        out += l.biasIH
        out += l.biasHH
      }
      out += fcWeight.data
      out += fcBias
      return out
    }
    set {
      precondition(
        newValue.count == count, "flat parameters: \(newValue.count) values for \(count)")
      var i = 0
      func take(_ n: Int) -> [Double] {
        defer { i += n }
        return Array(newValue[i..<(i + n)])
      }
      if let e = embedding { embedding!.data = take(e.data.count) }
      for k in layers.indices {
        layers[k].weightIH.data = take(layers[k].weightIH.data.count)
        layers[k].weightHH.data = take(layers[k].weightHH.data.count)
        layers[k].biasIH = take(layers[k].biasIH.count)
        layers[k].biasHH = take(layers[k].biasHH.count)
      }
      fcWeight.data = take(fcWeight.data.count)
      fcBias = take(fcBias.count)
    }
  }

  /// The number of values.
  public var count: Int {
    (embedding?.data.count ?? 0) + fcWeight.data.count + fcBias.count
      + layers.reduce(0) {
        $0 + $1.weightIH.data.count + $1.weightHH.data.count + $1.biasIH.count + $1.biasHH.count
      }
  }

  /// Applies `f` to every value in place, with the matching value of `other`.
  public mutating func combine(_ other: ModelParameters, _ f: (inout Double, Double) -> Void) {
    withTensors(other) { a, b, _ in for i in a.indices { f(&a[i], b[i]) } }
  }

  /// Calls `f` on each tensor in `names` order with the matching tensor of `other` and the tensor's
  /// offset in `flat` order, without copying.
  public mutating func withTensors(
    _ other: ModelParameters,
    _ f: (inout [Double], [Double], Int) -> Void
  ) {
    var offset = 0
    func each(_ a: inout [Double], _ b: [Double]) {
      f(&a, b, offset)
      offset += a.count
    }
    if embedding != nil { each(&embedding!.data, other.embedding!.data) }
    for k in layers.indices {
      each(&layers[k].weightIH.data, other.layers[k].weightIH.data)
      each(&layers[k].weightHH.data, other.layers[k].weightHH.data)
      each(&layers[k].biasIH, other.layers[k].biasIH)
      each(&layers[k].biasHH, other.layers[k].biasHH)
    }
    each(&fcWeight.data, other.fcWeight.data)
    each(&fcBias, other.fcBias)
  }

  /// Divides every value by `d` (`rs_divide`: the same bits as `apply { $0 /= d }`, vectorised).
  public mutating func divide(by d: Double) {
    withEachTensor { if let x = $0.baseAddress { rs_divide($0.count, x, d) } }
  }

  /// Applies `f` to every value in place.
  public mutating func apply(_ f: (inout Double) -> Void) {
    withEachTensor { a in for i in a.indices { f(&a[i]) } }
  }

  /// Calls `body` with the storage of every tensor, in `names` order.
  public mutating func withEachTensor(_ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
    forEachArray { a in a.withUnsafeMutableBufferPointer { body($0) } }
  }

  /// Every tensor's values, in `names` order.
  var tensorArrays: [[Double]] {
    var copy = self
    var arrays: [[Double]] = []
    copy.forEachArray { arrays.append($0) }
    return arrays
  }

  /// Runs `body` with a pointer to the values of every tensor, in `names` order, all valid at once
  /// (each tensor's array is moved out for the duration, so that it is uniquely held, and put back
  /// after).
  mutating func withTensorPointers<R>(_ body: ([UnsafeMutablePointer<Double>]) -> R) -> R {
    var arrays: [[Double]] = []
    forEachArray {
      arrays.append($0)
      $0 = []
    }
    defer {
      var i = 0
      forEachArray {
        $0 = arrays[i]
        i += 1
      }
    }
    var pointers: [UnsafeMutablePointer<Double>] = []
    func nest(_ i: Int) -> R {
      if i == arrays.count { return body(pointers) }
      var a = arrays[i]
      arrays[i] = []
      defer { arrays[i] = a }
      return a.withUnsafeMutableBufferPointer {
        pointers.append($0.baseAddress!)
        return nest(i + 1)
      }
    }
    return nest(0)
  }

  private mutating func forEachArray(_ body: (inout [Double]) -> Void) {
    if embedding != nil { body(&embedding!.data) }
    for k in layers.indices {
      body(&layers[k].weightIH.data)
      body(&layers[k].weightHH.data)
      body(&layers[k].biasIH)
      body(&layers[k].biasHH)
    }
    body(&fcWeight.data)
    body(&fcBias)
  }

  /// Sets every value to zero.
  public mutating func zero() { withEachTensor { $0.update(repeating: 0) } }

  /// self += s · other
  public mutating func add(_ other: ModelParameters, scaledBy s: Double = 1) {
    combine(other) { $0 += s * $1 }
  }

  /// ‖θ‖₂ over every value, as clip_grad_norm_ needs it once a training step: √ of Σθ² summed in
  /// eight lanes (`rs_sum_squares`, the lanes then added pairwise), one pass without a division;
  /// where that sum overflows, is NaN, or is small enough for squares to have underflowed, the
  /// scaled two-pass `euclideanNorm` (exact for tiny and huge values) instead.
  public var globalNorm: Double {
    var lanes = [Double](repeating: 0, count: 8)
    forEachBuffer { if let x = $0.baseAddress { rs_sum_squares($0.count, x, &lanes) } }
    let sum =
      ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3]))
      + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
    guard sum.isFinite, sum >= 0x1p-900 else { return euclideanNorm(forEachBuffer) }
    return sum.squareRoot()
  }

  /// Every array of values in `flat`'s order.
  private func forEachBuffer(_ body: (UnsafeBufferPointer<Double>) -> Void) {
    embedding?.data.withUnsafeBufferPointer(body)
    for l in layers {
      l.weightIH.data.withUnsafeBufferPointer(body)
      l.weightHH.data.withUnsafeBufferPointer(body)
      l.biasIH.withUnsafeBufferPointer(body)
      l.biasHH.withUnsafeBufferPointer(body)
    }
    fcWeight.data.withUnsafeBufferPointer(body)
    fcBias.withUnsafeBufferPointer(body)
  }
}
