"""PyTorch 1.13's torch.jit.load peer of org.torch4j.perf.Jit: the same cnn.pt, the same cases.

latency_b1 / latency_b64: one thread, median time per forward (in torch.inference_mode()).
throughput_t1 / throughput_t2: batch 1 from 1 and 2 Python threads at once on one module
(TorchScript releases the GIL while it runs), forwards per second, median over rounds.

Usage: /usr/bin/python3 perf/python/jit_bench.py MODEL.pt OUT.json [--round S] [--repeats N] [--warmup S]
"""
import argparse
import json
import statistics
import threading
import time

import torch


def forward(m, x):
    with torch.inference_mode():
        return m(x).dim()


def timed_round(m, x, seconds):
    n = 0
    t0 = time.perf_counter()
    end = t0 + seconds
    while True:
        forward(m, x)
        n += 1
        t = time.perf_counter()
        if t >= end:
            return (t - t0) / n * 1e9, n


def throughput(m, x, threads, seconds):
    counts = [0] * threads
    stop = threading.Event()
    start = threading.Barrier(threads + 1)

    def work(i):
        start.wait()
        while not stop.is_set():
            forward(m, x)
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("out")
    ap.add_argument("--round", type=float, default=1.0)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--warmup", type=float, default=2.0)
    a = ap.parse_args()
    torch.set_num_threads(1)  # as org.torch4j.perf.Jit: one intra-op thread per request thread
    torch.manual_seed(0)
    m = torch.jit.load(a.model)
    m.eval()
    x1 = torch.randn(1, 3, 16, 16)
    x64 = torch.randn(64, 3, 16, 16)
    res = {"torch": torch.__version__, "intra_op_threads": torch.get_num_threads(), "round_s": a.round, "repeats": a.repeats}
    for name, x in (("latency_b1", x1), ("latency_b64", x64)):
        timed_round(m, x, a.warmup)
        rounds = [timed_round(m, x, a.round)[0] for _ in range(a.repeats)]
        res[name] = {"median_ns": statistics.median(rounds), "min_ns": min(rounds), "max_ns": max(rounds)}
    for threads in (1, 2):
        throughput(m, x1, threads, a.warmup / 2)
        rounds = [throughput(m, x1, threads, a.round) for _ in range(a.repeats)]
        res[f"throughput_t{threads}"] = {"median_per_s": statistics.median(rounds), "min_per_s": min(rounds), "max_per_s": max(rounds)}
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
