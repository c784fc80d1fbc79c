# Records torch.nn.utils.clip_grad_norm_ (every norm type) and clip_grad_value_ with real PyTorch on two
# fixed gradients, so torch4j's nn.utils.ClipGrad can be checked.
# a.grad = [0.3, -1.2, 2.5], b.grad = [[0.1, -0.7], [4.0, 0.05]] (float32). Each case starts from these.
# Output: lines starting with '#' are comments; every other line is
#   {case} {total_norm!r} {a.grad after, 3 values} {b.grad after, 4 values}
# (clip_grad_value_ returns nothing: its total is printed as nan).
# Re-record: /usr/bin/python3 samples/parity/clip_grad_cases.py > samples/parity/recordings/clip_grad_cases.txt
import torch

torch.set_num_threads(1)

CASES = [
    ('norm2_clipped', lambda ps: torch.nn.utils.clip_grad_norm_(ps, 1.0)),
    ('norm2_unclipped', lambda ps: torch.nn.utils.clip_grad_norm_(ps, 100.0)),
    ('norm1', lambda ps: torch.nn.utils.clip_grad_norm_(ps, 2.0, norm_type=1)),
    ('norm3', lambda ps: torch.nn.utils.clip_grad_norm_(ps, 2.0, norm_type=3)),
    ('norm_half', lambda ps: torch.nn.utils.clip_grad_norm_(ps, 2.0, norm_type=0.5)),
    ('norm_inf', lambda ps: torch.nn.utils.clip_grad_norm_(ps, 0.25, norm_type=float('inf'))),
    ('value', lambda ps: torch.nn.utils.clip_grad_value_(ps, 0.5)),
]

print(f'# clip_grad_cases.py, torch {torch.__version__}')
for name, clip in CASES:
    a = torch.zeros(3, requires_grad=True)
    b = torch.zeros(2, 2, requires_grad=True)
    a.grad = torch.tensor([0.3, -1.2, 2.5])
    b.grad = torch.tensor([[0.1, -0.7], [4.0, 0.05]])
    total = clip([a, b])
    total = float('nan') if total is None else float(total)
    values = [float(v) for v in a.grad.flatten()] + [float(v) for v in b.grad.flatten()]
    print(name, repr(total), ' '.join(repr(v) for v in values))
