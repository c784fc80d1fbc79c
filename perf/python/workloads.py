#!/usr/bin/python3
"""Python PyTorch peers of torch4j's whole workloads (org.torch4j.perf.workloads), for the report.

train: one training epoch of each workload, as org.torch4j.perf.workloads.Training runs it: the
       MLP classifier of sample 9, the small CNN of sample 10, the LSTM of sample 11 and a small
       Transformer encoder on sample 11's sequences (same layers, optimizers, batch sizes, data
       shapes); a shuffled permutation, index_select minibatches, forward, cross-entropy, zero_grad,
       backward, step, loss.item(). Seconds per epoch with 1 and 2 intra-op threads.
infer: sample 12's traced CNN (samples/parity/models/step12_cnn.pt) with torch.jit.load, one
       intra-op thread, under inference_mode: latency at batch 1 and 8, batch-1 throughput from 1 and
       2 threads sharing the module (as org.torch4j.perf.workloads.ScriptCnn).

Usage: /usr/bin/python3 perf/python/workloads.py --out OUT.json [--model PATH] [--warmup S] [--round S] [--repeats N]
       [--workloads mlp,cnn,lstm,transformer] [--threads 1,2] [--no-infer]
"""
import argparse
import json
import os
import statistics
import sys
import threading
import time

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_MODEL = os.path.join(ROOT, "samples", "parity", "models", "step12_cnn.pt")


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(16)
        self.pool = nn.MaxPool2d(2)
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(16 * 3 * 3, 4)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn1(self.conv1(x))))
        x = self.pool(torch.relu(self.bn2(self.conv2(x))))
        return self.fc(self.drop(x.flatten(1)))


class SequenceClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(2, 16, batch_first=True)
        self.head = nn.Linear(16, 3)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x)
        return self.head(h_n[-1])


class SmallTransformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(2, 32)
        self.encoder = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(32, 4, dim_feedforward=64, batch_first=True), 2)
        self.head = nn.Linear(32, 3)

    def forward(self, x):
        return self.head(self.encoder(self.embed(x)).mean(1))


def sequences(n):
    x = torch.randn(n, 12, 2)
    return x, (x.sum(1) > 0).long().sum(1)


def create(name):
    torch.manual_seed(0)
    if name == "mlp":
        centers = torch.tensor([[-2.5, -1.5], [2.5, -1.5], [0.0, 2.5]])
        y = torch.arange(3).repeat_interleave(80)
        x = torch.randn(240, 2) + centers.index_select(0, y)
        m = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 3))
        return m, torch.optim.AdamW(m.parameters(), lr=0.02, weight_decay=0.05), x, y, 32
    if name == "cnn":
        y = torch.randint(0, 4, (256,))
        x = torch.randn(256, 1, 12, 12) * 0.8
        m = SmallCnn()
        return m, torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9), x, y, 32
    if name == "lstm":
        x, y = sequences(512)
        m = SequenceClassifier()
        return m, torch.optim.Adam(m.parameters(), lr=0.01), x, y, 64
    if name == "transformer":
        x, y = sequences(512)
        m = SmallTransformer()
        return m, torch.optim.Adam(m.parameters(), lr=0.01), x, y, 64
    raise ValueError(name)


def make_epoch(name):
    model, optimizer, x, y, batch = create(name)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    n = x.shape[0]

    def epoch():
        total = 0.0
        order = torch.randperm(n)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            loss = loss_fn(model(x.index_select(0, idx)), y.index_select(0, idx))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        return total

    return epoch, n


def rounds_of(fn, warmup, round_s, repeats):
    """Seconds per call, one value per round (each round at least round_s and one call)."""
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        fn()
    out = []
    for _ in range(repeats):
        k = 0
        t0 = time.perf_counter()
        while True:
            fn()
            k += 1
            t = time.perf_counter()
            if t - t0 >= round_s:
                break
        out.append((t - t0) / k)
    return out


def throughput(fn, threads, seconds):
    counts = [0] * threads
    stop = threading.Event()
    start = threading.Barrier(threads + 1)

    def work(i):
        start.wait()
        while not stop.is_set():
            fn()
            counts[i] += 1

    ts = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in ts:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


def infer(model_path, warmup, round_s, repeats):
    torch.set_num_threads(1)
    torch.manual_seed(0)
    m = torch.jit.load(model_path)
    m.eval()
    x1 = torch.randn(1, 1, 16, 16)
    x8 = torch.randn(8, 1, 16, 16)

    def forward(x):
        with torch.inference_mode():
            return m(x).dim()

    res = {"model": os.path.relpath(model_path, ROOT), "intra_op_threads": torch.get_num_threads()}
    for name, x in (("latency_b1", x1), ("latency_b8", x8)):
        r = [v * 1e9 for v in rounds_of(lambda: forward(x), warmup, round_s, repeats)]
        res[name] = {"median_ns": statistics.median(r), "min_ns": min(r), "max_ns": max(r)}
        print(f"infer {name} {statistics.median(r) / 1e3:.1f} us", file=sys.stderr)
    for threads in (1, 2):
        throughput(lambda: forward(x1), threads, warmup / 2)
        r = [throughput(lambda: forward(x1), threads, round_s) for _ in range(repeats)]
        res[f"throughput_t{threads}"] = {"median_per_s": statistics.median(r), "min_per_s": min(r), "max_per_s": max(r)}
        print(f"infer throughput {threads} threads {statistics.median(r):.0f}/s", file=sys.stderr)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--workloads", default="mlp,cnn,lstm,transformer")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--round", type=float, default=1.0)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-infer", action="store_true")
    a = ap.parse_args()
    training = []
    for threads in [int(t) for t in a.threads.split(",") if t]:
        torch.set_num_threads(threads)
        for name in [w for w in a.workloads.split(",") if w]:
            epoch, n = make_epoch(name)
            r = rounds_of(epoch, a.warmup, a.round, a.repeats)
            med = statistics.median(r)
            training.append({"workload": name, "threads": threads, "samples": n, "median_s": med, "min_s": min(r),
                             "samples_per_s": n / med, "rounds_s": r})
            print(f"train {name:11s} threads={threads} {med * 1e3:9.2f} ms/epoch  {n / med:10.0f} samples/s", file=sys.stderr)
    doc = {"python": sys.version.split()[0], "torch": torch.__version__,
           "settings": {"warmup_s": a.warmup, "round_s": a.round, "repeats": a.repeats}, "training": training}
    if not a.no_infer:
        doc["inference"] = infer(a.model, a.warmup, a.round, a.repeats)
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=1)
    print(f"workloads: wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
