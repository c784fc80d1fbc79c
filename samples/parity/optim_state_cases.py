# Records the structure of torch.optim state_dict() for every optimizer torch4j has, after one step:
# the per-parameter state keys, so torch4j's Optimizer.stateDict() can be checked to use PyTorch's names.
# Output: '#' comments; other lines are {optimizer} {sorted state keys of parameter 0...}
# Re-record: /usr/bin/python3 samples/parity/optim_state_cases.py > samples/parity/recordings/optim_state_cases.txt
import torch

OPTIMIZERS = [
    ('SGD', lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    ('RMSprop', lambda p: torch.optim.RMSprop(p, momentum=0.5, centered=True)),
    ('Adam', lambda p: torch.optim.Adam(p, amsgrad=True)),
    ('AdamW', lambda p: torch.optim.AdamW(p)),
    ('Adagrad', lambda p: torch.optim.Adagrad(p)),
    ('Adadelta', lambda p: torch.optim.Adadelta(p)),
    ('Adamax', lambda p: torch.optim.Adamax(p)),
    ('NAdam', lambda p: torch.optim.NAdam(p)),
    ('RAdam', lambda p: torch.optim.RAdam(p)),
]
print(f'# optim_state_cases.py, torch {torch.__version__}')
for name, make in OPTIMIZERS:
    w = torch.tensor([0.5, -1.5], requires_grad=True)
    o = make([w])
    (w * w).sum().backward()
    o.step()
    sd = o.state_dict()
    print(name, ' '.join(sorted(sd['state'][0].keys())))
