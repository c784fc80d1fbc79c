# Records, with real PyTorch 1.13, torch.utils.data.DistributedSampler's index lists, so that
# org.torch4j.utils.data.DistributedSampler can be checked (partitioning, padding, drop_last,
# per-epoch shuffle with set_epoch, seeds).
# Output: '#' comments; other lines are {n} {replicas} {rank} {shuffle} {seed} {drop_last} {epoch} {len} {indices...}
# Re-record: /usr/bin/python3 samples/parity/distributed_sampler_cases.py > samples/parity/recordings/distributed_sampler_cases.txt
import torch
from torch.utils.data import DistributedSampler

print(f'# distributed_sampler_cases.py, torch {torch.__version__}')
for n in (1, 2, 5, 10, 11, 17):
    for replicas in (1, 2, 3, 4):
        for shuffle in (False, True):
            for seed in ((0, 7) if shuffle else (0,)):
                for drop_last in (False, True):
                    if drop_last and n < replicas:
                        continue  # PyTorch gives num_samples 0: nothing to record
                    for rank in range(replicas):
                        s = DistributedSampler(range(n), num_replicas=replicas, rank=rank, shuffle=shuffle,
                                               seed=seed, drop_last=drop_last)
                        for epoch in ((0, 1, 2) if shuffle else (0,)):
                            s.set_epoch(epoch)
                            idx = list(s)
                            print(n, replicas, rank, int(shuffle), seed, int(drop_last), epoch, len(s),
                                  ' '.join(str(i) for i in idx))
