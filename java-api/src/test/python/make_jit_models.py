"""Writes the TorchScript models the org.torch4j.jit tests (and perf's ScriptModule benchmark) load,
with Python's own outputs for them, into OUTDIR:

  gate.pt   scripted: data-dependent control flow in forward, extra exported methods taking and
            returning tuples, lists, dicts, strings, bools, ints, floats and None
  cnn.pt    traced: Conv2d/BatchNorm2d/ReLU/MaxPool2d/Flatten/Linear (BatchNorm with trained
            running statistics), in eval mode
  expected.json  inputs, outputs, named_parameters/named_buffers/state_dict, as recorded here

Usage: /usr/bin/python3 make_jit_models.py OUTDIR     (PyTorch 1.13; about 3 s)
"""
import json
import sys
from typing import Dict, List, Optional, Tuple

import torch
from torch import Tensor, nn


class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)
        self.register_buffer("calls", torch.zeros(()))
        self.label = "gate"

    def forward(self, x: Tensor) -> Tensor:
        h = self.fc(x)
        if bool(h.sum() > 0):
            return torch.relu(h) * 2.0
        for _ in range(3):
            h = h - 0.5 * torch.tanh(h)
        return h

    @torch.jit.export
    def pair(self, x: Tensor, n: int) -> Tuple[Tensor, int]:
        return x * n, n + 1

    @torch.jit.export
    def stats(self, xs: List[Tensor], scale: float) -> Dict[str, Tensor]:
        total = torch.zeros(())
        for t in xs:
            total = total + t.sum()
        return {"sum": total * scale, "first": xs[0] * scale}

    @torch.jit.export
    def describe(self, d: Dict[str, Tensor], tag: str, flag: bool, opt: Optional[Tensor]) -> Tuple[List[int], str, bool, Optional[float]]:
        keys = sorted(d.keys())
        sizes: List[int] = []
        for k in keys:
            sizes.append(d[k].numel())
        extra: Optional[float] = None
        if opt is not None:
            extra = float(opt.sum().item())
        return sizes, tag + ":" + ",".join(keys), not flag, extra

    @torch.jit.export
    def nested(self, t: Tuple[Tensor, List[int]], names: List[str]) -> List[Tuple[str, int]]:
        out: List[Tuple[str, int]] = []
        for i, name in enumerate(names):
            out.append((name, t[1][i] + int(t[0].numel())))
        return out

    @torch.jit.export
    def counts(self, d: Dict[str, int]) -> Dict[str, float]:
        out: Dict[str, float] = {}
        for k, v in d.items():
            out[k] = v * 0.5
        return out

    @torch.jit.export
    def in_training(self) -> bool:
        return self.training


def cnn():
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(8 * 8 * 8, 10))


def flat(t):
    return {"shape": list(t.shape), "data": t.detach().reshape(-1).double().tolist()}


def named(pairs):
    return {n: flat(t) for n, t in pairs}


def main(out):
    torch.manual_seed(0)
    gate = torch.jit.script(Gate())
    gate.eval()
    gate.save(f"{out}/gate.pt")
    xs = {}
    while len(xs) < 2:  # one input per branch of forward (checked below)
        r = torch.randn(2, 4)
        xs.setdefault("pos" if bool(gate.fc(r).sum() > 0) else "neg", r)
    rec = {"gate": {
        "inputs": {k: flat(v) for k, v in xs.items()},
        "outputs": {k: flat(gate(v)) for k, v in xs.items()},
        "branch_taken": {k: bool(gate.fc(v).sum() > 0) for k, v in xs.items()},
        "parameters": named(gate.named_parameters()),
        "buffers": named(gate.named_buffers()),
        "state_dict": named(gate.state_dict().items()),
    }}

    net = cnn()
    net.train()
    for _ in range(3):  # running statistics away from their initial 0/1
        net(torch.randn(16, 3, 16, 16) * 2.0 + 0.5)
    net.eval()
    example = torch.randn(1, 3, 16, 16)
    with torch.no_grad():
        traced = torch.jit.trace(net, example)
    traced.save(f"{out}/cnn.pt")
    x1 = torch.randn(1, 3, 16, 16)
    x64 = torch.randn(64, 3, 16, 16)
    with torch.no_grad():
        rec["cnn"] = {
            "inputs": {"b1": flat(x1), "b64": flat(x64)},
            "outputs": {"b1": flat(traced(x1)), "b64": flat(traced(x64))},
            "parameters": named(traced.named_parameters()),
            "buffers": named(traced.named_buffers()),
            "state_dict": named(traced.state_dict().items()),
        }
    assert rec["gate"]["branch_taken"] == {"pos": True, "neg": False}, rec["gate"]["branch_taken"]
    with open(f"{out}/expected.json", "w") as f:
        json.dump(rec, f)
    print("wrote", out, "with torch", torch.__version__)


if __name__ == "__main__":
    main(sys.argv[1])
