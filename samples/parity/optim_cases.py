# Records, with real PyTorch, a few steps of each torch.optim option this project wraps (SGD, RMSprop,
# Adam) on one tiny deterministic problem, so the Java wrappers of LibTorch's optimizers can be checked.
# Problem: w = [0.5, -1.5, 2.0, 3.0] (float32, requires_grad); every step the loss is
# sum((w * x - t)^2) with x = [1.0, 2.0, -0.5, 0.25], t = [0.1, 0.2, 0.3, 0.4].
# Each case starts from a fresh w and runs 5 steps (10 for the *_fast cases) of:
# zero_grad(); loss.backward(); step().
# Output: lines starting with '#' are comments; every other line is
#   {case} {step} {w[0]!r} {w[1]!r} {w[2]!r} {w[3]!r}
# i.e. the case name, the 1-based step number, and the four parameter values after that step,
# each a float32 widened to a Python float and printed with repr (shortest round-trip double).
# Cases sgd_lr_change and adam_lr_change set optimizer.param_groups[0]['lr'] = 0.05 just before step 3.
# adam_fast and adam_amsgrad_fast (lr=0.2, betas=(0.9, 0.99)) separate AMSGrad from plain Adam: with
# the slow default beta2 their first five steps are bit-identical (exp_avg_sq never decreases), here
# they part from step 3 on.
# sgd_param_groups holds w as two leaf tensors w[0:2] and w[2:4] in two parameter groups:
# {lr=0.01} and {lr=0.05, momentum=0.9}; it prints their concatenation. adamw_param_groups likewise with
# AdamW(lr=0.01) and {lr=0.05, betas=(0.8, 0.9), weight_decay=0.5}.
# sgd_clip_* call torch.nn.utils.clip_grad_norm_ / clip_grad_value_ on [w] between backward() and step().
# Re-record: /usr/bin/python3 samples/parity/optim_cases.py > samples/parity/recordings/optim_cases.txt
import torch

torch.set_num_threads(1)

STEPS = 5
FAST_STEPS = 10
X = torch.tensor([1.0, 2.0, -0.5, 0.25])
T = torch.tensor([0.1, 0.2, 0.3, 0.4])

CASES = [
    ('sgd_plain', lambda p: torch.optim.SGD(p, lr=0.01)),
    ('sgd_momentum', lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9)),
    ('sgd_dampening', lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9, dampening=0.5)),
    ('sgd_nesterov', lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9, nesterov=True)),
    ('sgd_wd', lambda p: torch.optim.SGD(p, lr=0.01, weight_decay=0.1)),
    ('rmsprop_plain', lambda p: torch.optim.RMSprop(p, lr=0.01)),
    ('rmsprop_alpha', lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6)),
    ('rmsprop_wd', lambda p: torch.optim.RMSprop(p, lr=0.01, weight_decay=0.1)),
    ('rmsprop_momentum', lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.5)),
    ('rmsprop_centered', lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True)),
    ('adam_plain', lambda p: torch.optim.Adam(p, lr=0.01)),
    ('adam_betas', lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.9), eps=1e-6)),
    ('adam_wd', lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1)),
    ('adam_amsgrad', lambda p: torch.optim.Adam(p, lr=0.01, amsgrad=True)),
    ('adam_fast', lambda p: torch.optim.Adam(p, lr=0.2, betas=(0.9, 0.99))),
    ('adam_amsgrad_fast', lambda p: torch.optim.Adam(p, lr=0.2, betas=(0.9, 0.99), amsgrad=True)),
    ('sgd_lr_change', lambda p: torch.optim.SGD(p, lr=0.01)),
    ('adam_lr_change', lambda p: torch.optim.Adam(p, lr=0.01)),
    ('sgd_param_groups', None),
    # the optimizers torch4j runs in Java over the same ops (issue 10)
    ('adamw_plain', lambda p: torch.optim.AdamW(p, lr=0.01)),
    ('adamw_wd', lambda p: torch.optim.AdamW(p, lr=0.01, betas=(0.8, 0.9), eps=1e-6, weight_decay=0.1)),
    ('adamw_amsgrad_fast', lambda p: torch.optim.AdamW(p, lr=0.2, betas=(0.9, 0.99), amsgrad=True)),
    ('adamw_maximize', lambda p: torch.optim.AdamW(p, lr=0.01, maximize=True)),
    ('adagrad_plain', lambda p: torch.optim.Adagrad(p, lr=0.1)),
    ('adagrad_lr_decay', lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.05, eps=1e-6)),
    ('adagrad_wd_init', lambda p: torch.optim.Adagrad(p, lr=0.1, weight_decay=0.1, initial_accumulator_value=0.5)),
    ('adagrad_maximize', lambda p: torch.optim.Adagrad(p, lr=0.1, maximize=True)),
    ('adadelta_plain', lambda p: torch.optim.Adadelta(p)),
    ('adadelta_rho_wd', lambda p: torch.optim.Adadelta(p, lr=0.5, rho=0.8, eps=1e-4, weight_decay=0.1)),
    ('adadelta_maximize', lambda p: torch.optim.Adadelta(p, lr=0.5, maximize=True)),
    ('adamax_plain', lambda p: torch.optim.Adamax(p, lr=0.01)),
    ('adamax_betas_wd', lambda p: torch.optim.Adamax(p, lr=0.05, betas=(0.8, 0.9), eps=1e-4, weight_decay=0.1)),
    ('adamax_maximize', lambda p: torch.optim.Adamax(p, lr=0.01, maximize=True)),
    ('nadam_plain', lambda p: torch.optim.NAdam(p, lr=0.01)),
    ('nadam_options_fast', lambda p: torch.optim.NAdam(p, lr=0.05, betas=(0.8, 0.9), eps=1e-6, weight_decay=0.1, momentum_decay=0.01)),
    ('radam_plain', lambda p: torch.optim.RAdam(p, lr=0.01)),
    # beta2=0.9: rho_t passes 5 at step 6, so both of RAdam's branches run
    ('radam_rectified_fast', lambda p: torch.optim.RAdam(p, lr=0.05, betas=(0.8, 0.9), eps=1e-6, weight_decay=0.1)),
    ('adamw_param_groups', None),
    # maximize on the optimizers whose 1.13 signature has it (AdamW, Adagrad, Adadelta, Adamax above;
    # NAdam and RAdam have none in 1.13), combined with the options whose order it matters for
    # (the gradient is negated before weight decay). foreach=False is 1.13's CPU default
    # (foreach=None picks the single-tensor loop for CPU tensors), stated here explicitly.
    ('sgd_maximize', lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9, weight_decay=0.1, maximize=True, foreach=False)),
    ('sgd_nesterov_maximize', lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9, nesterov=True, maximize=True)),
    ('rmsprop_maximize', lambda p: torch.optim.RMSprop(p, lr=0.01, weight_decay=0.1, maximize=True, foreach=False)),
    ('rmsprop_centered_momentum_maximize', lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.5, centered=True, maximize=True)),
    ('adam_maximize', lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1, maximize=True, foreach=False)),
    ('adam_amsgrad_maximize_fast', lambda p: torch.optim.Adam(p, lr=0.2, betas=(0.9, 0.99), amsgrad=True, maximize=True)),
    # LBFGS: each step is optimizer.step(closure), the closure doing zero_grad(); loss; backward()
    ('lbfgs_plain', lambda p: torch.optim.LBFGS(p)),
    ('lbfgs_small_history', lambda p: torch.optim.LBFGS(p, lr=0.1, max_iter=6, history_size=2)),
    ('lbfgs_max_eval', lambda p: torch.optim.LBFGS(p, lr=0.5, max_iter=10, max_eval=4, tolerance_change=1e-5)),
    # line_search_fn='strong_wolfe': lr=1 accepts the first trial step; lr=0.01 extrapolates (cubic
    # interpolation with bounds, steps that are sometimes float32 tensors, sometimes Python floats);
    # lr=10 overshoots, so the zoom phase brackets the step
    ('lbfgs_strong_wolfe', lambda p: torch.optim.LBFGS(p, line_search_fn='strong_wolfe')),
    ('lbfgs_strong_wolfe_small_lr', lambda p: torch.optim.LBFGS(p, lr=0.01, line_search_fn='strong_wolfe')),
    ('lbfgs_strong_wolfe_large_lr', lambda p: torch.optim.LBFGS(p, lr=10, max_iter=5, line_search_fn='strong_wolfe')),
    ('lbfgs_strong_wolfe_history', lambda p: torch.optim.LBFGS(p, lr=0.02, max_iter=3, history_size=2, line_search_fn='strong_wolfe')),
    # clip_grad_norm_ / clip_grad_value_ between backward() and step()
    ('sgd_clip_norm2', lambda p: torch.optim.SGD(p, lr=0.1)),
    ('sgd_clip_norm1', lambda p: torch.optim.SGD(p, lr=0.1)),
    ('sgd_clip_norm_inf', lambda p: torch.optim.SGD(p, lr=0.1)),
    ('sgd_clip_value', lambda p: torch.optim.SGD(p, lr=0.1)),
]
CLIP = {
    'sgd_clip_norm2': lambda ps: torch.nn.utils.clip_grad_norm_(ps, 1.0),
    'sgd_clip_norm1': lambda ps: torch.nn.utils.clip_grad_norm_(ps, 1.5, norm_type=1),
    'sgd_clip_norm_inf': lambda ps: torch.nn.utils.clip_grad_norm_(ps, 0.5, norm_type=float('inf')),
    'sgd_clip_value': lambda ps: torch.nn.utils.clip_grad_value_(ps, 0.3),
}

print(f'# optim_cases.py, torch {torch.__version__}')
print('# format: {case} {step} {w[0]!r} {w[1]!r} {w[2]!r} {w[3]!r}  (w after that step)')
for name, make in CASES:
    if name.endswith('_param_groups'):
        w1 = torch.tensor([0.5, -1.5], requires_grad=True)
        w2 = torch.tensor([2.0, 3.0], requires_grad=True)
        if name == 'sgd_param_groups':
            optimizer = torch.optim.SGD([{'params': [w1]}, {'params': [w2], 'lr': 0.05, 'momentum': 0.9}], lr=0.01)
        else:
            optimizer = torch.optim.AdamW([{'params': [w1]}, {'params': [w2], 'lr': 0.05, 'betas': (0.8, 0.9), 'weight_decay': 0.5}], lr=0.01)
        current = lambda: torch.cat([w1, w2])
    else:
        w = torch.tensor([0.5, -1.5, 2.0, 3.0], requires_grad=True)
        optimizer = make([w])
        current = lambda: w
    steps = FAST_STEPS if name.endswith('_fast') else STEPS
    for step in range(1, steps + 1):
        if name in ('sgd_lr_change', 'adam_lr_change') and step == 3:
            optimizer.param_groups[0]['lr'] = 0.05
        if name.startswith('lbfgs'):
            def closure():
                optimizer.zero_grad()
                loss = ((current() * X - T) ** 2).sum()
                loss.backward()
                return loss
            optimizer.step(closure)
        else:
            optimizer.zero_grad()
            loss = ((current() * X - T) ** 2).sum()
            loss.backward()
            if name in CLIP:
                CLIP[name]([w])
            optimizer.step()
        v = current().detach()
        print(f'{name} {step} {float(v[0])!r} {float(v[1])!r} {float(v[2])!r} {float(v[3])!r}')
