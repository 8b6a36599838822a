import CLapackShim
import Foundation

/// Scratch memory for `BatchBPTT`, kept from call to call and grown when a batch needs more. Not to be
/// shared between threads: each training loop owns one.
public final class BatchWorkspace: @unchecked Sendable {
    private var buffers: [UnsafeMutablePointer<Double>] = []
    private var sizes: [Int] = []

    public init() {}
    deinit { for b in buffers { b.deallocate() } }

    /// Buffer `slot`, with room for `count` values (its contents are whatever the last call left).
    func buffer(_ slot: Int, _ count: Int) -> UnsafeMutablePointer<Double> {
        while buffers.count <= slot { buffers.append(.allocate(capacity: 1)); sizes.append(1) }
        if sizes[slot] < count {
            buffers[slot].deallocate()
            buffers[slot] = .allocate(capacity: count)
            sizes[slot] = count
        }
        return buffers[slot]
    }
}

/// What `BatchBPTT.run` measured over a batch.
public struct BatchResult: Sendable {
    /// Σ L_t over every sequence and step with a target, and how many targets there were.
    public var lossSum = 0.0
    public var targetCount = 0
    /// o_t of every step, time-major (row t·B + b, `outputSize` values each); empty unless asked for.
    public var outputs: [Double] = []
    /// Σ over the batch of ‖∂L/∂h_t‖ of the top layer, t = 0…T−1 (empty without a backward pass).
    public var topGradNormSums: [Double] = []
}

/// Forward and full BPTT over a batch of sequences of one length, as matrices: the batch is time-major (row
/// t·B + b); each layer's input projection over every step is one GEMM, each step's recurrence one GEMM over
/// the batch (a GEMV for one sequence), and each weight gradient one GEMM over every step — the way cuDNN and
/// PyTorch organise it. The cell equations are those of `RNNCell`, `LSTMCell` and `GRUCell` (PyTorch's), from a
/// zero initial state, every step active; the tape-keeping `ForwardPass` + `backpropagate` compute the same
/// numbers (checked in the tests) for the views, masks, nudges and truncated BPTT.
public enum BatchBPTT {
    // Workspace slots.
    private static let x0Slot = 0, outSlot = 1, dOutSlot = 2, dhSlot = 3, dx0Slot = 4, carrySlot = 5, carryCSlot = 6
    private static let directSlot = 7
    private static func layerSlot(_ k: Int, _ i: Int) -> Int { 10 + 7 * k + i }   // i: 0 pre, 1 h, 2 c, 3 hh, 4 dZx, 5 dZh, 6 tanh c

    /// The workspace one sequence of `steps` steps needs, in bytes (a batch of B needs B times this).
    public static func bytesPerSequence(_ c: ModelConfig, steps: Int) -> Double {
        let H = Double(c.hiddenSize), GH = Double(c.gateRows), L = Double(c.numLayers)
        let perLayerStep = 2 * GH + (c.cell == .gru ? 2 * GH : 0) + 4 * H    // pre, dZx (+ hh, dZh), h, c, tanh c
        let perStep = L * perLayerStep + Double(c.inputSize) + 2 * Double(c.outputSize) + H   // + x0, out, dOut, dh
        return 8 * perStep * Double(steps)
    }

    /// Runs `batch` (every example of the same length) forward and, when `grads` is given, backward, adding
    /// ∂(Σ L_t)/∂θ into `grads`. `keepOutputs` copies every o_t into the result.
    public static func run(model: Model, loss lossKind: LossKind, batch: [Example], grads: inout ModelParameters?,
                           workspace ws: BatchWorkspace, keepOutputs: Bool = false) -> BatchResult {
        var result = BatchResult()
        guard let first = batch.first else { return result }
        let T = first.inputs.count, B = batch.count
        precondition(batch.allSatisfy { $0.inputs.count == T && $0.targets.count == T }, "a batch needs sequences of one length")
        guard T > 0 else { return result }
        let c = model.config, p = model.parameters
        let L = c.numLayers, H = c.hiddenSize, GH = c.gateRows, O = c.outputSize, TB = T * B
        let cell = c.cell, act = c.activation
        // BLAS threads: the products over every step (input projections, head, weight gradients) are large
        // enough to share between two threads from about 16 M multiply-adds; a step's own product only when it
        // is that large by itself (a batch), else the threads' hand-offs cost more than they give.
        let wideThreads: Int32 = TB * GH * max(H, c.inputSize) >= 1 << 24 ? 2 : 1, stepThreads: Int32 = B * GH * H >= 1 << 22 ? 2 : 1
        defer { rs_blas_pin_threads(0) }

        // Layer 0's input: token columns of W_ih (one-hot without an embedding), or dense rows X0 (TB × I0).
        let I0 = c.inputSize
        var tokens = [Int](repeating: -1, count: TB)
        var allTokens = true
        // The kernel reads and writes through raw pointers: every index and size is checked here, once.
        for t in 0..<T { for b in 0..<B {
            switch batch[b].inputs[t] {
            case .token(let k):
                precondition(k >= 0 && k < c.tokenCount, "token \(k) is outside the model's \(c.tokenCount)")
                tokens[t * B + b] = k
            case .vector(let v):
                precondition(v.count == c.inputSize, "an input of \(v.count) values for a model reading \(c.inputSize)")
                allTokens = false
            }
            switch batch[b].targets[t] {
            case .index(let y)?: precondition(y >= 0 && y < c.outputSize, "target class \(y) is outside the model's \(c.outputSize)")
            case .vector(let y)?: precondition(y.count == c.outputSize, "a target of \(y.count) values for \(c.outputSize) outputs")
            case nil: break
            }
        } }
        let oneHot = allTokens && p.embedding == nil
        let x0 = ws.buffer(x0Slot, oneHot ? 1 : TB * I0)
        if !oneHot {
            for t in 0..<T { for b in 0..<B {
                let row = x0 + (t * B + b) * I0
                switch batch[b].inputs[t] {
                case .token(let k):
                    if let e = p.embedding {
                        e.data.withUnsafeBufferPointer { row.update(from: $0.baseAddress! + k * I0, count: I0) }
                    } else {
                        row.update(repeating: 0, count: I0); row[k] = 1
                    }
                case .vector(let v):
                    v.withUnsafeBufferPointer { row.update(from: $0.baseAddress!, count: I0) }
                }
            } }
        }
        func layerInput(_ k: Int) -> UnsafeMutablePointer<Double> { k == 0 ? x0 : ws.buffer(layerSlot(k - 1, 1), 1) + B * H }

        // Forward, layer by layer over the whole sequence.
        for k in 0..<L {
            rs_blas_pin_threads(wideThreads)
            let lp = p.layers[k], I = c.layerInputSize(k)
            let pre = ws.buffer(layerSlot(k, 0), TB * GH)
            let hs = ws.buffer(layerSlot(k, 1), (T + 1) * B * H)
            let cs = ws.buffer(layerSlot(k, 2), cell == .lstm ? (T + 1) * B * H : 1)
            let hh = ws.buffer(layerSlot(k, 3), cell == .gru ? TB * GH : 1)
            let tcs = ws.buffer(layerSlot(k, 6), cell == .lstm ? TB * H : 1)
            hs.update(repeating: 0, count: B * H)
            if cell == .lstm { cs.update(repeating: 0, count: B * H) }
            lp.weightIH.data.withUnsafeBufferPointer { wih in
                lp.biasIH.withUnsafeBufferPointer { bih in
                    // Z_x = X W_ihᵀ + b_ih for every step at once (a one-hot input picks a column of W_ih).
                    if k == 0 && oneHot {
                        for r in 0..<TB {
                            let z = pre + r * GH, tok = tokens[r]
                            for g in 0..<GH { z[g] = wih[g * I + tok] + bih[g] }
                        }
                    } else {
                        for r in 0..<TB { (pre + r * GH).update(from: bih.baseAddress!, count: GH) }
                        rs_gemm(0, 1, Int32(TB), Int32(GH), Int32(I), 1, layerInput(k), Int32(I), wih.baseAddress, Int32(I),
                                1, pre, Int32(GH))
                    }
                }
            }
            rs_blas_pin_threads(stepThreads)
            lp.weightHH.data.withUnsafeBufferPointer { whhBuf in
                lp.biasHH.withUnsafeBufferPointer { bhh in
                    let whh = whhBuf.baseAddress!
                    for t in 0..<T {
                        let hp = hs + t * B * H, hn = hs + (t + 1) * B * H, z = pre + t * B * GH
                        switch cell {
                        case .rnn:
                            // a_t = Z_x + W_hh h_{t−1} + b_hh;  h_t = φ(a_t)
                            if t > 0 { rs_gemm(0, 1, Int32(B), Int32(GH), Int32(H), 1, hp, Int32(H), whh, Int32(H), 1, z, Int32(GH)) }
                            for b in 0..<B {
                                let zb = z + b * GH
                                for j in 0..<H { zb[j] += bhh[j] }
                            }
                            switch act {
                            case .tanh: rs_vtanh(B * H, z, hn)
                            case .sigmoid: hn.update(from: z, count: B * H); sigmoidInPlace(hn, B * H)
                            case .relu: for i in 0..<(B * H) { hn[i] = z[i] > 0 ? z[i] : 0 }
                            }
                        case .lstm:
                            // [i f g o] = Z_x + W_hh h_{t−1} + b_hh;  c_t = σ(f) c_{t−1} + σ(i) tanh(g);  h_t = σ(o) tanh(c_t)
                            if t > 0 { rs_gemm(0, 1, Int32(B), Int32(GH), Int32(H), 1, hp, Int32(H), whh, Int32(H), 1, z, Int32(GH)) }
                            let cp = cs + t * B * H, cn = cs + (t + 1) * B * H
                            for b in 0..<B {
                                let zb = z + b * GH, cb = cn + b * H, cpb = cp + b * H, tcb = tcs + (t * B + b) * H, hb = hn + b * H
                                for j in 0..<GH { zb[j] += bhh[j] }
                                sigmoidInPlace(zb, 2 * H)
                                rs_vtanh(H, zb + 2 * H, zb + 2 * H)
                                sigmoidInPlace(zb + 3 * H, H)
                                for j in 0..<H { cb[j] = zb[H + j] * cpb[j] + zb[j] * zb[2 * H + j] }
                                rs_vtanh(H, cb, tcb)
                                for j in 0..<H { hb[j] = zb[3 * H + j] * tcb[j] }
                            }
                        case .gru:
                            // r, z = σ(Z_x + W_hh h + b_hh);  n = tanh(Z_x,n + r ⊙ (W_hn h + b_hn));  h_t = (1 − z) n + z h_{t−1}
                            let hht = hh + t * B * GH
                            if t > 0 {
                                rs_gemm(0, 1, Int32(B), Int32(GH), Int32(H), 1, hp, Int32(H), whh, Int32(H), 0, hht, Int32(GH))
                            } else {
                                hht.update(repeating: 0, count: B * GH)
                            }
                            for b in 0..<B {
                                let zb = z + b * GH, gb = hht + b * GH, hb = hn + b * H, hpb = hp + b * H
                                for j in 0..<GH { gb[j] += bhh[j] }
                                for j in 0..<(2 * H) { zb[j] += gb[j] }
                                sigmoidInPlace(zb, 2 * H)
                                for j in 0..<H { zb[2 * H + j] += zb[j] * gb[2 * H + j] }
                                rs_vtanh(H, zb + 2 * H, zb + 2 * H)
                                for j in 0..<H { hb[j] = (1 - zb[H + j]) * zb[2 * H + j] + zb[H + j] * hpb[j] }
                            }
                        }
                    }
                }
            }
        }

        // The head over every step at once: O = H_top W_fcᵀ + b_fc; the loss and ∂L/∂o of every step with a target.
        let top = ws.buffer(layerSlot(L - 1, 1), 1) + B * H
        let out = ws.buffer(outSlot, TB * O), dOut = ws.buffer(dOutSlot, TB * O)
        rs_blas_pin_threads(wideThreads)
        p.fcWeight.data.withUnsafeBufferPointer { wfc in
            p.fcBias.withUnsafeBufferPointer { bfc in
                for r in 0..<TB { (out + r * O).update(from: bfc.baseAddress!, count: O) }
                rs_gemm(0, 1, Int32(TB), Int32(O), Int32(H), 1, top, Int32(H), wfc.baseAddress, Int32(H), 1, out, Int32(O))
            }
        }
        for t in 0..<T { for b in 0..<B {
            let r = t * B + b, o = out + r * O, d = dOut + r * O
            guard let target = batch[b].targets[t] else { d.update(repeating: 0, count: O); continue }
            result.targetCount += 1
            switch (lossKind, target) {
            case (.crossEntropy, .index(let y)):
                // L = logsumexp(o) − o_y;  ∂L/∂o = softmax(o) − onehot(y)
                var m = o[0]
                for j in 1..<O where o[j] > m { m = o[j] }
                for j in 0..<O { d[j] = o[j] - m }
                rs_vexp(O, d, d)
                var s = 0.0
                for j in 0..<O { s += d[j] }
                result.lossSum += m + log(s) - o[y]
                for j in 0..<O { d[j] /= s }
                d[y] -= 1
            case (.mse, .vector(let y)):
                // L = ½‖o − y‖²;  ∂L/∂o = o − y
                var s = 0.0
                for j in 0..<O { let e = o[j] - y[j]; d[j] = e; s += e * e }
                result.lossSum += s / 2
            default: preconditionFailure("target \(target) does not fit the \(lossKind.rawValue) loss")
            }
        } }
        if keepOutputs { result.outputs = Array(UnsafeBufferPointer(start: out, count: TB * O)) }
        guard grads != nil else { return result }

        // Backward. ∂L/∂H_top from the head: dO W_fc;  dW_fc += dOᵀ H_top;  db_fc += Σ dO
        var dh = ws.buffer(dhSlot, TB * H)
        p.fcWeight.data.withUnsafeBufferPointer { wfc in
            rs_gemm(0, 0, Int32(TB), Int32(H), Int32(O), 1, dOut, Int32(O), wfc.baseAddress, Int32(H), 0, dh, Int32(H))
        }
        grads!.fcWeight.data.withUnsafeMutableBufferPointer { gw in
            rs_gemm(1, 0, Int32(O), Int32(H), Int32(TB), 1, dOut, Int32(O), top, Int32(H), 1, gw.baseAddress, Int32(H))
        }
        grads!.fcBias.withUnsafeMutableBufferPointer { gb in addColumnSums(dOut, rows: TB, cols: O, into: gb.baseAddress!) }
        result.topGradNormSums = [Double](repeating: 0, count: T)
        let carry = ws.buffer(carrySlot, B * H), carryC = ws.buffer(carryCSlot, B * H), direct = ws.buffer(directSlot, B * H)
        for k in stride(from: L - 1, through: 0, by: -1) {
            let lp = p.layers[k], I = c.layerInputSize(k)
            let gates = ws.buffer(layerSlot(k, 0), 1), hs = ws.buffer(layerSlot(k, 1), 1), cs = ws.buffer(layerSlot(k, 2), 1)
            let hh = ws.buffer(layerSlot(k, 3), 1), tcs = ws.buffer(layerSlot(k, 6), 1)
            let dZx = ws.buffer(layerSlot(k, 4), TB * GH)
            let dZh = cell == .gru ? ws.buffer(layerSlot(k, 5), TB * GH) : dZx
            carry.update(repeating: 0, count: B * H)
            carryC.update(repeating: 0, count: B * H)
            rs_blas_pin_threads(stepThreads)
            lp.weightHH.data.withUnsafeBufferPointer { whhBuf in
                let whh = whhBuf.baseAddress!
                for t in stride(from: T - 1, through: 0, by: -1) {
                    let z = gates + t * B * GH, dzx = dZx + t * B * GH, dzh = dZh + t * B * GH, g = dh + t * B * H
                    for b in 0..<B {
                        let gb = g + b * H, zb = z + b * GH, dxb = dzx + b * GH, dhb = dzh + b * GH
                        // ∂L/∂h_t = what the layer above or the head sends + what step t+1 sends back
                        for j in 0..<H { gb[j] += carry[b * H + j] }
                        switch cell {
                        case .rnn:
                            // da = dh ⊙ φ'(a)
                            let hb = hs + (t + 1) * B * H + b * H
                            for j in 0..<H { dxb[j] = gb[j] * act.derivative(preActivation: zb[j], output: hb[j]) }
                        case .lstm:
                            // dc = dc_{t+1} + dh σ(o)(1 − tanh² c);  dz_i = dc tanh(g) σ'(i);  dz_f = dc c_{t−1} σ'(f);
                            // dz_g = dc σ(i) tanh'(g);  dz_o = dh tanh(c) σ'(o);  dc_{t−1} = dc σ(f)
                            let tcb = tcs + (t * B + b) * H, cpb = cs + t * B * H + b * H
                            for j in 0..<H {
                                let i = zb[j], f = zb[H + j], gg = zb[2 * H + j], o = zb[3 * H + j]
                                let tc = tcb[j]
                                let dc = carryC[b * H + j] + gb[j] * o * (1 - tc * tc)
                                dxb[j] = dc * gg * i * (1 - i)
                                dxb[H + j] = dc * cpb[j] * f * (1 - f)
                                dxb[2 * H + j] = dc * i * (1 - gg * gg)
                                dxb[3 * H + j] = gb[j] * tc * o * (1 - o)
                                carryC[b * H + j] = dc * f
                            }
                        case .gru:
                            // dn = dh(1 − z);  dz = dh(h_{t−1} − n);  da_n = dn(1 − n²);  da_r = da_n (W_hn h + b_hn) σ'(r);
                            // d(Z_x) = [da_r, da_z, da_n];  d(Z_h) = [da_r, da_z, r da_n];  direct = dh z
                            let hpb = hs + t * B * H + b * H, hhb = hh + t * B * GH + b * GH
                            for j in 0..<H {
                                let r = zb[j], u = zb[H + j], n = zb[2 * H + j]
                                let dn = gb[j] * (1 - u), du = gb[j] * (hpb[j] - n)
                                let dan = dn * (1 - n * n)
                                let dar = dan * hhb[2 * H + j] * r * (1 - r)
                                let dau = du * u * (1 - u)
                                dxb[j] = dar; dxb[H + j] = dau; dxb[2 * H + j] = dan
                                dhb[j] = dar; dhb[H + j] = dau; dhb[2 * H + j] = dan * r
                                direct[b * H + j] = gb[j] * u
                            }
                        }
                        if k == L - 1 {
                            var s = 0.0
                            for j in 0..<H { s += gb[j] * gb[j] }
                            result.topGradNormSums[t] += s.squareRoot()
                        }
                    }
                    // ∂L/∂h_{t−1} through step t: d(Z_h) W_hh (+ dh ⊙ z for the GRU)
                    guard t > 0 else { continue }
                    rs_gemm(0, 0, Int32(B), Int32(H), Int32(GH), 1, dzh, Int32(GH), whh, Int32(H), 0, carry, Int32(H))
                    if cell == .gru { for i in 0..<(B * H) { carry[i] += direct[i] } }
                }
            }
            // dW_hh += d(Z_h)ᵀ H_{t−1};  db_hh += Σ d(Z_h);  db_ih += Σ d(Z_x);  dW_ih += d(Z_x)ᵀ X
            rs_blas_pin_threads(wideThreads)
            grads!.layers[k].weightHH.data.withUnsafeMutableBufferPointer { gw in
                rs_gemm(1, 0, Int32(GH), Int32(H), Int32(TB), 1, dZh, Int32(GH), hs, Int32(H), 1, gw.baseAddress, Int32(H))
            }
            grads!.layers[k].biasHH.withUnsafeMutableBufferPointer { addColumnSums(dZh, rows: TB, cols: GH, into: $0.baseAddress!) }
            grads!.layers[k].biasIH.withUnsafeMutableBufferPointer { addColumnSums(dZx, rows: TB, cols: GH, into: $0.baseAddress!) }
            grads!.layers[k].weightIH.data.withUnsafeMutableBufferPointer { gw in
                if k == 0 && oneHot {
                    for r in 0..<TB {
                        let tok = tokens[r], d = dZx + r * GH
                        for g in 0..<GH { gw[g * I + tok] += d[g] }
                    }
                } else {
                    rs_gemm(1, 0, Int32(GH), Int32(I), Int32(TB), 1, dZx, Int32(GH), layerInput(k), Int32(I), 1, gw.baseAddress, Int32(I))
                }
            }
            // ∂L/∂X = d(Z_x) W_ih: the layer below's ∂L/∂h, or the embedding rows' gradient.
            guard k > 0 || p.embedding != nil else { continue }
            let dx = k > 0 ? dh : ws.buffer(dx0Slot, TB * I)
            lp.weightIH.data.withUnsafeBufferPointer { wih in
                rs_gemm(0, 0, Int32(TB), Int32(I), Int32(GH), 1, dZx, Int32(GH), wih.baseAddress, Int32(I), 0, dx, Int32(I))
            }
            if k > 0 { dh = dx; continue }
            // dE[token] += ∂L/∂x_t
            grads!.embedding!.data.withUnsafeMutableBufferPointer { ge in
                for r in 0..<TB where tokens[r] >= 0 {
                    let src = dx + r * I, dst = ge.baseAddress! + tokens[r] * I
                    for j in 0..<I { dst[j] += src[j] }
                }
            }
        }
        return result
    }

    // s_j += Σ_r a[r][j]
    private static func addColumnSums(_ a: UnsafeMutablePointer<Double>, rows: Int, cols: Int, into s: UnsafeMutablePointer<Double>) {
        for r in 0..<rows {
            let row = a + r * cols
            for j in 0..<cols { s[j] += row[j] }
        }
    }
}

// σ(x) = 1 / (1 + e^(−x)) over n values in place (e^(−x) through libmvec; an overflow to +∞ gives 0, as it should)
@inline(__always) func sigmoidInPlace(_ x: UnsafeMutablePointer<Double>, _ n: Int) {
    for i in 0..<n { x[i] = -x[i] }
    rs_vexp(n, x, x)
    for i in 0..<n { x[i] = 1 / (1 + x[i]) }
}
