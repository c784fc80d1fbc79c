# Records, with real PyTorch 1.13, the learning rate of every parameter group at every step of each
# torch.optim.lr_scheduler option set torch4j implements, so org.torch4j.optim.lr_scheduler can be checked.
# Setup per case: two parameters in two SGD groups, lr 0.1 and 0.05 (momentum 0.9 where a scheduler
# cycles momentum; Adam(lr 0.1 / 0.05) for the *_adam cases, whose beta1 is cycled).
# Step 0 is right after the scheduler's construction; then STEPS times: optimizer.step(); scheduler.step()
# (ReduceLROnPlateau: scheduler.step(METRICS[i])).
# Output: lines starting with '#' are comments; every other line is
#   {case} {step} {lr of group 0!r} {lr of group 1!r} [{momentum or beta1 of group 0!r} {... group 1!r}]
# (the momentum columns only for the cases that cycle it).
# Re-record: /usr/bin/python3 samples/parity/lr_scheduler_cases.py > samples/parity/recordings/lr_scheduler_cases.txt
import math

import torch
from torch.optim import lr_scheduler as S

STEPS = 30
# a plateau-shaped metric: improves, stalls, improves a little (below and above the threshold), stalls
METRICS = [1.0, 0.9, 0.8, 0.8, 0.8, 0.79995, 0.8, 0.8, 0.7, 0.7,
           0.7, 0.7, 0.7, 0.7, 0.65, 0.65, 0.65, 0.65, 0.65, 0.65,
           0.65, 0.65, 0.65, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64]

CASES = [
    ('step', lambda o: S.StepLR(o, step_size=7)),
    ('step_gamma', lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
    ('multistep', lambda o: S.MultiStepLR(o, milestones=[5, 12, 12, 20], gamma=0.3)),
    ('exponential', lambda o: S.ExponentialLR(o, gamma=0.9)),
    ('cosine', lambda o: S.CosineAnnealingLR(o, T_max=10)),
    ('cosine_eta_min', lambda o: S.CosineAnnealingLR(o, T_max=7, eta_min=0.001)),
    ('warm_restarts', lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5)),
    ('warm_restarts_mult', lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.002)),
    ('linear', lambda o: S.LinearLR(o)),
    ('linear_options', lambda o: S.LinearLR(o, start_factor=0.25, end_factor=0.75, total_iters=12)),
    ('constant', lambda o: S.ConstantLR(o)),
    ('constant_options', lambda o: S.ConstantLR(o, factor=0.5, total_iters=8)),
    ('polynomial', lambda o: S.PolynomialLR(o, total_iters=20, power=2.0)),
    ('lambda', lambda o: S.LambdaLR(o, lambda e: 0.95 ** e)),
    ('lambda_per_group', lambda o: S.LambdaLR(o, [lambda e: 1.0 / (e + 1), lambda e: 0.5 + 0.1 * (e % 3)])),
    ('multiplicative', lambda o: S.MultiplicativeLR(o, lambda e: 0.9)),
    ('onecycle', lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=STEPS + 1)),
    ('onecycle_linear_three_phase', lambda o: S.OneCycleLR(o, max_lr=[1.0, 0.5], epochs=4, steps_per_epoch=8, pct_start=0.25,
                                                            anneal_strategy='linear', three_phase=True, div_factor=10.0,
                                                            final_div_factor=100.0, base_momentum=0.8, max_momentum=0.9)),
    ('onecycle_adam', lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=STEPS + 5)),
    ('onecycle_no_momentum', lambda o: S.OneCycleLR(o, max_lr=0.3, total_steps=40, cycle_momentum=False)),
    ('cyclic', lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=4)),
    ('cyclic_triangular2', lambda o: S.CyclicLR(o, base_lr=[0.01, 0.02], max_lr=[0.1, 0.2], step_size_up=3, step_size_down=5,
                                                mode='triangular2', base_momentum=0.7, max_momentum=0.95)),
    ('cyclic_exp_range', lambda o: S.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=5, mode='exp_range', gamma=0.9,
                                              cycle_momentum=False)),
    ('plateau', lambda o: S.ReduceLROnPlateau(o, patience=2)),
    ('plateau_options', lambda o: S.ReduceLROnPlateau(o, mode='max', factor=0.5, patience=1, threshold=0.01,
                                                      threshold_mode='abs', cooldown=2, min_lr=[0.02, 0.0], eps=1e-3)),
    ('plateau_min_rel', lambda o: S.ReduceLROnPlateau(o, factor=0.2, patience=0, threshold=1e-3, cooldown=1, min_lr=0.001)),
    ('sequential', lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=4),
                                                S.ExponentialLR(o, gamma=0.8)], milestones=[5])),
    ('sequential_three', lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=3),
                                                      S.StepLR(o, step_size=4, gamma=0.5),
                                                      S.CosineAnnealingLR(o, T_max=6)], milestones=[6, 15])),
]
MOMENTUM = {'onecycle', 'onecycle_linear_three_phase', 'onecycle_adam', 'cyclic', 'cyclic_triangular2'}
# the plateau cases in 'max' mode see the negated metric (so that it is improving)
MAX_MODE = {'plateau_options'}


def row(name, step, o):
    values = [g['lr'] for g in o.param_groups]
    if name in MOMENTUM:
        values += [g['betas'][0] if 'betas' in g else g['momentum'] for g in o.param_groups]
    print(name, step, ' '.join(repr(float(v)) for v in values))


print(f'# lr_scheduler_cases.py, torch {torch.__version__}')
for name, make in CASES:
    a = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    if name.endswith('_adam'):
        o = torch.optim.Adam([{'params': [a]}, {'params': [b], 'lr': 0.05}], lr=0.1)
    else:
        o = torch.optim.SGD([{'params': [a]}, {'params': [b], 'lr': 0.05}], lr=0.1, momentum=0.9)
    s = make(o)
    row(name, 0, o)
    for step in range(1, STEPS + 1):
        o.step()
        if name.startswith('plateau'):
            m = METRICS[step - 1]
            s.step(-m if name in MAX_MODE else m)
        else:
            s.step()
        row(name, step, o)
