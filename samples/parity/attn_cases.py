# Records, with real PyTorch 1.13, what torch4j's attention modules must reproduce
# (MultiheadAttention, TransformerEncoderLayer, TransformerEncoder, TransformerDecoderLayer,
# TransformerDecoder, Transformer). For every case and seed 0, 1, 42 (torch.manual_seed(seed)
# before the module is built):
#   - the initial parameters (nn.init parity: same draws, same order; the clones of
#     TransformerEncoder/Decoder equal the layer they copy),
#   - the inputs, drawn next from the default generator as the case's input specs say,
#   - the forward outputs (attn_output and, when returned, attn_weights) in the case's mode:
#       train   training mode, gradients recorded
#       eval    eval mode, gradients recorded (grad enabled and parameters requiring grad keep
#               PyTorch on its composite "slow" path)
#       nograd  eval mode under torch.no_grad(): PyTorch 1.13 takes its fused fast path
#               (_native_multi_head_attention / _transformer_encoder_layer_fwd) where it can
#   - except in nograd mode: with w_i = torch.randn(out_i.shape) drawn next for each output, the
#     gradients of sum_i (out_i * w_i).sum() for every parameter and float input,
#   - for cases with steps > 0: that many SGD(lr=0.05, momentum=0.9) steps on the same loss
#     (zero_grad(), forward, backward, step): the loss before each step and the parameters after,
# plus each case's repr and state_dict keys.
# Output format (one record a line, fields separated by single spaces):
#   C <case> <mode> <steps>             a case starts (Java maps the name to its constructor and call)
#   I <spec>                            one input spec: randn:<shape>[:g] | bool:<shape>:<0/1,...> |
#                                       float:<shape>:<v,...> | causal:<n> (generate_square_subsequent_mask(n))
#   V <seed> <key> <shape> <v> ...      values (float32 as %.9g, which round-trips; inf as inf; bools as 0/1)
#   R <case> <json string>              repr(module)
#   K <case> <json list>                state_dict keys
# Re-record: ci/record-parity.sh (or /usr/bin/python3 samples/parity/attn_cases.py > samples/parity/recordings/attn_cases.txt)
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
        body = ' '.join('%.9g' % v for v in vals)  # float32 round-trips with 9 significant digits
    else:
        body = ' '.join(str(int(v)) for v in vals)
    print(f'V {seed} {key} {shape_str(t.shape)} {body}'.rstrip())


def make_input(spec):
    parts = spec.split(':')
    if parts[0] == 'causal':
        return nn.Transformer.generate_square_subsequent_mask(int(parts[1]))
    shape = [int(d) for d in parts[1].split(',')]
    if parts[0] == 'randn':
        t = torch.randn(shape)
        if len(parts) > 2 and parts[2] == 'g':
            t.requires_grad_(True)
        return t
    vals = parts[2].split(',')
    if parts[0] == 'bool':
        return torch.tensor([v == '1' for v in vals], dtype=torch.bool).reshape(shape)
    if parts[0] == 'float':
        return torch.tensor([float(v) for v in vals], dtype=torch.float32).reshape(shape)
    raise ValueError(spec)


def bools(shape, ones):
    """A bool spec of the given shape, True at the flat positions in ones."""
    n = math.prod(shape)
    return 'bool:' + ','.join(str(d) for d in shape) + ':' + ','.join('1' if i in ones else '0' for i in range(n))


def floats(shape, seed):
    """A float mask spec: small deterministic values, some -inf (never a whole row)."""
    n = math.prod(shape)
    vals = []
    for i in range(n):
        if i % 5 == 3:
            vals.append('-inf')
        else:
            vals.append(repr(round(((i * 7 + seed) % 11) / 10.0 - 0.5, 2)))
    return 'float:' + ','.join(str(d) for d in shape) + ':' + ','.join(vals)


def enc_layer(**kw):
    return nn.TransformerEncoderLayer(8, 2, 16, **kw)


def dec_layer(**kw):
    return nn.TransformerDecoderLayer(8, 2, 16, **kw)


# name, constructor, input specs, call(module, inputs) -> output or tuple, mode, SGD steps
CASES = [
    ('MHA_self', lambda: nn.MultiheadAttention(8, 2), ['randn:5,3,8:g'],
     lambda m, x: m(x[0], x[0], x[0]), 'train', 3),
    ('MHA_cross', lambda: nn.MultiheadAttention(8, 4), ['randn:4,2,8:g', 'randn:6,2,8:g'],
     lambda m, x: m(x[0], x[1], x[1]), 'train', 3),
    ('MHA_qkv_per_head', lambda: nn.MultiheadAttention(6, 3), ['randn:4,2,6:g', 'randn:5,2,6:g', 'randn:5,2,6:g'],
     lambda m, x: m(x[0], x[1], x[2], average_attn_weights=False), 'train', 2),
    ('MHA_kdim_vdim', lambda: nn.MultiheadAttention(6, 3, kdim=4, vdim=5), ['randn:4,2,6:g', 'randn:3,2,4:g', 'randn:3,2,5:g'],
     lambda m, x: m(x[0], x[1], x[2]), 'train', 2),
    ('MHA_bool_masks', lambda: nn.MultiheadAttention(8, 2), ['randn:4,2,8:g', 'randn:5,2,8:g',
                                                             bools((2, 5), {4, 8, 9}), bools((4, 5), {1, 7, 13})],
     lambda m, x: m(x[0], x[1], x[1], key_padding_mask=x[2], attn_mask=x[3]), 'train', 2),
    ('MHA_float_mask_3d', lambda: nn.MultiheadAttention(8, 2), ['randn:4,2,8:g', 'randn:5,2,8:g',
                                                                bools((2, 5), {0, 9}), floats((4, 4, 5), 1)],
     lambda m, x: m(x[0], x[1], x[1], key_padding_mask=x[2], attn_mask=x[3]), 'train', 2),
    ('MHA_float_kpm', lambda: nn.MultiheadAttention(8, 2), ['randn:3,2,8:g', floats((2, 3), 2)],
     lambda m, x: m(x[0], x[0], x[0], key_padding_mask=x[1]), 'train', 0),
    ('MHA_bias_kv_zero_attn', lambda: nn.MultiheadAttention(8, 2, add_bias_kv=True, add_zero_attn=True),
     ['randn:4,2,8:g', 'randn:5,2,8:g', bools((2, 5), {3}), bools((4, 5), {2, 11})],
     lambda m, x: m(x[0], x[1], x[1], key_padding_mask=x[2], attn_mask=x[3]), 'train', 2),
    ('MHA_nobias', lambda: nn.MultiheadAttention(8, 2, bias=False), ['randn:4,2,8:g', 'randn:5,2,8:g'],
     lambda m, x: m(x[0], x[1], x[1]), 'train', 2),
    ('MHA_batch_first', lambda: nn.MultiheadAttention(8, 2, batch_first=True), ['randn:3,5,8:g', bools((3, 5), {4, 13, 14})],
     lambda m, x: m(x[0], x[0], x[0], key_padding_mask=x[1], need_weights=False), 'train', 2),
    ('MHA_batch_first_cross', lambda: nn.MultiheadAttention(8, 2, batch_first=True), ['randn:2,4,8:g', 'randn:2,6,8:g'],
     lambda m, x: m(x[0], x[1], x[1]), 'train', 0),
    ('MHA_unbatched', lambda: nn.MultiheadAttention(8, 2), ['randn:4,8:g', 'randn:5,8:g', bools((5,), {1}),
                                                            floats((2, 4, 5), 3)],
     lambda m, x: m(x[0], x[1], x[1], key_padding_mask=x[2], attn_mask=x[3]), 'train', 2),
    ('MHA_dropout_eval', lambda: nn.MultiheadAttention(8, 2, dropout=0.3), ['randn:4,2,8:g'],
     lambda m, x: m(x[0], x[0], x[0]), 'eval', 0),
    ('MHA_dropout_train', lambda: nn.MultiheadAttention(8, 2, dropout=0.3), ['randn:4,2,8:g'],
     lambda m, x: m(x[0], x[0], x[0]), 'train', 0),
    ('MHA_fastpath', lambda: nn.MultiheadAttention(8, 2, batch_first=True), ['randn:3,5,8', bools((3, 5), {4, 9})],
     lambda m, x: m(x[0], x[0], x[0], key_padding_mask=x[1]), 'nograd', 0),
    ('EncoderLayer', lambda: enc_layer(dropout=0.0), ['randn:5,3,8:g', 'causal:5'],
     lambda m, x: m(x[0], src_mask=x[1]), 'train', 3),
    ('EncoderLayer_gelu_norm_first_bf', lambda: enc_layer(dropout=0.0, activation='gelu', batch_first=True, norm_first=True),
     ['randn:3,5,8:g', bools((3, 5), {4, 13, 14})],
     lambda m, x: m(x[0], src_key_padding_mask=x[1]), 'train', 3),
    ('EncoderLayer_eval_dropout', lambda: enc_layer(), ['randn:5,3,8:g', bools((3, 5), {4})],
     lambda m, x: m(x[0], src_key_padding_mask=x[1]), 'eval', 0),
    ('EncoderLayer_train_dropout', lambda: enc_layer(dropout=0.2), ['randn:4,2,8:g'],
     lambda m, x: m(x[0]), 'train', 0),
    ('EncoderLayer_fastpath', lambda: enc_layer(batch_first=True), ['randn:3,5,8', bools((3, 5), {4, 9})],
     lambda m, x: m(x[0], src_key_padding_mask=x[1]), 'nograd', 0),
    ('Encoder', lambda: nn.TransformerEncoder(enc_layer(dropout=0.0), 2, nn.LayerNorm(8)),
     ['randn:5,3,8:g', 'causal:5', bools((3, 5), {4, 9})],
     lambda m, x: m(x[0], mask=x[1], src_key_padding_mask=x[2]), 'train', 3),
    ('Encoder_nonorm_bf', lambda: nn.TransformerEncoder(enc_layer(dropout=0.0, batch_first=True, activation='gelu'), 2),
     ['randn:2,4,8:g'],
     lambda m, x: m(x[0]), 'train', 2),
    ('DecoderLayer', lambda: dec_layer(dropout=0.0), ['randn:4,2,8:g', 'randn:5,2,8:g', 'causal:4', bools((2, 5), {4})],
     lambda m, x: m(x[0], x[1], tgt_mask=x[2], memory_key_padding_mask=x[3]), 'train', 3),
    ('DecoderLayer_gelu_norm_first_bf', lambda: dec_layer(dropout=0.0, activation='gelu', batch_first=True, norm_first=True),
     ['randn:2,4,8:g', 'randn:2,5,8:g', bools((2, 4), {3}), floats((4, 5), 4)],
     lambda m, x: m(x[0], x[1], tgt_key_padding_mask=x[2], memory_mask=x[3]), 'train', 3),
    ('DecoderLayer_eval_dropout', lambda: dec_layer(), ['randn:4,2,8:g', 'randn:5,2,8:g'],
     lambda m, x: m(x[0], x[1]), 'eval', 0),
    ('Decoder', lambda: nn.TransformerDecoder(dec_layer(dropout=0.0), 2, nn.LayerNorm(8)),
     ['randn:4,2,8:g', 'randn:5,2,8:g', 'causal:4'],
     lambda m, x: m(x[0], x[1], tgt_mask=x[2]), 'train', 2),
    ('Transformer', lambda: nn.Transformer(8, 2, 2, 1, 16, dropout=0.0),
     ['randn:5,2,8:g', 'randn:4,2,8:g', 'causal:4', bools((2, 5), {4}), bools((2, 5), {4})],
     lambda m, x: m(x[0], x[1], tgt_mask=x[2], src_key_padding_mask=x[3], memory_key_padding_mask=x[4]), 'train', 2),
    ('Transformer_bf_gelu_norm_first', lambda: nn.Transformer(8, 2, 1, 1, 16, dropout=0.0, activation='gelu', batch_first=True,
                                                              norm_first=True),
     ['randn:2,5,8:g', 'randn:2,4,8:g'],
     lambda m, x: m(x[0], x[1]), 'train', 2),
]


def outputs(r):
    if isinstance(r, tuple):
        return [o for o in r if o is not None]
    return [r]


def run_case(name, ctor, specs, call, mode, steps, seed):
    torch.manual_seed(seed)
    m = ctor()
    for k, p in m.named_parameters():
        emit_values(seed, 'init.' + k, p)
    xs = [make_input(s) for s in specs]
    for i, x in enumerate(xs):
        emit_values(seed, f'input{i}', x)
    if mode != 'train':
        m.eval()
    if mode == 'nograd':
        with torch.no_grad():
            outs = outputs(call(m, xs))
        for i, o in enumerate(outs):
            emit_values(seed, f'out{i}', o)
        return
    outs = outputs(call(m, xs))
    for i, o in enumerate(outs):
        emit_values(seed, f'out{i}', o)
    ws = [torch.randn(o.shape) for o in outs]
    sum((o * w).sum() for o, w in zip(outs, ws)).backward()
    for k, p in m.named_parameters():
        if p.grad is not None:
            emit_values(seed, 'grad.' + k, p.grad)
    for i, x in enumerate(xs):
        if x.requires_grad:
            emit_values(seed, f'grad.input{i}', x.grad)
    if steps:
        opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
        for step in range(steps):
            opt.zero_grad()
            outs = outputs(call(m, xs))
            loss = sum((o * w).sum() for o, w in zip(outs, ws))
            emit_values(seed, f'step{step}.loss', loss)
            loss.backward()
            opt.step()
        for k, p in m.named_parameters():
            emit_values(seed, 'after.' + k, p)


def main():
    print(f'# attn_cases.py, torch {torch.__version__}; format described at the top of samples/parity/attn_cases.py')
    for name, ctor, specs, call, mode, steps in CASES:
        print(f'C {name} {mode} {steps}')
        for s in specs:
            print(f'I {s}')
        torch.manual_seed(0)
        m = ctor()
        print(f'R {name} {json.dumps(repr(m))}')
        print(f'K {name} {json.dumps(list(m.state_dict().keys()))}')
        for seed in SEEDS:
            run_case(name, ctor, specs, call, mode, steps, seed)


if __name__ == '__main__':
    main()
