# How far real PyTorch's own step 6 (polynomial_optim.py: RMSprop, lr=1e-3) moves when its input x is
# changed by one ulp in a few elements - the kind of difference LibTorch 2.10's kernels make (its
# linspace rounds 476 of the 2000 points of x differently from 1.13's). The measurements justify the
# step-6 parity rule (Samples.parityRule, NnParityTest); they are not recordings.
# Usage: /usr/bin/python3 samples/parity/step6_sensitivity.py [--variants N]   (about 0.5 s per variant)
# For each seed it prints, over N variants (1..49 random elements of x moved one ulp up or down):
#   - the worst relative change of each printed loss (t = 99, 199, ..., 1999) against the unperturbed run,
#   - the worst relative change of the final loss and of the median of the last five printed losses,
#   - the worst absolute change of the four Result coefficients,
#   - loss spikes in the steady phase t >= 1000: the highest loss / median-loss ratio.
import argparse
import math

import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument('--variants', type=int, default=200)
args = parser.parse_args()
torch.set_num_threads(1)


def run(seed, x):
    torch.manual_seed(seed)
    y = torch.sin(x)
    xx = x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
    loss_fn = torch.nn.MSELoss(reduction='sum')
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)
    losses = []
    for t in range(2000):
        loss = loss_fn(model(xx), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    layer = model[0]
    return np.array(losses), [layer.bias.item()] + layer.weight[0].tolist()


x0 = torch.linspace(-math.pi, math.pi, 2000)
rng = np.random.default_rng(12345)
print(f'# step6_sensitivity.py, torch {torch.__version__}, {args.variants} variants per seed')
for seed in [0, 1, 42]:
    ref, ref_coef = run(seed, x0)
    printed = ref[99::100]
    worst_line = np.zeros(len(printed))
    final = median5 = coef = spike = 0.0
    for _ in range(args.variants):
        xn = x0.numpy().copy()
        idx = rng.choice(2000, size=int(rng.integers(1, 50)), replace=False)
        xn[idx] = np.nextafter(xn[idx], np.where(rng.random(len(idx)) < 0.5, -np.inf, np.inf).astype(np.float32))
        losses, c = run(seed, torch.from_numpy(xn))
        p = losses[99::100]
        worst_line = np.maximum(worst_line, np.abs(p - printed) / printed)
        final = max(final, abs(p[-1] - printed[-1]) / printed[-1])
        median5 = max(median5, abs(np.median(p[-5:]) - np.median(printed[-5:])) / np.median(printed[-5:]))
        coef = max(coef, max(abs(a - b) for a, b in zip(c, ref_coef)))
        tail = losses[1000:]
        spike = max(spike, tail.max() / np.median(tail))
    print(f'seed {seed} worst relative change per printed loss: '
          + ' '.join(f'{100 * i + 99}:{w:.1e}' for i, w in enumerate(worst_line)))
    print(f'seed {seed} final loss {final:.3g}, median of last five {median5:.3g}, '
          f'Result coefficients (absolute) {coef:.3g}, highest loss/median for t>=1000 {spike:.3f}')
