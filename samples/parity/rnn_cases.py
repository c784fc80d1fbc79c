# Records, with real PyTorch 1.13, what torch4j's nn.RNN, nn.LSTM, nn.GRU and their cells must reproduce: for
# every case and seed 0, 1, 42 (torch.manual_seed(seed) before the module is built):
#   - the initial parameters (reset_parameters parity: same draws, same order),
#   - the inputs, drawn next from the default generator in the order of the case's I lines
#     (x, then h0, then c0; each torch.randn(shape, requires_grad=True)),
#   - the training-mode forward: output, h_n (and c_n),
#   - after loss = (out * w).sum() + (h_n * wh).sum() [+ (c_n * wc).sum()] with w, wh, wc = randn
#     drawn next (in that order), the gradient of every parameter, of x and of the initial state,
#   - three steps of SGD(lr=0.1, momentum=0.9) on loss = out.pow(2).mean() + h_n.pow(2).mean()
#     [+ c_n.pow(2).mean()] with the same (detached) inputs: the loss of each step, then the
#     parameters after the third step,
#   - the eval-mode output on x afterwards (dropout off),
# and each module's repr and state_dict keys.
# Output format (one record a line, fields separated by single spaces):
#   C <case>                            a case starts (Java maps the name to its constructor)
#   I <x|h|c> <shape>                   an input drawn with randn (shape as 2,3,4)
#   R <case> <json string>              repr(module), JSON-quoted
#   K <case> <json list>                the module's state_dict keys
#   V <seed> <key> <shape> <v> ...      values (float32 widened and printed with repr)
# Re-record: ci/record-parity.sh (or /usr/bin/python3 samples/parity/rnn_cases.py > samples/parity/recordings/rnn_cases.txt)
import json

import torch
import torch.nn as nn

torch.set_num_threads(1)
SEEDS = [0, 1, 42]

# name, constructor, input shapes (x, then optionally h0 and c0)
CASES = [
    ('RNN', lambda: nn.RNN(4, 5), [('x', (6, 3, 4))]),
    ('RNN_relu_2layers_h0', lambda: nn.RNN(4, 5, num_layers=2, nonlinearity='relu'), [('x', (6, 3, 4)), ('h', (2, 3, 5))]),
    ('RNN_bidirectional_batch_first_h0', lambda: nn.RNN(3, 4, bidirectional=True, batch_first=True),
     [('x', (2, 5, 3)), ('h', (2, 2, 4))]),
    ('RNN_unbatched_bidirectional_h0', lambda: nn.RNN(3, 4, bidirectional=True), [('x', (5, 3)), ('h', (2, 4))]),
    ('LSTM', lambda: nn.LSTM(4, 5), [('x', (6, 3, 4))]),
    ('LSTM_2layers_bidirectional_h0', lambda: nn.LSTM(3, 4, num_layers=2, bidirectional=True),
     [('x', (5, 2, 3)), ('h', (4, 2, 4)), ('c', (4, 2, 4))]),
    ('LSTM_batch_first_nobias', lambda: nn.LSTM(3, 4, bias=False, batch_first=True), [('x', (2, 5, 3))]),
    ('LSTM_unbatched_2layers_h0', lambda: nn.LSTM(3, 4, num_layers=2), [('x', (5, 3)), ('h', (2, 4)), ('c', (2, 4))]),
    ('LSTM_unbatched_batch_first', lambda: nn.LSTM(3, 4, batch_first=True), [('x', (5, 3))]),
    ('LSTM_proj_2layers_bidirectional_h0', lambda: nn.LSTM(3, 6, num_layers=2, bidirectional=True, proj_size=2),
     [('x', (4, 2, 3)), ('h', (4, 2, 2)), ('c', (4, 2, 6))]),
    ('LSTM_dropout_3layers', lambda: nn.LSTM(3, 4, num_layers=3, dropout=0.5), [('x', (5, 2, 3))]),
    ('GRU', lambda: nn.GRU(4, 5), [('x', (6, 3, 4))]),
    ('GRU_2layers_bidirectional_batch_first_h0', lambda: nn.GRU(3, 4, num_layers=2, bidirectional=True, batch_first=True),
     [('x', (2, 5, 3)), ('h', (4, 2, 4))]),
    ('GRU_unbatched', lambda: nn.GRU(3, 4), [('x', (5, 3))]),
    ('GRU_dropout_2layers_nobias', lambda: nn.GRU(3, 4, num_layers=2, dropout=0.3, bias=False), [('x', (5, 2, 3))]),
    # the cells: one time step; "out" is h', an LSTMCell's c' is state0
    ('RNNCell', lambda: nn.RNNCell(4, 5), [('x', (3, 4))]),
    ('RNNCell_relu_nobias_h0', lambda: nn.RNNCell(3, 4, bias=False, nonlinearity='relu'), [('x', (2, 3)), ('h', (2, 4))]),
    ('RNNCell_unbatched_h0', lambda: nn.RNNCell(3, 4), [('x', (3,)), ('h', (4,))]),
    ('LSTMCell', lambda: nn.LSTMCell(4, 5), [('x', (3, 4))]),
    ('LSTMCell_h0', lambda: nn.LSTMCell(3, 4), [('x', (2, 3)), ('h', (2, 4)), ('c', (2, 4))]),
    ('LSTMCell_unbatched_nobias_h0', lambda: nn.LSTMCell(3, 4, bias=False), [('x', (3,)), ('h', (4,)), ('c', (4,))]),
    ('GRUCell', lambda: nn.GRUCell(4, 5), [('x', (3, 4))]),
    ('GRUCell_nobias_h0', lambda: nn.GRUCell(3, 4, bias=False), [('x', (2, 3)), ('h', (2, 4))]),
    ('GRUCell_unbatched', lambda: nn.GRUCell(3, 4), [('x', (3,))]),
]


def shape_str(s):
    return ','.join(str(d) for d in s) if len(s) else '-'


def emit(seed, key, t):
    vals = t.detach().flatten().tolist()
    print(f'V {seed} {key} {shape_str(t.shape)} ' + ' '.join(repr(float(v)) for v in vals))


def call(m, x, h, c):
    """m(x[, h0 | (h0, c0)]) as (output, [h_n, (c_n)]); a cell's as (h', [c'] for LSTMCell, else [])."""
    if isinstance(m, nn.LSTMCell):
        hn, cn = m(x, (h, c)) if h is not None else m(x)
        return hn, [cn]
    if isinstance(m, (nn.RNNCell, nn.GRUCell)):
        return (m(x, h) if h is not None else m(x)), []
    if isinstance(m, nn.LSTM):
        out, (hn, cn) = m(x, (h, c)) if h is not None else m(x)
        return out, [hn, cn]
    out, hn = m(x, h) if h is not None else m(x)
    return out, [hn]


def run_case(ctor, shapes, seed):
    torch.manual_seed(seed)
    m = ctor()
    for k, p in m.named_parameters():
        emit(seed, 'init.' + k, p)
    ins = {}
    for what, shape in shapes:
        ins[what] = torch.randn(shape, requires_grad=True)
        emit(seed, 'input.' + what, ins[what])
    x, h, c = ins['x'], ins.get('h'), ins.get('c')
    out, states = call(m, x, h, c)
    emit(seed, 'out', out)
    for i, s in enumerate(states):
        emit(seed, f'state{i}', s)
    loss = (out * torch.randn(out.shape)).sum()
    for s in states:
        loss = loss + (s * torch.randn(s.shape)).sum()
    loss.backward()
    for k, p in m.named_parameters():
        emit(seed, 'grad.' + k, p.grad)
    for what, t in ins.items():
        emit(seed, 'grad.input.' + what, t.grad)
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
    xd, hd, cd = x.detach(), None if h is None else h.detach(), None if c is None else c.detach()
    for step in range(3):
        opt.zero_grad()
        out, states = call(m, xd, hd, cd)
        loss = out.pow(2).mean()
        for s in states:
            loss = loss + s.pow(2).mean()
        emit(seed, f'step{step}.loss', loss)
        loss.backward()
        opt.step()
    for k, p in m.named_parameters():
        emit(seed, 'final.' + k, p)
    m.eval()
    with torch.no_grad():
        emit(seed, 'eval_out', call(m, xd, hd, cd)[0])


def main():
    print(f'# rnn_cases.py, torch {torch.__version__}; format described at the top of samples/parity/rnn_cases.py')
    for name, ctor, shapes in CASES:
        print(f'C {name}')
        for what, shape in shapes:
            print(f'I {what} {shape_str(shape)}')
        m = ctor()
        print(f'R {name} {json.dumps(repr(m))}')
        print(f'K {name} {json.dumps(list(m.state_dict().keys()))}')
        for seed in SEEDS:
            run_case(ctor, shapes, seed)


if __name__ == '__main__':
    main()
