#!/usr/bin/python3
"""Python PyTorch on the workloads of torch4j's JMH benchmarks, for the report's facade/Python ratios.

Run with Debian's real PyTorch: /usr/bin/python3 perf/python/bench.py --out perf/results/python.json
Per-op: x + y, x * 2.0, x ** 3, x.sum() on float32 vectors of 1, 2000 and 2,000,000 elements.
Tutorial: one iteration of each step in TUTORIAL (same code as the Java benchmarks in
org.torch4j.perf.tutorial). Each case runs with 1 and with 2 intra-op threads.

Timing: a warm-up of --warmup seconds, then --repeats rounds of about --round seconds each
(the loop count is calibrated once); the JSON keeps every round's time per op, and the median
is the reported value (JMH's score is a mean over iterations; medians resist this machine's noise).

Adding a tutorial step: write a function make_stepN() returning a zero-argument callable that runs
one iteration (set-up outside it), and add it to TUTORIAL under "stepN"; the report pairs it with
org.torch4j.perf.tutorial.StepNIteration by that name.
"""
import argparse
import json
import math
import platform
import statistics
import sys
import time

import torch


def timed(fn, warmup, round_s, repeats):
    """Seconds per call: list of per-round means."""
    end = time.perf_counter() + warmup
    calls = 0
    while time.perf_counter() < end:
        fn()
        calls += 1
    # calibrate
    k = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(k):
            fn()
        dt = time.perf_counter() - t0
        if dt > round_s / 4 or k > 1 << 24:
            break
        k *= 2
    k = max(1, int(k * round_s / max(dt, 1e-9)))
    rounds = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(k):
            fn()
        rounds.append((time.perf_counter() - t0) / k)
    return rounds


def make_perop(op, size):
    torch.manual_seed(0)
    x = torch.rand(size)
    y = torch.rand(size)
    if op == "add":
        return lambda: x + y
    if op == "mul":
        return lambda: x * 2.0
    if op == "pow":
        return lambda: x ** 3
    if op == "sum":
        return lambda: x.sum()
    raise ValueError(op)


def make_step2():
    torch.manual_seed(0)
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    w = [torch.randn(()) for _ in range(4)]
    learning_rate = 1e-6

    def iteration():
        a, b, c, d = w
        y_pred = a + b * x + c * x ** 2 + d * x ** 3
        loss = (y_pred - y).pow(2).sum().item()
        grad_y_pred = 2.0 * (y_pred - y)
        grad_a = grad_y_pred.sum()
        grad_b = (grad_y_pred * x).sum()
        grad_c = (grad_y_pred * x ** 2).sum()
        grad_d = (grad_y_pred * x ** 3).sum()
        a -= learning_rate * grad_a
        b -= learning_rate * grad_b
        c -= learning_rate * grad_c
        d -= learning_rate * grad_d
        return loss

    return iteration


def make_step3():
    torch.manual_seed(0)
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    a = torch.randn((), requires_grad=True)
    b = torch.randn((), requires_grad=True)
    c = torch.randn((), requires_grad=True)
    d = torch.randn((), requires_grad=True)
    learning_rate = 1e-6

    def iteration():
        nonlocal a, b, c, d
        y_pred = a + b * x + c * x ** 2 + d * x ** 3
        loss = (y_pred - y).pow(2).sum()
        loss.backward()
        with torch.no_grad():
            a -= learning_rate * a.grad
            b -= learning_rate * b.grad
            c -= learning_rate * c.grad
            d -= learning_rate * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
        return loss

    return iteration


class LegendrePolynomial3(torch.autograd.Function):
    """Step 4's custom autograd function (polynomial_custom_function.py)."""

    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)


def make_step4():
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    a = torch.full((), 0.0, requires_grad=True)
    b = torch.full((), -1.0, requires_grad=True)
    c = torch.full((), 0.0, requires_grad=True)
    d = torch.full((), 0.3, requires_grad=True)
    learning_rate = 5e-6
    P3 = LegendrePolynomial3.apply

    def iteration():
        y_pred = a + b * P3(c + d * x)
        loss = (y_pred - y).pow(2).sum()
        loss.backward()
        with torch.no_grad():
            for p in (a, b, c, d):
                p -= learning_rate * p.grad
                p.grad = None
        return loss

    return iteration


def _poly_features():
    torch.manual_seed(0)
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    xx = x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    return x, y, xx


def make_step5():
    x, y, xx = _poly_features()
    model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
    loss_fn = torch.nn.MSELoss(reduction='sum')

    def iteration():
        loss = loss_fn(model(xx), y)
        model.zero_grad()
        loss.backward()
        with torch.no_grad():
            for param in model.parameters():
                param -= 1e-6 * param.grad
        return loss

    return iteration


def _optim_iteration(opt_class):
    x, y, xx = _poly_features()
    model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
    loss_fn = torch.nn.MSELoss(reduction='sum')
    optimizer = opt_class(model.parameters(), lr=1e-3)

    def iteration():
        loss = loss_fn(model(xx), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss

    return iteration


def make_step6():
    return _optim_iteration(torch.optim.RMSprop)


def make_step6adam():
    return _optim_iteration(torch.optim.Adam)


class Polynomial3(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.randn(()))
        self.b = torch.nn.Parameter(torch.randn(()))
        self.c = torch.nn.Parameter(torch.randn(()))
        self.d = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        return self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3


class DynamicNet(torch.nn.Module):
    def __init__(self, rnd):
        super().__init__()
        self.rnd = rnd
        for name in "abcde":
            setattr(self, name, torch.nn.Parameter(torch.randn(())))

    def forward(self, x):
        y = self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3
        for exp in range(4, self.rnd.randint(4, 6)):
            y = y + self.e * x ** exp
        return y


def _module_iteration(model, lr, momentum=0.0, set_to_none=True):
    x, y, _ = _poly_features()
    criterion = torch.nn.MSELoss(reduction='sum')
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)

    def iteration():
        loss = criterion(model(x), y)
        optimizer.zero_grad(set_to_none=set_to_none)
        loss.backward()
        optimizer.step()
        return loss

    return iteration


def make_step7():
    torch.manual_seed(0)
    return _module_iteration(Polynomial3(), 1e-6)


def make_step8():
    import random
    torch.manual_seed(0)
    return _module_iteration(DynamicNet(random.Random(0)), 1e-8, momentum=0.9, set_to_none=False)


TUTORIAL = {"step2": make_step2, "step3": make_step3, "step4": make_step4, "step5": make_step5,
            "step6": make_step6, "step6adam": make_step6adam, "step7": make_step7, "step8": make_step8}


def step3_phases(iterations):
    """Microseconds in forward+loss, backward, update+reset of step 3 (as org.torch4j.perf.Phases)."""
    torch.manual_seed(0)
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    a, b, c, d = [torch.randn((), requires_grad=True) for _ in range(4)]
    acc = [0.0, 0.0, 0.0]
    for it in range(2 * iterations):
        t0 = time.perf_counter()
        y_pred = a + b * x + c * x ** 2 + d * x ** 3
        loss = (y_pred - y).pow(2).sum()
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        with torch.no_grad():
            a -= 1e-6 * a.grad
            b -= 1e-6 * b.grad
            c -= 1e-6 * c.grad
            d -= 1e-6 * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
        t3 = time.perf_counter()
        if it >= iterations:
            acc[0] += t1 - t0
            acc[1] += t2 - t1
            acc[2] += t3 - t2
    return [v / iterations * 1e6 for v in acc]
OPS = ["add", "mul", "pow", "sum"]
SIZES = [1, 2000, 2000000]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--sizes", default=",".join(map(str, SIZES)))
    p.add_argument("--ops", default=",".join(OPS))
    p.add_argument("--steps", default=",".join(TUTORIAL))
    p.add_argument("--warmup", type=float, default=1.0)
    p.add_argument("--round", type=float, default=0.5)
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--phases", type=int, default=20000, help="step-3 phase timing iterations (0: skip)")
    args = p.parse_args()

    results = []
    for threads in [int(t) for t in args.threads.split(",") if t]:
        torch.set_num_threads(threads)
        for op in [o for o in args.ops.split(",") if o]:
            for size in [int(s) for s in args.sizes.split(",") if s]:
                rounds = timed(make_perop(op, size), args.warmup, args.round, args.repeats)
                ns = [r * 1e9 for r in rounds]
                results.append({"bench": "perop", "op": op, "size": size, "threads": threads,
                                "median": statistics.median(ns), "min": min(ns), "unit": "ns/op", "rounds": ns})
                print(f"perop {op:4s} size={size:<8d} threads={threads}  {statistics.median(ns):12.1f} ns", file=sys.stderr)
        for step in [s for s in args.steps.split(",") if s]:
            if step not in TUTORIAL:
                continue
            rounds = timed(TUTORIAL[step](), args.warmup, args.round, args.repeats)
            us = [r * 1e6 for r in rounds]
            results.append({"bench": "tutorial", "step": step, "threads": threads,
                            "median": statistics.median(us), "min": min(us), "unit": "us/op", "rounds": us})
            print(f"{step} threads={threads}  {statistics.median(us):10.2f} us", file=sys.stderr)
        if args.phases > 0:
            f, b, u = step3_phases(args.phases)
            results.append({"bench": "phases", "variant": "python", "threads": threads, "forwardUs": f,
                            "backwardUs": b, "updateUs": u, "totalUs": f + b + u})
            print(f"phases threads={threads} forward {f:.1f} us backward {b:.1f} us update {u:.1f} us", file=sys.stderr)

    doc = {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "torch": torch.__version__,
        "platform": platform.platform(),
        "parallel_info": torch.__config__.parallel_info(),
        "settings": {"warmup_s": args.warmup, "round_s": args.round, "repeats": args.repeats},
        "results": results,
    }
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)
    print(f"python: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
