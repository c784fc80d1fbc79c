#!/usr/bin/python3
"""Records F.mse_loss with input/target shapes that broadcast (real PyTorch 1.13), for MseBroadcastParityTest.

Re-record: /usr/bin/python3 java-api/src/test/python/record_mse_broadcast.py
Each line: input shape | target shape | reduction | loss | input grad | target grad (values as float32 repr).
Inputs are deterministic: input = arange(n) * 0.5 - 1, target = arange(n) * 0.25 + 0.3, both requiring grad.
"""
import os
import warnings
import torch
import torch.nn.functional as F

CASES = [((), (4,)), ((3, 1), (3,)), ((4,), ()), ((2, 3), (2, 3)), ((4,), (2, 4)), ((2, 1, 3), (4, 1)), ((1,), (5,))]
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "torch4j", "nn", "mse_broadcast.txt")


def data(shape, scale, offset):
    n = 1
    for s in shape:
        n *= s
    return (torch.arange(n, dtype=torch.float32) * scale + offset).reshape(shape).requires_grad_()


def fmt(t):
    return ",".join(repr(float(v)) for v in t.detach().flatten().tolist())


lines = []
for ishape, tshape in CASES:
    for reduction in ("mean", "sum", "none"):
        x = data(ishape, 0.5, -1.0)
        y = data(tshape, 0.25, 0.3)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loss = F.mse_loss(x, y, reduction=reduction)
        loss.sum().backward()
        lines.append(" | ".join([",".join(map(str, ishape)), ",".join(map(str, tshape)), reduction,
                                 fmt(loss), fmt(x.grad), fmt(y.grad)]))
with open(OUT, "w") as f:
    f.write("# recorded by java-api/src/test/python/record_mse_broadcast.py with torch " + torch.__version__ + "\n")
    f.write("\n".join(lines) + "\n")
print("wrote", len(lines), "cases to", OUT)
