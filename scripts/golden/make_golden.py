#!/usr/bin/env python3
"""Golden files for `rnnscope trace`, computed by PyTorch (float64, autograd).

For each case this writes Tests/Golden/<case>/weights.safetensors (F64), spec.json and expected.json
(the keys `rnnscope trace` prints). The reference runs the cells step by step with PyTorch's equations so
that every h_t (and c_t) is a graph node whose .grad is the total derivative dL/dh_t; for tanh/relu RNN,
LSTM and GRU it is checked against nn.RNN / nn.LSTM / nn.GRU's own forward pass first (the sigmoid RNN is
rnnscope's extension and has no nn module). Spectral figures come from numpy's LAPACK.

    pip install torch safetensors numpy && python3 scripts/golden/make_golden.py
"""
import json
import os
import shutil

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

torch.set_default_dtype(torch.float64)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Golden")


class Net(nn.Module):
    def __init__(self, cell, act, I, H, L, O, vocab=None):
        super().__init__()
        if vocab:
            self.embedding = nn.Embedding(vocab, I)
        mod = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell]
        kw = {"nonlinearity": act if act in ("tanh", "relu") else "tanh"} if cell == "rnn" else {}
        self.rnn = mod(I, H, L, batch_first=True, **kw)
        self.fc = nn.Linear(H, O)


def scaled_norm(v):
    """Euclidean norm with scaling, exact for entries near 1e-300 (as rnnscope computes it)."""
    v = np.asarray(v, dtype=np.float64)
    m = np.max(np.abs(v)) if v.size else 0.0
    if m == 0:
        return 0.0
    return float(m * np.sqrt(np.sum((v / m) ** 2)))


def step(cell, act, p, k, x, h, c):
    Wih, Whh = p[f"rnn.weight_ih_l{k}"], p[f"rnn.weight_hh_l{k}"]
    bih, bhh = p[f"rnn.bias_ih_l{k}"], p[f"rnn.bias_hh_l{k}"]
    if cell == "rnn":
        a = x @ Wih.T + bih + h @ Whh.T + bhh
        return {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}[act](a), None
    if cell == "lstm":
        z = x @ Wih.T + bih + h @ Whh.T + bhh
        i, f, g, o = z.chunk(4, -1)
        c2 = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        return torch.sigmoid(o) * torch.tanh(c2), c2
    gi = x @ Wih.T + bih
    gh = h @ Whh.T + bhh
    ir, iz, inn = gi.chunk(3, -1)
    hr, hz, hn = gh.chunk(3, -1)
    r, zz = torch.sigmoid(ir + hr), torch.sigmoid(iz + hz)
    n = torch.tanh(inn + r * hn)
    return (1 - zz) * n + zz * h, None


def make_case(name, cell, act, I, H, L, O, T, seed, loss="cross_entropy", vocab=None, tokens=False,
              target_every=True, whh_scale=1.0, fc_scale=1.0):
    torch.manual_seed(seed)
    net = Net(cell, act, I, H, L, O, vocab)
    with torch.no_grad():
        for k in range(L):
            getattr(net.rnn, f"weight_hh_l{k}").mul_(whh_scale)
        net.fc.weight.mul_(fc_scale)
    p = dict(net.named_parameters())
    g = torch.Generator().manual_seed(seed + 1)
    # Inputs
    if vocab or tokens:
        V = vocab or I
        toks = torch.randint(0, V, (T,), generator=g)
        spec = {"tokens": toks.tolist()}
        xs = net.embedding(toks) if vocab else F.one_hot(toks, I).double()
    else:
        xs = torch.randn(T, I, generator=g)
        spec = {"inputs": xs.tolist()}
    # Targets: every step (with a few gaps) or only the last (many-to-one)
    targets = []
    for t in range(T):
        has = (t == T - 1) or (target_every and t % 5 != 3)
        if not has:
            targets.append(None)
        elif loss == "cross_entropy":
            targets.append(int(torch.randint(0, O, (1,), generator=g)))
        else:
            targets.append(torch.randn(O, generator=g).tolist())
    spec["targets"] = targets
    spec["loss"] = loss

    # Stepwise forward with PyTorch's equations.
    h = [torch.zeros(H) for _ in range(L)]
    c = [torch.zeros(H) for _ in range(L)]
    hs = [[None] * T for _ in range(L)]
    cs = [[None] * T for _ in range(L)]
    outs, losses = [], []
    for t in range(T):
        x = xs[t]
        for k in range(L):
            hn, cn = step(cell, act, p, k, x, h[k], c[k])
            hn.retain_grad()
            hs[k][t] = hn
            h[k] = hn
            if cn is not None:
                cn.retain_grad()
                cs[k][t] = cn
                c[k] = cn
            x = hn
        o = net.fc(h[L - 1])
        outs.append(o)
        y = targets[t]
        if y is None:
            losses.append(None)
        elif loss == "cross_entropy":
            losses.append(F.cross_entropy(o[None], torch.tensor([y]), reduction="sum"))
        else:
            losses.append(0.5 * ((o - torch.tensor(y)) ** 2).sum())

    # The stepwise reference agrees with PyTorch's own module.
    if not (cell == "rnn" and act == "sigmoid"):
        with torch.no_grad():
            full, _ = net.rnn(xs[None])
            top = torch.stack([hs[L - 1][t] for t in range(T)])
            assert torch.allclose(full[0], top, rtol=1e-12, atol=1e-14), f"{name}: stepwise != nn module"

    total = sum(l for l in losses if l is not None)
    last = max(t for t in range(T) if losses[t] is not None)
    flat_h = [hs[k][t] for k in range(L) for t in range(T)]
    total.backward(retain_graph=True)

    def norm_or_zero(tensor):
        return 0.0 if tensor is None or tensor.grad is None else scaled_norm(tensor.grad.numpy())

    # Read the total derivatives now: retain_grad hooks would add L_last's gradient into .grad below.
    grad_norm_h = [[norm_or_zero(hs[k][t]) for t in range(T)] for k in range(L)]
    grad_norm_c = [[norm_or_zero(cs[k][t]) for t in range(T)] for k in range(L)] if cell == "lstm" else None
    param_grads = {n: t.grad.reshape(-1).tolist() for n, t in net.named_parameters()}
    last_grads = torch.autograd.grad(losses[last], flat_h, retain_graph=True, allow_unused=True)
    flat_c = [cs[k][t] for k in range(L) for t in range(T)] if cell == "lstm" else []
    last_c_grads = torch.autograd.grad(losses[last], flat_c, retain_graph=True, allow_unused=True) \
        if cell == "lstm" else []

    expected = {
        "cell": cell, "activation": act, "layers": L, "input_size": I, "hidden_size": H, "output_size": O,
        "steps": T, "loss": float(total.detach()),
        "outputs": [o.detach().tolist() for o in outs],
        "hidden": [[hs[k][t].detach().tolist() for t in range(T)] for k in range(L)],
        "grad_norm_h": grad_norm_h,
        "grad_norm_last_h": [[0.0 if last_grads[k * T + t] is None else scaled_norm(last_grads[k * T + t].numpy())
                              for t in range(T)] for k in range(L)],
        "grads": param_grads,
        "spectral": {},
    }
    if cell == "lstm":
        expected["cell_state"] = [[cs[k][t].detach().tolist() for t in range(T)] for k in range(L)]
        expected["grad_norm_c"] = grad_norm_c
        expected["grad_norm_last_c"] = [[0.0 if last_c_grads[k * T + t] is None
                                         else scaled_norm(last_c_grads[k * T + t].numpy())
                                         for t in range(T)] for k in range(L)]
    G = {"rnn": 1, "lstm": 4, "gru": 3}[cell]
    for k in range(L):
        W = p[f"rnn.weight_hh_l{k}"].detach().numpy()
        blocks = []
        for b in range(G):
            B = W[b * H:(b + 1) * H]
            blocks.append({"radius": float(np.max(np.abs(np.linalg.eigvals(B)))),
                           "sigma_max": float(np.linalg.svd(B, compute_uv=False)[0])})
        expected["spectral"][f"rnn.weight_hh_l{k}"] = blocks

    out = os.path.join(ROOT, name)
    os.makedirs(out, exist_ok=True)
    tensors = {n: t.detach().contiguous() for n, t in net.state_dict().items()}
    save_file(tensors, os.path.join(out, "weights.safetensors"), metadata={"cell": cell, "activation": act})
    with open(os.path.join(out, "spec.json"), "w") as f:
        json.dump(spec, f)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)
    first = expected["grad_norm_last_h"][L - 1][0]
    print(f"{name}: loss {float(total):.6g}, ‖∂L_last/∂h_1‖ (top layer) {first:.3g}")


CASES = [
    # name, cell, act, I, H, L, O, T, seed, extra
    ("rnn_tanh_1layer", "rnn", "tanh", 5, 8, 1, 4, 12, 1, {}),
    ("rnn_relu_2layer", "rnn", "relu", 3, 6, 2, 3, 20, 2, {"loss": "mse"}),
    ("rnn_sigmoid_manytoone_171", "rnn", "sigmoid", 4, 16, 1, 3, 171, 3, {"target_every": False}),
    ("rnn_tanh_3layer_onehot", "rnn", "tanh", 20, 64, 3, 20, 40, 4, {"tokens": True}),
    ("rnn_tanh_long_300", "rnn", "tanh", 2, 12, 1, 2, 300, 5, {"target_every": False, "whh_scale": 0.7}),
    ("rnn_tanh_single_step", "rnn", "tanh", 1, 1, 1, 1, 1, 6, {"loss": "mse"}),
    ("lstm_1layer", "lstm", "tanh", 6, 10, 1, 5, 25, 7, {}),
    ("lstm_2layer_embedding", "lstm", "tanh", 8, 16, 2, 11, 30, 8, {"vocab": 11}),
    ("lstm_3layer_mse_long", "lstm", "tanh", 3, 24, 3, 2, 120, 9, {"loss": "mse", "target_every": False}),
    ("lstm_manytoone_hidden64", "lstm", "tanh", 20, 64, 1, 6, 60, 10, {"target_every": False}),
    ("gru_1layer", "gru", "tanh", 4, 9, 1, 4, 18, 11, {}),
    ("gru_2layer_mse", "gru", "tanh", 7, 20, 2, 3, 50, 12, {"loss": "mse"}),
    ("gru_3layer_embedding", "gru", "tanh", 5, 32, 3, 9, 35, 13, {"vocab": 9}),
    ("gru_long_300", "gru", "tanh", 1, 5, 1, 2, 300, 14, {"target_every": False}),
]

if __name__ == "__main__":
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    os.makedirs(ROOT)
    for name, cell, act, I, H, L, O, T, seed, extra in CASES:
        make_case(name, cell, act, I, H, L, O, T, seed, **extra)
