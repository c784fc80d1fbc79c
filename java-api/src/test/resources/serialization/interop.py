"""The Python side of torch4j's torch.save/torch.load round trips (run by SerializationInteropTest
with /usr/bin/python3 and PyTorch 1.13).

  interop.py write DIR   writes Python-made files into DIR for Java to read
  interop.py check DIR   checks the files Java wrote into DIR; prints 'OK <name>' per check, exits 1 on a mismatch
  interop.py lstm_write DIR / lstm_check DIR   the same for an nn.LSTM's state dict (SerializationLstmInteropTest)

Values are made from formulas both sides compute independently (arange, fixed seeds), never
copied from Java's output.
"""
import collections
import sys

import torch

DTYPES = ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'bfloat16',
          'float32', 'float64', 'complex64', 'complex128']


def formula(name, n=6):
    """arange(n) - 2 in dtype `name` (bool: odd elements); complex gets imaginary part 0.5*k."""
    k = torch.arange(n, dtype=torch.float64) - 2
    dt = getattr(torch, name)
    if name == 'bool':
        return (torch.arange(n) % 2) == 1
    if name.startswith('complex'):
        return torch.complex(k, 0.5 * torch.arange(n, dtype=torch.float64)).to(dt)
    if name == 'uint8':
        return (k + 2).to(dt)
    return k.to(dt)


def mlp():
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))


def cnn():
    return torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.BatchNorm2d(4), torch.nn.ReLU(),
                               torch.nn.Flatten(), torch.nn.Linear(4 * 5 * 5, 3))


def data():
    """Inputs and targets for the optimizer runs (a formula both sides compute)."""
    x = (torch.arange(20, dtype=torch.float32).reshape(5, 4) / 10.0).sin()
    y = (torch.arange(15, dtype=torch.float32).reshape(5, 3) / 7.0).cos()
    return x, y


def adam_steps(model, opt, n):
    x, y = data()
    for _ in range(n):
        opt.zero_grad()
        torch.nn.functional.mse_loss(model(x), y).backward()
        opt.step()


def write(d):
    torch.manual_seed(0)
    tensors = collections.OrderedDict((n, formula(n)) for n in DTYPES)
    tensors['matrix_t'] = torch.arange(12, dtype=torch.float32).reshape(3, 4).t()  # non-contiguous
    tensors['scalar'] = torch.tensor(3.5, dtype=torch.float64)
    tensors['empty'] = torch.zeros(0, 3)
    torch.save(tensors, d + '/py_tensors.pt')

    base = torch.arange(10, dtype=torch.float32)
    torch.save({'base': base, 'tail': base[3:], 'strided': base[1::3], 'grid': base.view(2, 5)[:, 1:4],
                'list': [base[2:4], 7, 'x', None, True, 2.5, (1, 2)]}, d + '/py_views.pt')

    torch.manual_seed(1)
    m = mlp()
    x = torch.randn(2, 4)
    torch.save(collections.OrderedDict(state=m.state_dict(), x=x, y=m(x).detach()), d + '/py_mlp.pt')

    torch.manual_seed(2)
    c = cnn()
    c.train()
    xi = torch.randn(3, 1, 5, 5)
    c(xi)
    c(xi * 2)  # running stats move, num_batches_tracked = 2
    c.eval()
    torch.save({'state': c.state_dict(), 'x': xi, 'y': c(xi).detach()}, d + '/py_cnn.pt')

    torch.manual_seed(3)
    m = mlp()
    opt = torch.optim.Adam(m.parameters(), lr=0.01)
    adam_steps(m, opt, 3)
    ckpt = {'epoch': 3, 'model': m.state_dict(), 'optimizer': opt.state_dict()}
    torch.save(ckpt, d + '/py_checkpoint.pt')
    adam_steps(m, opt, 2)
    torch.save(m.state_dict(), d + '/py_checkpoint_after2.pt')


def check_equal(name, got, want):
    if got.dtype != want.dtype or got.shape != want.shape or not torch.equal(got, want):
        print('MISMATCH %s: got %r want %r' % (name, got, want))
        sys.exit(1)
    print('OK ' + name)


def close(name, got, want, tol):
    err = (got - want).abs().max().item()
    if got.shape != want.shape or err > tol:
        print('MISMATCH %s: max error %g > %g' % (name, err, tol))
        sys.exit(1)
    print('OK %s %g' % (name, err))


def check(d):
    t = torch.load(d + '/java_tensors.pt')
    assert type(t) is collections.OrderedDict, type(t)
    for n in DTYPES:
        check_equal(n, t[n], formula(n))
    check_equal('matrix_t', t['matrix_t'], torch.arange(12, dtype=torch.float32).reshape(3, 4).t())
    assert t['matrix_t'].stride() == (1, 4), t['matrix_t'].stride()
    check_equal('scalar', t['scalar'], torch.tensor(3.5, dtype=torch.float64))

    v = torch.load(d + '/java_views.pt')
    base = torch.arange(10, dtype=torch.float32)
    check_equal('base', v['base'], base)
    check_equal('tail', v['tail'], base[3:])
    check_equal('strided', v['strided'], base[1::3])
    ptr = v['base'].storage().data_ptr()
    for k in ['tail', 'strided']:
        assert v[k].storage().data_ptr() == ptr, k + ' does not share the storage'
    assert v['tail'].storage_offset() == 3 and v['strided'].stride() == (3,)
    v['base'][4] = 100.0
    assert v['tail'][1].item() == 100.0, 'a write through base is not seen by the view'
    print('OK views share storage')
    assert v['tuple'] == (1, 'two', None, 2.5, True), v['tuple']
    assert v['list'] == [1, 2, 3] and v['nested'] == {'a': [1, {'b': None}]}, (v['list'], v['nested'])
    assert type(v['nested']) is dict and v['big'] == 2 ** 40 and v['neg'] == -5, v
    print('OK plain values')

    s = torch.load(d + '/java_mlp.pt')
    assert type(s['state']) is collections.OrderedDict
    m = mlp()
    m.load_state_dict(s['state'])
    close('java mlp forward', m(s['x']).detach(), s['y'], 1e-6)

    s = torch.load(d + '/java_cnn.pt')
    c = cnn()
    c.load_state_dict(s['state'])
    assert c[1].num_batches_tracked.item() == 2, c[1].num_batches_tracked
    c.eval()
    close('java cnn forward (eval, BatchNorm running stats)', c(s['x']).detach(), s['y'], 1e-5)

    ck = torch.load(d + '/java_checkpoint.pt')
    assert ck['epoch'] == 3
    m = mlp()
    m.load_state_dict(ck['model'])
    opt = torch.optim.Adam(m.parameters(), lr=0.01)
    opt.load_state_dict(ck['optimizer'])
    adam_steps(m, opt, 2)
    want = torch.load(d + '/java_checkpoint_after2.pt')
    strict = torch.load(d + '/java_checkpoint_after2.pt', weights_only=True)  # only weights_only's opcodes and globals
    assert list(strict.keys()) == list(want.keys()) and type(strict) is collections.OrderedDict
    print('OK weights_only load')
    for k, p in m.state_dict().items():
        close('resumed in Python: ' + k, p, want[k], 1e-5)


def lstm():
    """The LSTM of the state-dict round trips: two layers, bidirectional, batch_first (16 tensors)."""
    return torch.nn.LSTM(3, 5, num_layers=2, batch_first=True, bidirectional=True)


def lstm_input():
    """A fixed batch of 2 sequences of 4 steps of 3 features (a formula both sides compute)."""
    return (torch.arange(24, dtype=torch.float32).reshape(2, 4, 3) / 5.0).sin()


def lstm_write(d):
    """The state dict alone, as torch.save(lstm.state_dict()) writes it, and separately its outputs on lstm_input()."""
    torch.manual_seed(4)
    m = lstm()
    torch.save(m.state_dict(), d + '/py_lstm_state.pt')
    with torch.no_grad():
        out, (h, c) = m(lstm_input())
    torch.save({'output': out, 'h_n': h, 'c_n': c}, d + '/py_lstm_out.pt')


def lstm_check(d):
    """Java's state dict loaded into a fresh nn.LSTM must reproduce Java's outputs on lstm_input()."""
    state = torch.load(d + '/java_lstm_state.pt')
    assert type(state) is collections.OrderedDict, type(state)
    m = lstm()
    assert list(state.keys()) == list(m.state_dict().keys()), list(state.keys())
    m.load_state_dict(state)  # strict: every key present, every shape right
    want = torch.load(d + '/java_lstm_out.pt')
    with torch.no_grad():
        out, (h, c) = m(lstm_input())
    close('java lstm output', out, want['output'], 1e-6)
    close('java lstm h_n', h, want['h_n'], 1e-6)
    close('java lstm c_n', c, want['c_n'], 1e-6)


if __name__ == '__main__':
    {'write': write, 'check': check, 'lstm_write': lstm_write, 'lstm_check': lstm_check}[sys.argv[1]](sys.argv[2])
