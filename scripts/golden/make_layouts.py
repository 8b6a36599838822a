#!/usr/bin/env python3
"""Weights files as users' own PyTorch modules save them, for rnnscope's tensor-name layout.

Each case in Tests/Layouts/<case>/ is a module whose state_dict names differ from rnnscope's
(`embedding.`, `rnn.`, `fc.`): weights.safetensors as `save_file(model.state_dict())` writes it,
spec.json (tokens or inputs, targets) and expected.json: the loss, every output and the final hidden
state from the module's own forward pass (nn.LSTM etc., float64), which `rnnscope trace` must equal.
Files rnnscope refuses are written beside them in Tests/Layouts/refused/: a torch.save zip, an old
pickle, a NumPy .npz, a bidirectional LSTM and an LSTM with proj_size.

    pip install torch safetensors numpy && python3 scripts/golden/make_layouts.py
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
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Layouts")


class CharLSTM(nn.Module):
    """Names as in many tutorials: encoder (embedding), lstm, decoder."""

    def __init__(self, V, E, H, L):
        super().__init__()
        self.encoder = nn.Embedding(V, E)
        self.lstm = nn.LSTM(E, H, L, batch_first=True)
        self.decoder = nn.Linear(H, V)

    def forward(self, x):
        y, (h, c) = self.lstm(self.encoder(x))
        return self.decoder(y), h


class OneHotGRU(nn.Module):
    """One-hot input, `gru` and `head`, no biases anywhere (bias=False)."""

    def __init__(self, V, H):
        super().__init__()
        self.gru = nn.GRU(V, H, 1, batch_first=True, bias=False)
        self.head = nn.Linear(H, V, bias=False)

    def forward(self, x):
        y, h = self.gru(x)
        return self.head(y), h


class Seq2Seq(nn.Module):
    """Two recurrent modules (a GRU encoder, an LSTM decoder) and `out`: the names alone cannot
    say which is the model's, so `--tensors rnn=decoder,fc=out` does. The decoder alone, from a
    zero state, is what rnnscope steps."""

    def __init__(self, I, H, O):
        super().__init__()
        self.encoder = nn.GRU(I, H, 1, batch_first=True)
        self.decoder = nn.LSTM(I, H, 1, batch_first=True)
        self.out = nn.Linear(H, O)

    def forward(self, x):
        y, (h, c) = self.decoder(x)
        return self.out(y), h


class Wrapped(nn.Module):
    """nn.DataParallel's `module.` prefix around rnnscope's own names."""

    def __init__(self, I, H, O):
        super().__init__()
        self.module = nn.Module()
        self.module.rnn = nn.RNN(I, H, 1, batch_first=True, nonlinearity="relu")
        self.module.fc = nn.Linear(H, O)

    def forward(self, x):
        y, h = self.module.rnn(x)
        return self.module.fc(y), h


def write(name, model, spec, x, targets, meta):
    d = os.path.join(ROOT, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              os.path.join(d, "weights.safetensors"), metadata=meta)
    with torch.no_grad():
        out, h = model(x)
    out = out[0]
    if spec.get("loss") == "mse":
        loss = float(0.5 * ((out - torch.tensor(targets)) ** 2).sum())  # rnnscope: ½ Σ (ŷ − y)²
    else:
        loss = float(sum(F.cross_entropy(out[t:t + 1], torch.tensor([y])) for t, y in
                         enumerate(targets) if y is not None))
    json.dump(spec, open(os.path.join(d, "spec.json"), "w"))
    json.dump({"loss": loss, "outputs": out.tolist(), "hidden": h[:, 0, :].tolist()},
              open(os.path.join(d, "expected.json"), "w"))
    print(name, sorted(model.state_dict().keys()))


def main():
    torch.manual_seed(7)
    V, T = 9, 12
    tokens = torch.randint(0, V, (T,)).tolist()
    targets = tokens[1:] + [None]
    m = CharLSTM(V, 5, 6, 2)
    write("lstm_encoder_decoder", m, {"tokens": tokens, "targets": targets, "loss": "cross_entropy"},
          torch.tensor([tokens]), targets, {"cell": "lstm"})

    g = OneHotGRU(V, 7)
    x = F.one_hot(torch.tensor(tokens), V).double()
    write("gru_no_bias", g, {"tokens": tokens, "targets": targets, "loss": "cross_entropy"},
          x[None], targets, {})

    w = Wrapped(2, 5, 1)
    inputs = torch.randn(T, 2)
    ys = torch.randn(T, 1).tolist()
    write("rnn_module_prefix", w, {"inputs": inputs.tolist(), "targets": ys, "loss": "mse"},
          inputs[None], ys, {"activation": "relu"})

    # A character model whose vocabulary is in its own (not sorted) order: trace a text and the
    # greedy continuation of a prime, as PyTorch computes them.
    text = "the cat sat on the mat. the dog ran."
    itos = sorted(set(text))
    random_order = torch.randperm(len(itos), generator=torch.Generator().manual_seed(3)).tolist()
    itos = [itos[i] for i in random_order]
    assert itos != sorted(itos)
    stoi = {ch: i for i, ch in enumerate(itos)}
    c = CharLSTM(len(itos), 6, 10, 1)
    ids = [stoi[ch] for ch in text]
    # Trained a little, so that its greedy continuation is not one repeated character.
    opt = torch.optim.Adam(c.parameters(), lr=0.05)
    for _ in range(150):
        opt.zero_grad()
        o, _ = c(torch.tensor([ids[:-1]]))
        F.cross_entropy(o[0], torch.tensor(ids[1:])).backward()
        opt.step()
    d = os.path.join(ROOT, "char_permuted_vocab")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    save_file({k: v.contiguous() for k, v in c.state_dict().items()},
              os.path.join(d, "weights.safetensors"), metadata={"vocab": json.dumps(itos)})
    with torch.no_grad():
        out, h = c(torch.tensor([ids]))
        loss = float(F.cross_entropy(out[0, :-1], torch.tensor(ids[1:]), reduction="sum"))
        prime = "the "
        state = None
        y, state = c.lstm(c.encoder(torch.tensor([[stoi[ch] for ch in prime]])), state)
        greedy = ""
        logits = c.decoder(y[0, -1])
        for _ in range(30):
            nxt = int(torch.argmax(logits))
            greedy += itos[nxt]
            y, state = c.lstm(c.encoder(torch.tensor([[nxt]])), state)
            logits = c.decoder(y[0, -1])
        # Every h_t and c_t over the text's inputs (all but its last character), step by step,
        # and each unit's Pearson r with "x_t is a space" (numpy), for `find`.
        hs, cs, state = [], [], None
        for i in ids[:-1]:
            _, state = c.lstm(c.encoder(torch.tensor([[i]])), state)
            hs.append(state[0][0, 0].numpy().copy())
            cs.append(state[1][0, 0].numpy().copy())
        space = np.array([1.0 if ch == " " else 0.0 for ch in text[:-1]])
        find_space = {}
        for name, series in (("h", np.array(hs)), ("c", np.array(cs))):
            for u in range(series.shape[1]):
                find_space[f"{name} {u}"] = float(np.corrcoef(series[:, u], space)[0, 1])
    json.dump({"text": text}, open(os.path.join(d, "spec.json"), "w"))
    json.dump({"loss": loss, "outputs": out[0].tolist(), "hidden": h[:, 0, :].tolist(),
               "prime": prime, "greedy": greedy, "vocab": itos, "find_space": find_space},
              open(os.path.join(d, "expected.json"), "w"))
    print("char_permuted_vocab", itos, repr(greedy))

    # A character LSTM trained on quoted dialogue, for `find inquotes`: numpy's r of every h and c
    # unit with "inside a quotation after x_t" over a held-out passage.
    quoted(os.path.join(ROOT, "char_quotes"))

    d = os.path.join(ROOT, "refused")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    torch.save(m.state_dict(), os.path.join(d, "model.pt"))
    torch.save(m.state_dict(), os.path.join(d, "legacy.pt"), _use_new_zipfile_serialization=False)
    np.savez(os.path.join(d, "weights.npz"),
             **{k: v.numpy() for k, v in m.state_dict().items()})
    bi = nn.LSTM(3, 4, 1, bidirectional=True)
    save_file({"rnn." + k: v.contiguous() for k, v in bi.state_dict().items()} |
              {"fc.weight": torch.zeros(2, 8), "fc.bias": torch.zeros(2)},
              os.path.join(d, "bidirectional.safetensors"))
    proj = nn.LSTM(3, 4, 1, proj_size=2)
    save_file({"rnn." + k: v.contiguous() for k, v in proj.state_dict().items()} |
              {"fc.weight": torch.zeros(2, 2), "fc.bias": torch.zeros(2)},
              os.path.join(d, "projected.safetensors"))

    torch.manual_seed(11)
    s2s = Seq2Seq(3, 5, 2)
    inputs = torch.randn(T, 3)
    ys = torch.randn(T, 2).tolist()
    write("seq2seq_decoder", s2s, {"inputs": inputs.tolist(), "targets": ys, "loss": "mse"},
          inputs[None], ys, {})


def in_quotes(text):
    """1 after each character read inside "…" (the quotes themselves included), as rnnscope's."""
    out, open_ = [], False
    for ch in text:
        if ch == '"':
            open_ = not open_
        out.append(1.0 if open_ or ch == '"' else 0.0)
    return np.array(out)


def quoted(d):
    torch.manual_seed(11)
    words = "the cat sat on a mat and the dog ran to the tree while it rained".split()
    g = torch.Generator().manual_seed(5)

    def sentence(n):
        return " ".join(words[int(i)] for i in torch.randint(0, len(words), (n,), generator=g))

    # Narration and quoted speech alternate, at random lengths, so that only memory of the open
    # quote tells them apart.
    parts = []
    for _ in range(120):
        parts.append(sentence(int(torch.randint(2, 7, (1,), generator=g))))
        parts.append('"' + sentence(int(torch.randint(2, 7, (1,), generator=g))) + '"')
    corpus = " ".join(parts) + " "
    itos = sorted(set(corpus))
    stoi = {ch: i for i, ch in enumerate(itos)}
    ids = torch.tensor([stoi[ch] for ch in corpus])
    m = CharLSTM(len(itos), 8, 16, 1)
    opt = torch.optim.Adam(m.parameters(), lr=0.02)
    for step in range(600):
        start = int(torch.randint(0, len(ids) - 81, (1,), generator=g))
        x, y = ids[start:start + 80], ids[start + 1:start + 81]
        opt.zero_grad()
        o, _ = m(x[None])
        F.cross_entropy(o[0], y).backward()
        opt.step()
    passage = '"the dog sat on the mat" and the cat ran to a tree "while it rained the dog ran"'
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    save_file({k: v.contiguous() for k, v in m.state_dict().items()},
              os.path.join(d, "weights.safetensors"), metadata={"vocab": json.dumps(itos)})
    with torch.no_grad():
        hs, cs, state = [], [], None
        for ch in passage[:-1]:
            _, state = m.lstm(m.encoder(torch.tensor([[stoi[ch]]])), state)
            hs.append(state[0][0, 0].numpy().copy())
            cs.append(state[1][0, 0].numpy().copy())
    target = in_quotes(passage[:-1])
    r = {}
    for name, series in (("h", np.array(hs)), ("c", np.array(cs))):
        for u in range(series.shape[1]):
            r[f"{name} {u}"] = float(np.corrcoef(series[:, u], target)[0, 1])
    best = max(r, key=lambda k: abs(r[k]))
    json.dump({"passage": passage, "find_inquotes": r, "best": best},
              open(os.path.join(d, "expected.json"), "w"))
    print("char_quotes", best, round(r[best], 3))



if __name__ == "__main__":
    main()
