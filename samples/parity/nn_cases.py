# Records, with real PyTorch 1.13, what each torch.nn module of torch4j must reproduce: for every
# case and seed 0, 1, 42 (torch.manual_seed(seed) before the module is built):
#   - the initial parameters and buffers (nn.init parity: same draws, same order),
#   - the inputs, drawn next from the default generator as the case's input specs say,
#   - the forward output in training mode, and after (out * w).sum().backward() with
#     w = torch.randn(out.shape) drawn next, the gradient of every parameter and float input,
#   - for modules with buffers: the buffers after a second training forward on x2 = randn (drawn
#     next, the shape of input 0), then the eval-mode output on the first input,
# and each module's repr, plus a nested model's repr, state_dict keys and load_state_dict errors.
# Output format (one record a line, fields separated by single spaces):
#   C <case>                            a case starts (Java maps the name to its constructor)
#   I <spec>                            one input spec: randn:<shape>[:g] | rand:<shape>[:g] |
#                                       long:<shape>:<v,v,...> | float:<shape>:<v,v,...>
#                                       (g: requires grad; shapes as 2,3,4; '-' for a scalar)
#   V <seed> <key> <shape> <v> ...      values (float32/64 widened and printed with repr; ints as ints)
#   R <case> <json string>              repr(module), JSON-quoted
#   K <json list>                       the nested model's state_dict keys
#   E <name> <json string>              a load_state_dict error message
#   N <seed> <name> <shape> <v> ...     an nn.init function applied to torch.empty(shape) after
#                                       manual_seed(seed); <name>.next is torch.randn(2) drawn after it
#   G <nonlinearity> <param> <repr>     calculate_gain(nonlinearity, param) (param '-' for None)
# Re-record: ci/record-parity.sh (or /usr/bin/python3 samples/parity/nn_cases.py > samples/parity/recordings/nn_cases.txt)
# The checked-in conv cases were recorded with oneDNN on AVX2: on an AVX-512 machine its conv kernels round
# differently (1-2 float32 ulps); DNNL_MAX_CPU_ISA=AVX2 in the environment reproduces the recording exactly.
import json
import math
import sys

import torch
import torch.nn as nn

torch.set_num_threads(1)
SEEDS = [0, 1, 42]


def shape_str(s):
    return ','.join(str(d) for d in s) if len(s) else '-'


def emit_values(seed, key, t):
    t = t.detach()
    vals = t.flatten().tolist()
    if t.dtype.is_floating_point:
        body = ' '.join(repr(float(v)) for v in vals)
    else:
        body = ' '.join(str(int(v)) for v in vals)
    print(f'V {seed} {key} {shape_str(t.shape)} {body}'.rstrip())


def make_input(spec):
    parts = spec.split(':')
    kind, shape = parts[0], ([] if parts[1] == '-' else [int(d) for d in parts[1].split(',')])
    if kind in ('randn', 'rand'):
        t = (torch.randn if kind == 'randn' else torch.rand)(shape)
        if len(parts) > 2 and parts[2] == 'g':
            t.requires_grad_(True)
        return t
    vals = [float(v) for v in parts[2].split(',')] if parts[2] else []
    if kind == 'long':
        return torch.tensor([int(v) for v in vals], dtype=torch.long).reshape(shape)
    t = torch.tensor(vals, dtype=torch.float32).reshape(shape)
    if len(parts) > 3 and parts[3] == 'g':
        t.requires_grad_(True)
    return t


def ce_probs():  # a valid probability target: softmax of fixed logits
    return 'float:3,4:' + ','.join(repr(v) for v in torch.softmax(torch.tensor(
        [[0.1, 0.2, 0.3, 0.4], [1.0, -1.0, 0.5, 0.0], [0.3, 0.3, 2.0, -0.5]]), 1).flatten().tolist())


# name, constructor, input specs, second_step (buffers)
CASES = [
    ('Linear', lambda: nn.Linear(5, 3), ['randn:4,5:g'], False),
    ('Linear_nobias', lambda: nn.Linear(5, 3, bias=False), ['randn:2,5:g'], False),
    ('Bilinear', lambda: nn.Bilinear(3, 4, 2), ['randn:5,3:g', 'randn:5,4:g'], False),
    ('Identity', lambda: nn.Identity(), ['randn:2,3:g'], False),
    ('Flatten', lambda: nn.Flatten(), ['randn:2,3,4:g'], False),
    ('Unflatten', lambda: nn.Unflatten(1, (2, 3)), ['randn:4,6:g'], False),
    ('Conv1d', lambda: nn.Conv1d(3, 4, 3, stride=2, padding=1), ['randn:2,3,9:g'], False),
    ('Conv2d', lambda: nn.Conv2d(3, 4, 3), ['randn:2,3,6,6:g'], False),
    ('Conv2d_opts', lambda: nn.Conv2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2), groups=2, bias=False),
     ['randn:2,4,7,7:g'], False),
    ('Conv2d_same', lambda: nn.Conv2d(2, 3, 4, padding='same', dilation=2), ['randn:1,2,7,7:g'], False),
    ('Conv2d_valid', lambda: nn.Conv2d(2, 3, 3, padding='valid'), ['randn:2,5,5:g'], False),
    ('Conv2d_reflect', lambda: nn.Conv2d(2, 3, 3, padding=1, padding_mode='reflect'), ['randn:2,2,5,5:g'], False),
    ('Conv1d_circular', lambda: nn.Conv1d(2, 3, 3, padding=2, padding_mode='circular'), ['randn:2,2,6:g'], False),
    ('Conv2d_same_replicate', lambda: nn.Conv2d(2, 3, 4, padding='same', padding_mode='replicate'), ['randn:1,2,5,6:g'], False),
    ('Conv3d', lambda: nn.Conv3d(2, 3, 2, stride=1, padding=1), ['randn:1,2,3,4,4:g'], False),
    ('ConvTranspose1d', lambda: nn.ConvTranspose1d(3, 2, 3, stride=2, padding=1, output_padding=1), ['randn:2,3,5:g'], False),
    ('ConvTranspose2d', lambda: nn.ConvTranspose2d(4, 6, 3, stride=2, groups=2), ['randn:1,4,4,4:g'], False),
    ('MaxPool1d', lambda: nn.MaxPool1d(3, stride=2, padding=1), ['randn:2,3,9:g'], False),
    ('MaxPool2d', lambda: nn.MaxPool2d(2), ['randn:2,3,6,6:g'], False),
    ('MaxPool2d_opts', lambda: nn.MaxPool2d(3, stride=2, padding=1, dilation=1, ceil_mode=True), ['randn:1,2,7,7:g'], False),
    ('AvgPool1d', lambda: nn.AvgPool1d(3, stride=2), ['randn:2,3,9:g'], False),
    ('AvgPool2d', lambda: nn.AvgPool2d(2), ['randn:2,3,6,6:g'], False),
    ('AdaptiveAvgPool1d', lambda: nn.AdaptiveAvgPool1d(4), ['randn:2,3,9:g'], False),
    ('AdaptiveAvgPool2d', lambda: nn.AdaptiveAvgPool2d((2, 3)), ['randn:2,3,7,8:g'], False),
    ('AdaptiveMaxPool2d', lambda: nn.AdaptiveMaxPool2d(3), ['randn:2,3,7,8:g'], False),
    ('BatchNorm1d', lambda: nn.BatchNorm1d(4), ['randn:6,4:g'], True),
    ('BatchNorm1d_3d', lambda: nn.BatchNorm1d(3, momentum=None), ['randn:4,3,5:g'], True),
    ('BatchNorm2d', lambda: nn.BatchNorm2d(3), ['randn:4,3,5,5:g'], True),
    ('BatchNorm2d_opts', lambda: nn.BatchNorm2d(3, eps=1e-3, momentum=0.3, affine=False), ['randn:2,3,4,4:g'], True),
    ('BatchNorm2d_cumulative', lambda: nn.BatchNorm2d(2, momentum=None), ['randn:3,2,4,4:g'], True),
    ('LayerNorm', lambda: nn.LayerNorm((3, 4)), ['randn:2,3,4:g'], False),
    ('GroupNorm', lambda: nn.GroupNorm(2, 4), ['randn:3,4,5:g'], False),
    ('InstanceNorm2d', lambda: nn.InstanceNorm2d(3), ['randn:2,3,4,4:g'], False),
    ('InstanceNorm2d_affine', lambda: nn.InstanceNorm2d(3, affine=True, track_running_stats=True), ['randn:2,3,4,4:g'], True),
    ('Dropout', lambda: nn.Dropout(0.3), ['randn:4,50:g'], False),
    ('Dropout2d', lambda: nn.Dropout2d(0.5), ['randn:4,8,3,3:g'], False),
    ('Embedding', lambda: nn.Embedding(10, 3), ['long:2,4:1,2,4,5,4,3,2,9'], False),
    ('Embedding_pad', lambda: nn.Embedding(10, 3, padding_idx=2), ['long:2,4:1,2,4,5,4,3,2,9'], False),
    ('Embedding_max_norm', lambda: nn.Embedding(10, 3, max_norm=1.0), ['long:2,4:1,2,4,5,4,3,2,9'], False),
    ('Embedding_norm_type', lambda: nn.Embedding(10, 3, max_norm=0.5, norm_type=1.0), ['long:2,4:1,2,4,5,4,3,2,9'], False),
    ('Embedding_scale_grad', lambda: nn.Embedding(10, 3, scale_grad_by_freq=True), ['long:2,4:1,2,4,5,4,3,2,9'], False),
    ('Embedding_all', lambda: nn.Embedding(10, 3, padding_idx=-1, max_norm=1.5, norm_type=3.0, scale_grad_by_freq=True,
                                           sparse=False), ['long:2,4:1,9,4,5,4,3,9,9'], False),
    ('EmbeddingBag', lambda: nn.EmbeddingBag(10, 3, mode='mean'), ['long:2,4:1,2,4,5,4,3,2,9'], False),
    ('EmbeddingBag_sum', lambda: nn.EmbeddingBag(10, 3, mode='sum'), ['long:8:1,2,4,5,4,3,2,9', 'long:3:0,2,5'], False),
    ('EmbeddingBag_max', lambda: nn.EmbeddingBag(10, 3, mode='max'), ['long:2,4:1,2,4,5,4,3,2,9'], False),
    ('ReLU', lambda: nn.ReLU(), ['randn:3,5:g'], False),
    ('LeakyReLU', lambda: nn.LeakyReLU(0.2), ['randn:3,5:g'], False),
    ('GELU', lambda: nn.GELU(), ['randn:3,5:g'], False),
    ('GELU_tanh', lambda: nn.GELU(approximate='tanh'), ['randn:3,5:g'], False),
    ('SiLU', lambda: nn.SiLU(), ['randn:3,5:g'], False),
    ('ELU', lambda: nn.ELU(alpha=0.5), ['randn:3,5:g'], False),
    ('Tanh', lambda: nn.Tanh(), ['randn:3,5:g'], False),
    ('Sigmoid', lambda: nn.Sigmoid(), ['randn:3,5:g'], False),
    ('Softplus', lambda: nn.Softplus(), ['randn:3,5:g'], False),
    ('Softplus_opts', lambda: nn.Softplus(beta=2.0, threshold=1.0), ['randn:3,5:g'], False),
    ('Softmax', lambda: nn.Softmax(dim=1), ['randn:3,5:g'], False),
    ('LogSoftmax', lambda: nn.LogSoftmax(dim=0), ['randn:3,5:g'], False),
    ('Hardtanh', lambda: nn.Hardtanh(-0.5, 0.5), ['randn:3,5:g'], False),
    ('MSELoss', lambda: nn.MSELoss(), ['randn:3,4:g', 'randn:3,4'], False),
    ('MSELoss_sum', lambda: nn.MSELoss(reduction='sum'), ['randn:3,4:g', 'randn:3,4'], False),
    ('L1Loss', lambda: nn.L1Loss(), ['randn:3,4:g', 'randn:3,4'], False),
    ('L1Loss_none', lambda: nn.L1Loss(reduction='none'), ['randn:3,4:g', 'randn:3,4'], False),
    ('SmoothL1Loss', lambda: nn.SmoothL1Loss(beta=0.5), ['randn:3,4:g', 'randn:3,4'], False),
    ('HuberLoss', lambda: nn.HuberLoss(reduction='sum', delta=0.7), ['randn:3,4:g', 'randn:3,4'], False),
    ('CrossEntropyLoss', lambda: nn.CrossEntropyLoss(), ['randn:5,4:g', 'long:5:0,3,1,1,2'], False),
    ('CrossEntropyLoss_opts', lambda: nn.CrossEntropyLoss(weight=torch.tensor([0.5, 1.0, 2.0, 1.5]), ignore_index=1,
                                                          label_smoothing=0.1),
     ['randn:5,4:g', 'long:5:0,3,1,1,2'], False),
    ('CrossEntropyLoss_none', lambda: nn.CrossEntropyLoss(reduction='none'), ['randn:2,4,3:g', 'long:2,3:0,3,1,1,2,2'], False),
    ('CrossEntropyLoss_probs', lambda: nn.CrossEntropyLoss(label_smoothing=0.2), ['randn:3,4:g', ce_probs()], False),
    ('NLLLoss', lambda: nn.NLLLoss(), ['randn:5,4:g', 'long:5:0,3,1,1,2'], False),
    ('NLLLoss_opts', lambda: nn.NLLLoss(weight=torch.tensor([0.5, 1.0, 2.0, 1.5]), ignore_index=3, reduction='sum'),
     ['randn:5,4:g', 'long:5:0,3,1,1,2'], False),
    ('BCELoss', lambda: nn.BCELoss(), ['rand:3,4:g', 'rand:3,4'], False),
    ('BCELoss_weight', lambda: nn.BCELoss(weight=torch.tensor([1.0, 2.0, 0.5, 1.5]), reduction='sum'), ['rand:3,4:g', 'rand:3,4'], False),
    ('BCEWithLogitsLoss', lambda: nn.BCEWithLogitsLoss(), ['randn:3,4:g', 'rand:3,4'], False),
    ('BCEWithLogitsLoss_pos', lambda: nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, 2.0, 3.0, 0.5])), ['randn:3,4:g', 'rand:3,4'],
     False),
    ('KLDivLoss', lambda: nn.KLDivLoss(reduction='sum'), ['randn:3,4:g', 'rand:3,4'], False),
    ('KLDivLoss_batchmean', lambda: nn.KLDivLoss(reduction='batchmean', log_target=True), ['randn:3,4:g', 'randn:3,4'], False),
    ('CosineEmbeddingLoss', lambda: nn.CosineEmbeddingLoss(margin=0.2), ['randn:4,5:g', 'randn:4,5:g', 'float:4:1,-1,1,-1'], False),
    ('MarginRankingLoss', lambda: nn.MarginRankingLoss(margin=0.1), ['randn:6:g', 'randn:6:g', 'float:6:1,-1,1,-1,1,1'], False),
    ('TripletMarginLoss', lambda: nn.TripletMarginLoss(margin=1.5), ['randn:4,5:g', 'randn:4,5:g', 'randn:4,5:g'], False),
    ('CTCLoss', lambda: nn.CTCLoss(), ['logsoftmax', 'long:2,3:1,2,2,3,1,0', 'long:2:6,5', 'long:2:3,2'], False),
    ('PReLU', lambda: nn.PReLU(), ['randn:3,5:g'], False),
    ('PReLU_channels', lambda: nn.PReLU(num_parameters=3, init=0.1), ['randn:2,3,4:g'], False),
    ('ReLU6', lambda: nn.ReLU6(), ['randn:3,5:g'], False),
    ('SELU', lambda: nn.SELU(), ['randn:3,5:g'], False),
    ('CELU', lambda: nn.CELU(alpha=0.7), ['randn:3,5:g'], False),
    ('Mish', lambda: nn.Mish(), ['randn:3,5:g'], False),
    ('Hardswish', lambda: nn.Hardswish(), ['randn:3,5:g'], False),
    ('Hardsigmoid', lambda: nn.Hardsigmoid(), ['randn:3,5:g'], False),
    ('Hardshrink', lambda: nn.Hardshrink(), ['randn:3,5:g'], False),
    ('Softshrink', lambda: nn.Softshrink(lambd=0.3), ['randn:3,5:g'], False),
    ('Tanhshrink', lambda: nn.Tanhshrink(), ['randn:3,5:g'], False),
    ('Softsign', lambda: nn.Softsign(), ['randn:3,5:g'], False),
    ('LogSigmoid', lambda: nn.LogSigmoid(), ['randn:3,5:g'], False),
    ('Softmin', lambda: nn.Softmin(dim=1), ['randn:3,5:g'], False),
    ('Threshold', lambda: nn.Threshold(0.1, 20.0), ['randn:3,5:g'], False),
    ('GLU', lambda: nn.GLU(), ['randn:3,6:g'], False),
    ('GLU_dim0', lambda: nn.GLU(dim=0), ['randn:4,3:g'], False),
    ('ZeroPad2d', lambda: nn.ZeroPad2d(2), ['randn:1,2,3,3:g'], False),
    ('ZeroPad2d_tuple', lambda: nn.ZeroPad2d((1, 0, -1, 2)), ['randn:2,3,4:g'], False),
    ('ConstantPad1d', lambda: nn.ConstantPad1d(2, 3.5), ['randn:2,3,4:g'], False),
    ('ConstantPad1d_tuple', lambda: nn.ConstantPad1d((3, -1), -0.5), ['randn:3,4:g'], False),
    ('ConstantPad2d', lambda: nn.ConstantPad2d((1, 2, 0, 3), 0.25), ['randn:1,2,3,3:g'], False),
    ('ReflectionPad1d', lambda: nn.ReflectionPad1d(2), ['randn:2,3,4:g'], False),
    ('ReflectionPad1d_tuple', lambda: nn.ReflectionPad1d((3, 1)), ['randn:3,5:g'], False),
    ('ReflectionPad2d', lambda: nn.ReflectionPad2d((1, 0, 2, 1)), ['randn:1,2,3,4:g'], False),
    ('ReplicationPad1d', lambda: nn.ReplicationPad1d((0, 3)), ['randn:2,3,4:g'], False),
    ('ReplicationPad2d', lambda: nn.ReplicationPad2d(2), ['randn:1,2,3,3:g'], False),
    ('ReplicationPad2d_tuple', lambda: nn.ReplicationPad2d((2, -1, 0, 1)), ['randn:2,3,4:g'], False),
    ('PixelShuffle', lambda: nn.PixelShuffle(2), ['randn:2,8,3,3:g'], False),
    ('PixelUnshuffle', lambda: nn.PixelUnshuffle(2), ['randn:2,2,4,6:g'], False),
    ('CosineSimilarity', lambda: nn.CosineSimilarity(), ['randn:4,5:g', 'randn:4,5:g'], False),
    ('CosineSimilarity_opts', lambda: nn.CosineSimilarity(dim=0, eps=1e-6), ['randn:3,4:g', 'randn:3,1:g'], False),
    ('PairwiseDistance', lambda: nn.PairwiseDistance(), ['randn:4,5:g', 'randn:4,5:g'], False),
    ('PairwiseDistance_opts', lambda: nn.PairwiseDistance(p=1.0, eps=1e-5, keepdim=True), ['randn:4,5:g', 'randn:4,5:g'], False),
]


def inputs_for(specs):
    out = []
    for spec in specs:
        if spec == 'logsoftmax':  # CTC's log-probabilities [T=6, N=2, C=4]: randn, log_softmax over C, a leaf
            out.append(torch.randn(6, 2, 4).log_softmax(2).detach().requires_grad_(True))
        else:
            out.append(make_input(spec))
    return out


def run_case(name, ctor, specs, second, seed):
    torch.manual_seed(seed)
    m = ctor()
    for k, p in m.named_parameters():
        emit_values(seed, 'init.' + k, p)
    for k, b in m.named_buffers():
        emit_values(seed, 'initbuf.' + k, b)
    xs = inputs_for(specs)
    for i, x in enumerate(xs):
        emit_values(seed, f'input{i}', x)
    out = m(*xs)
    emit_values(seed, 'out', out)
    w = torch.randn(out.shape)
    (out * w).sum().backward()
    for k, p in m.named_parameters():
        if p.grad is not None:
            emit_values(seed, 'grad.' + k, p.grad)
    for i, x in enumerate(xs):
        if x.requires_grad:
            emit_values(seed, f'grad.input{i}', x.grad)
    if second:
        x2 = torch.randn(xs[0].shape)
        with torch.no_grad():
            m(x2)
        for k, b in m.named_buffers():
            emit_values(seed, 'buf.' + k, b)
        m.eval()
        with torch.no_grad():
            emit_values(seed, 'eval_out', m(xs[0]))


class Net(nn.Module):
    """The nested model of the repr / state_dict checks (torch4j's NnParityTest.Net mirrors it)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2))
        self.heads = nn.ModuleList([nn.Linear(16, 3), nn.Linear(16, 2, bias=False)])
        self.extra = nn.ModuleDict({'drop': nn.Dropout(0.25), 'act': nn.GELU()})
        self.fc1 = nn.Linear(3, 2)
        self.register_buffer('scale', torch.ones(2))
        self.register_buffer('scratch', torch.zeros(1), persistent=False)


INIT_CASES = [
    ('uniform_', lambda t: nn.init.uniform_(t, -0.5, 2.0), (3, 5)),
    ('normal_', lambda t: nn.init.normal_(t, 1.0, 0.5), (4, 6)),
    ('normal_small', lambda t: nn.init.normal_(t), (7,)),
    ('constant_', lambda t: nn.init.constant_(t, 0.3), (2, 3)),
    ('zeros_', lambda t: nn.init.zeros_(t), (2, 3)),
    ('ones_', lambda t: nn.init.ones_(t), (2, 3)),
    ('xavier_uniform_', lambda t: nn.init.xavier_uniform_(t, gain=nn.init.calculate_gain('relu')), (5, 3, 2, 2)),
    ('xavier_normal_', lambda t: nn.init.xavier_normal_(t), (4, 7)),
    ('kaiming_uniform_', lambda t: nn.init.kaiming_uniform_(t, a=0.1, mode='fan_out', nonlinearity='leaky_relu'), (6, 4, 3)),
    ('kaiming_normal_', lambda t: nn.init.kaiming_normal_(t, mode='fan_in', nonlinearity='relu'), (5, 8)),
    ('orthogonal_', lambda t: nn.init.orthogonal_(t, gain=2.0), (4, 6)),
    ('orthogonal_tall', lambda t: nn.init.orthogonal_(t), (8, 3)),
    ('orthogonal_conv', lambda t: nn.init.orthogonal_(t), (3, 2, 2, 2)),
]

GAINS = [('linear', None), ('conv2d', None), ('sigmoid', None), ('tanh', None), ('relu', None), ('leaky_relu', None),
         ('leaky_relu', 0.2), ('selu', None)]


def record_init():
    for name, fn, shape in INIT_CASES:
        for seed in SEEDS:
            torch.manual_seed(seed)
            t = torch.empty(shape)
            fn(t)
            emit_init(seed, name, t)
            emit_init(seed, name + '.next', torch.randn(2))
    for nl, param in GAINS:
        print(f'G {nl} {"-" if param is None else repr(param)} {repr(nn.init.calculate_gain(nl, param))}')


def emit_init(seed, name, t):
    print(f'N {seed} {name} {shape_str(t.shape)} ' + ' '.join(repr(float(v)) for v in t.flatten().tolist()))


def main():
    print(f'# nn_cases.py, torch {torch.__version__}; format described at the top of samples/parity/nn_cases.py')
    for name, ctor, specs, second in CASES:
        print(f'C {name}')
        for s in specs:
            print(f'I {s}')
        print(f'R {name} {json.dumps(repr(ctor()))}')
        for seed in SEEDS:
            run_case(name, ctor, specs, second, seed)
    torch.manual_seed(0)
    net = Net()
    print(f'R Net {json.dumps(repr(net))}')
    sd = net.state_dict()
    print(f'K {json.dumps(list(sd.keys()))}')
    bad = dict(sd)
    del bad['fc1.weight']
    del bad['features.1.num_batches_tracked']
    bad['fc1.extra'] = torch.zeros(1)
    bad['heads.1.bias'] = torch.zeros(2)
    bad['heads.0.weight'] = torch.zeros(3, 2)
    bad['features.0.bias'] = torch.zeros(5)
    for strict in (True, False):
        try:
            Net().load_state_dict(bad, strict=strict)
            print(f'E strict_{strict} {json.dumps("")}')
        except RuntimeError as e:
            print(f'E strict_{strict} {json.dumps(str(e))}')
    ok = dict(sd)
    del ok['fc1.bias']
    ok['unknown'] = torch.zeros(1)
    print(f'E nonstrict_ok {json.dumps(str(Net().load_state_dict(ok, strict=False)))}')
    record_init()


if __name__ == '__main__':
    main()
