/// One timestep of the vanilla RNN cell: forward and backward side by side.
public enum RNNCell {
    // a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh;  h_t = φ(a_t)  (+ nudge, an intervention used by gradient checks)
    public static func forward(
        _ p: RNNParameters, _ activation: Activation, input: StepInput, hPrev: [Double], nudge: [Double]? = nil
    ) -> (preActivation: [Double], hidden: [Double]) {
        var a = p.weightHH.times(hPrev)
        switch input {
        case .token(let i):
            for r in a.indices { a[r] += p.weightIH[r, i] }
        case .vector(let x):
            addInPlace(&a, p.weightIH.times(x))
        }
        for r in a.indices { a[r] += p.biasIH[r] + p.biasHH[r] }
        var h = a.map(activation.apply)
        if let nudge { addInPlace(&h, nudge) }
        return (a, h)
    }

    // da_t = dh_t ⊙ φ'(a_t);  dW_ih += da xᵀ;  db_ih += da;  dW_hh += da h_{t−1}ᵀ;  db_hh += da;  returns dh_{t−1} = W_hhᵀ da
    public static func backward(
        dh: [Double], preActivation a: [Double], hidden h: [Double], hPrev: [Double], input: StepInput,
        _ p: RNNParameters, _ activation: Activation, grads: inout RNNParameters
    ) -> [Double] {
        var da = dh
        for i in da.indices { da[i] *= activation.derivative(preActivation: a[i], output: h[i]) }
        switch input {
        case .token(let k):
            for r in da.indices { grads.weightIH[r, k] += da[r] }
        case .vector(let x):
            grads.weightIH.addOuter(da, x)
        }
        addInPlace(&grads.biasIH, da)
        addInPlace(&grads.biasHH, da)
        grads.weightHH.addOuter(da, hPrev)
        return p.weightHH.transposedTimes(da)
    }

    // dh_{t−1} = W_hhᵀ (dh_t ⊙ φ'(a_t)) — the recurrence alone, without parameter gradients
    public static func propagate(
        dh: [Double], preActivation a: [Double], hidden h: [Double], _ p: RNNParameters, _ activation: Activation
    ) -> [Double] {
        var da = dh
        for i in da.indices { da[i] *= activation.derivative(preActivation: a[i], output: h[i]) }
        return p.weightHH.transposedTimes(da)
    }
}
