# Per-iteration time of the tutorial steps in real PyTorch, measured like the Java StepTimer: from the
# intervals between printed loss lines (every 100 iterations; step 8 every 2000), after one warm-up run;
# median and minimum of each round. The step scripts set torch.set_num_threads(1).
# Usage: /usr/bin/python3 samples/parity/time_steps.py [--step N ...] [--rounds R]
import argparse
import builtins
import os
import runpy
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument('--step', type=int, action='append')
parser.add_argument('--rounds', type=int, default=2)
args = parser.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
real_print = builtins.print
for step in args.step or [5, 6, 7, 8]:
    every = 2000 if step == 8 else 100
    for rnd in range(args.rounds + 1):
        stamps = []
        builtins.print = lambda *a, **k: stamps.append(time.perf_counter())
        sys.argv = [f'step{step}.py', '--seed', '0']
        try:
            runpy.run_path(os.path.join(here, f'step{step}.py'), run_name='__main__')
        finally:
            builtins.print = real_print
        if rnd == 0:
            continue  # warm-up
        per = sorted((stamps[i] - stamps[i - 1]) * 1e6 / every for i in range(1, len(stamps) - 1))
        print(f'python step {step} round {rnd}: median {per[len(per) // 2]:.1f} us/iter, '
              f'min {per[0]:.1f} us/iter ({len(per)} intervals of {every} iterations)')
