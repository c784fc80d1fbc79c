# Records, with real PyTorch 1.13, the orders torch.utils.data produces from seeded generators, so that
# org.torch4j.utils.data can be checked: RandomSampler, DataLoader(shuffle=True) with the default
# generator and with its own, drop_last, random_split (lengths and fractions), and the default
# generator's next draw after an epoch (which proves the same number of random numbers was used:
# DataLoader's iterator draws a base seed, then RandomSampler draws its own seed).
# Output: '#' comments; other lines are {case} {seed} {label} {ints...}
#   sampler       n=N   the indices of one RandomSampler epoch over range(N) after torch.manual_seed(seed)
#   loader        epochK the first sample of each batch (x = arange) of epoch K, DataLoader(batch_size=4, shuffle=True)
#   loader_after  next   int(torch.empty((), dtype=torch.int64).random_()) drawn from the default generator after two
#                        epochs (the draw RandomSampler makes; torch.randint's algorithm changed after 1.13, this one did not)
#   split         part   the indices of each part of random_split(range(10), ...)
# Re-record: /usr/bin/python3 samples/parity/data_cases.py > samples/parity/recordings/data_cases.txt
import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset, random_split

print(f'# data_cases.py, torch {torch.__version__}')


def out(case, seed, label, values):
    print(case, seed, label, ' '.join(str(int(v)) for v in values))


for seed in (0, 1, 42):
    for n in (1, 10, 100, 1000):
        torch.manual_seed(seed)
        out('sampler', seed, f'n={n}', list(RandomSampler(range(n))))

    for case, kwargs, n in (('loader', dict(batch_size=4, shuffle=True), 22),
                            ('loader_drop_last', dict(batch_size=4, shuffle=True, drop_last=True), 22),
                            ('loader_generator', dict(batch_size=3, shuffle=True), 17),
                            ('loader_sequential', dict(batch_size=5), 12)):
        torch.manual_seed(seed)
        if case == 'loader_generator':
            g = torch.Generator()
            g.manual_seed(seed + 1000)
            kwargs = dict(kwargs, generator=g)
        ds = TensorDataset(torch.arange(n), torch.arange(n) * 10)
        dl = DataLoader(ds, **kwargs)
        for epoch in (1, 2):
            out(case, seed, f'epoch{epoch}', [x[0] for x, y in dl])
        out(case + '_after', seed, 'next', [torch.empty((), dtype=torch.int64).random_()])

    g = torch.Generator().manual_seed(seed)
    for i, part in enumerate(random_split(range(10), [3, 7], generator=g)):
        out('split', seed, f'part{i}', list(part.indices))
    g = torch.Generator().manual_seed(seed)
    for i, part in enumerate(random_split(range(11), [0.3, 0.3, 0.4], generator=g)):
        out('split_fractions', seed, f'part{i}', list(part.indices))
    torch.manual_seed(seed)
    for i, part in enumerate(random_split(range(9), [2, 3, 4])):
        out('split_default', seed, f'part{i}', list(part.indices))
