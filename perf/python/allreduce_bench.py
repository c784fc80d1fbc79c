# All-reduce (SUM, float32, gloo) latency/bandwidth by message size with PyTorch 1.13's torch.distributed,
# the Python side of perf/allreduce.sh (same sizes, iterations and timing as org.torch4j.perf.AllReduceBench).
# Usage: /usr/bin/python3 perf/python/allreduce_bench.py WORLD [minBytes maxBytes]
import os, socket, sys, time
import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def rank_main(rank, world, port, lo, hi):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    torch.set_num_threads(1)
    dist.init_process_group('gloo', rank=rank, world_size=world)
    b = lo
    while b <= hi:
        t = torch.ones(b // 4)
        iters = int(max(5, min(200, (32 << 20) // b)))
        for _ in range(3):
            dist.all_reduce(t)
        us = []
        for _ in range(iters):
            dist.barrier()
            t0 = time.perf_counter_ns()
            dist.all_reduce(t)
            us.append((time.perf_counter_ns() - t0) / 1e3)
        us.sort()
        med = us[iters // 2]
        if rank == 0:
            print(f'python {world} {b} {med:.1f} {b / med:.1f}', flush=True)
        b *= 4
    dist.destroy_process_group()


if __name__ == '__main__':
    world = int(sys.argv[1])
    lo = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    hi = int(sys.argv[3]) if len(sys.argv) > 3 else 64 << 20
    s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()
    mp.spawn(rank_main, args=(world, port, lo, hi), nprocs=world)
