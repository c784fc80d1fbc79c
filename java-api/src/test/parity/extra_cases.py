"""Hand-written value cases for ops that PyTorch's OpInfo samples and the generic argument search
do not reach (structured inputs: conv weights of 3+ dims, RNN parameter lists, sorted sequences,
segment lengths, integer-valued Scalar overloads such as celu(x, long alpha)).

extra_cases(torch_name) -> [(label, {argument name: value})]. Values are keyed by PyTorch argument
name; a case may name both `self` and `input` so that the Tensor/Torch (ATen) and Functional
(Python) spellings of one op share it. The recorder fills defaults and keeps, per Java overload,
only the cases whose values fit that overload's parameter types (a `long` Scalar overload takes the
integer cases, the `double` one the float cases).
"""
import torch


def r(*shape, dtype=torch.float32):
    return torch.randn(shape, dtype=torch.float64).to(dtype)


def both(x, **kw):
    """The first tensor under both of PyTorch's names for it (`self` in ATen, `input` in F.*)."""
    return dict(self=x, input=x, **kw)


def _rnn(kind, gates):
    """(label, values) for the ATen rnn_tanh / rnn_relu / gru / lstm, padded and packed inputs."""
    h, i = 4, 3
    params = [r(gates * h, i), r(gates * h, h), r(gates * h), r(gates * h)]
    hx = [r(1, 2, h), r(1, 2, h)] if kind == "lstm" else r(1, 2, h)
    common = dict(params=params, has_biases=True, num_layers=1, dropout=0.0, train=False, bidirectional=False)
    return [
        ("rnn-padded", dict(input=r(5, 2, i), hx=hx, batch_first=False, **common)),
        ("rnn-batch-first", dict(input=r(2, 5, i), hx=hx, batch_first=True, **common)),
        ("rnn-packed", dict(data=r(7, i), batch_sizes=torch.tensor([2, 2, 2, 1]), hx=hx, **common)),
    ]


def _conv(dims):
    x = r(1, 2, *([5] * dims))
    w = r(3, 2, *([2] * dims))
    return [
        ("conv", dict(input=x, weight=w)),
        ("conv-bias", dict(input=x, weight=w, bias=r(3))),
        ("conv-stride-pad", dict(input=x, weight=w, bias=r(3), stride=[2] * dims, padding=[1] * dims)),
        ("conv-same", dict(input=x, weight=w, bias=r(3), stride=[1] * dims, padding="same")),
        ("conv-dilation-groups", dict(input=r(1, 4, *([5] * dims)), weight=r(4, 2, *([2] * dims)), bias=r(4),
                                      stride=[1] * dims, padding=[0] * dims, dilation=[2] * dims, groups=2)),
    ]


def _conv_transpose(dims):
    x = r(1, 2, *([3] * dims))
    w = r(2, 3, *([2] * dims))
    return [
        ("convT", dict(input=x, weight=w)),
        ("convT-bias", dict(input=x, weight=w, bias=r(3))),
        ("convT-stride", dict(input=x, weight=w, bias=r(3), stride=[2] * dims)),
        ("convT-stride-pad", dict(input=x, weight=w, bias=r(3), stride=[2] * dims, padding=[1] * dims)),
        ("convT-output-pad", dict(input=x, weight=w, bias=r(3), stride=[2] * dims, padding=[1] * dims,
                                  output_padding=[1] * dims)),
    ]


def _ctc():
    t, n, c = 6, 2, 4
    lp = r(t, n, c).log_softmax(2)
    targets = torch.tensor([[1, 2, 3], [2, 1, 0]])
    out = []
    for red in (1, "mean"), (0, "none"), (2, "sum"):
        out.append((f"ctc-lists-{red[1]}", dict(log_probs=lp, targets=targets, input_lengths=[6, 5],
                                                 target_lengths=[3, 2], blank=0, reduction=red[0], zero_infinity=False)))
        out.append((f"ctc-lists-{red[1]}-F", dict(log_probs=lp, targets=targets, input_lengths=[6, 5],
                                                   target_lengths=[3, 2], blank=0, reduction=red[1], zero_infinity=False)))
    out.append(("ctc-tensors", dict(log_probs=lp, targets=targets, input_lengths=torch.tensor([6, 5]),
                                    target_lengths=torch.tensor([3, 2]))))
    out.append(("ctc-lists", dict(log_probs=lp, targets=targets, input_lengths=[6, 5], target_lengths=[3, 2])))
    return out


def _scalar_variants(name, *pairs):
    """Cases for an activation with Scalar parameters: one with ints (the `long` overloads), one with floats."""
    x = r(3, 4) * 2
    ints = {k: iv for k, iv, _ in pairs}
    floats = {k: fv for k, _, fv in pairs}
    return [(f"{name}-int", both(x, **ints)), (f"{name}-float", both(x, **floats)),
            ("default", both(x))]


def _sorted_seq():
    return torch.tensor([-1.0, 0.0, 0.5, 2.0, 3.0])


def _coo(coalesced=True):
    """A 3x4 sparse COO matrix; uncoalesced: duplicate and unsorted indices."""
    if coalesced:
        return torch.sparse_coo_tensor(torch.tensor([[0, 1, 1, 2], [2, 0, 3, 1]]), r(4), (3, 4)).coalesce()
    return torch.sparse_coo_tensor(torch.tensor([[2, 0, 1, 0, 1], [1, 2, 3, 2, 0]]), r(5), (3, 4))


def _sparse_dense(rows=4, cols=6):
    """A dense matrix with zeros in a fixed pattern (the compressed layouts are built from it)."""
    d = r(rows, cols)
    d[torch.arange(rows * cols).reshape(rows, cols) % 3 == 1] = 0
    return d


def _block_dense():
    """A 4x6 matrix of 2x2 blocks, two of them zero (BSR/BSC inputs)."""
    d = r(4, 6)
    d[0:2, 2:4] = 0
    d[2:4, 0:2] = 0
    return d


def _q(shape=(1, 2, 4, 4), scale=0.1, zero_point=3, dtype=torch.quint8):
    return torch.quantize_per_tensor(r(*shape), scale, zero_point, dtype)


def _q_per_channel():
    return torch.quantize_per_channel(r(3, 4), torch.tensor([0.1, 0.05, 0.2], dtype=torch.float64),
                                      torch.tensor([0, 3, -2]), 0, torch.qint8)


def _c(*shape, dtype=torch.complex64):
    return torch.complex(r(*shape), r(*shape)).to(dtype)


def _pool_cuts(x, k, stride, pad, dil):
    """Cases at every overload cut of a max_pool(self, kernel_size, stride, padding, dilation, ceil_mode)."""
    return [("kernel", dict(self=x, kernel_size=k)),
            ("stride", dict(self=x, kernel_size=k, stride=stride)),
            ("padding", dict(self=x, kernel_size=k, stride=stride, padding=pad)),
            ("dilation", dict(self=x, kernel_size=k, stride=stride, padding=pad, dilation=dil)),
            ("ceil", dict(self=x, kernel_size=k, stride=stride, padding=pad, dilation=dil, ceil_mode=True))]


def _istft():
    sig = r(16)
    win = torch.hann_window(8)
    spec = torch.stft(sig, 8, hop_length=2, window=win, return_complex=True)
    full = torch.stft(sig, 8, hop_length=2, window=win, onesided=False, return_complex=True)
    return [("n_fft", dict(self=spec, n_fft=8)),
            ("hop", dict(self=spec, n_fft=8, hop_length=2)),
            ("win", dict(self=spec, n_fft=8, hop_length=2, win_length=8)),
            ("window", dict(self=spec, n_fft=8, hop_length=2, win_length=8, window=win)),
            ("onesided", dict(self=spec, n_fft=8, hop_length=2, win_length=8, window=win, center=True,
                              normalized=False, onesided=True)),
            ("normalized-length", dict(self=spec, n_fft=8, hop_length=2, win_length=8, window=win, center=True,
                                       normalized=True, onesided=True, length=14, return_complex=False)),
            ("two-sided-complex", dict(self=full, n_fft=8, hop_length=2, win_length=8, window=win, center=True,
                                       normalized=False, onesided=False, length=None, return_complex=True))]


def _conv_args(transposed=False):
    args = dict(self=r(1, 2, 5, 5), weight=r(2, 3, 3, 3) if transposed else r(3, 2, 3, 3), bias=r(3), z=r(1, 3, 3, 3),
                alpha=1.0, padding=[0, 0], stride=[1, 1], dilation=[1, 1], groups=1, benchmark=False,
                deterministic=False, allow_tf32=False, output_padding=[0, 0])
    return args


# Ops with no kernel for a CPU tensor in PyTorch 1.13 (cuDNN, MIOpen, CUDA batch-norm statistics,
# pinned memory), ops whose Java form PyTorch rejects for every input (sparse_compressed_tensor without
# the layout Java drops, align_as without the dimension names torch4j cannot set): their case is
# the error PyTorch raises for valid-looking CPU inputs (listed in parity/error-only.tsv).
CPU_ERROR_OPS = {
    "cudnn_affine_grid_generator", "cudnn_grid_sampler", "cudnn_batch_norm", "miopen_batch_norm", "batch_norm_stats",
    "batch_norm_elemt", "batch_norm_gather_stats", "batch_norm_gather_stats_with_counts", "batch_norm_backward_reduce",
    "batch_norm_backward_elemt", "cudnn_convolution", "cudnn_convolution_relu", "cudnn_convolution_add_relu",
    "cudnn_convolution_transpose", "miopen_convolution", "miopen_convolution_relu", "miopen_convolution_add_relu",
    "miopen_convolution_transpose", "miopen_depthwise_convolution", "miopen_rnn", "pin_memory",
    "sparse_compressed_tensor", "align_as", "indices_copy"}


def _cpu_error_cases(name):
    if name not in CPU_ERROR_OPS:
        return []
    bn = dict(input=r(2, 3, 4), weight=r(3), bias=r(3), running_mean=torch.zeros(3), running_var=torch.ones(3),
              training=True, exponential_average_factor=0.1, epsilon=1e-5, eps=1e-5, momentum=0.1,
              mean=r(3), invstd=torch.rand(3) + 0.5, count=4, counts=torch.tensor([4.0, 4.0]),
              grad_out=r(2, 3, 4), mean_dy=r(3), mean_dy_xmu=r(3), input_g=True, weight_g=True, bias_g=True)
    rnn = dict(input=r(5, 2, 3), weight=[r(4, 3), r(4, 4), r(4), r(4)], weight_stride0=4, hx=r(1, 2, 4), cx=None,
               mode=0, hidden_size=4, num_layers=1, batch_first=False, dropout=0.0, train=False, bidirectional=False,
               batch_sizes=[], dropout_state=None)
    table = {
        "cudnn_affine_grid_generator": dict(theta=r(2, 2, 3), N=2, C=3, H=4, W=5),
        "cudnn_grid_sampler": dict(self=r(1, 2, 4, 4), grid=torch.rand(1, 3, 3, 2) * 2 - 1),
        "cudnn_batch_norm": bn, "miopen_batch_norm": bn,
        "batch_norm_stats": bn, "batch_norm_elemt": bn, "batch_norm_gather_stats": bn,
        "batch_norm_gather_stats_with_counts": bn, "batch_norm_backward_reduce": bn, "batch_norm_backward_elemt": bn,
        "cudnn_convolution": _conv_args(), "cudnn_convolution_relu": _conv_args(),
        "cudnn_convolution_add_relu": _conv_args(), "cudnn_convolution_transpose": _conv_args(True),
        "miopen_convolution": _conv_args(), "miopen_convolution_relu": _conv_args(),
        "miopen_convolution_add_relu": _conv_args(), "miopen_convolution_transpose": _conv_args(True),
        "miopen_depthwise_convolution": _conv_args(),
        "miopen_rnn": rnn,
        "pin_memory": dict(self=r(2, 3)),
        "sparse_compressed_tensor": dict(compressed_indices=torch.tensor([0, 2, 3, 4]), plain_indices=torch.tensor([0, 2, 1, 3]),
                                         values=r(4), size=[3, 4]),
        "align_as": dict(self=r(2, 3), other=r(3, 2)),
        "indices_copy": dict(self=_coo()),
    }
    if name == "batch_norm_backward_elemt":
        table[name] = dict(bn, count=torch.tensor([4, 4], dtype=torch.int32))
    v = table[name]
    out = [("error:cpu", v)]
    if name == "cudnn_convolution_add_relu" or name == "miopen_convolution_add_relu":
        out.append(("error:cpu-int-alpha", dict(v, alpha=2)))
    if name == "sparse_compressed_tensor":
        out += [("error:no-layout-no-size", {k: x for k, x in v.items() if k != "size"}),
                ("error:no-layout-dtype", dict(v, dtype=torch.float64)),
                ("error:no-layout-no-size-dtype", dict({k: x for k, x in v.items() if k != "size"}, dtype=torch.float64))]
    if name == "pin_memory":
        out.append(("error:cpu-device", dict(self=r(2, 3), device="cpu")))
    return out


def _sparse_cases():
    coo = _coo
    crow = dict(crow_indices=torch.tensor([0, 2, 3, 4]), col_indices=torch.tensor([0, 2, 1, 3]), values=r(4))
    ccol = dict(ccol_indices=torch.tensor([0, 1, 2, 3, 4]), row_indices=torch.tensor([0, 2, 1, 0]), values=r(4))
    bcrow = dict(crow_indices=torch.tensor([0, 1, 2]), col_indices=torch.tensor([0, 1]), values=r(2, 2, 2))
    bccol = dict(ccol_indices=torch.tensor([0, 1, 2]), row_indices=torch.tensor([0, 1]), values=r(2, 2, 2))

    def ctor(base, size):
        return [("indices-values", dict(base)),
                ("size", dict(base, size=size)),
                ("dtype", dict(base, dtype=torch.float64)),
                ("size-dtype", dict(base, size=size, dtype=torch.float64))]
    hybrid = r(3, 4)
    hybrid[1] = 0
    return {
        "coalesce": [("uncoalesced", dict(self=coo(False))), ("coalesced", dict(self=coo()))],
        "is_coalesced": [("uncoalesced", dict(self=coo(False))), ("coalesced", dict(self=coo()))],
        "indices": [("coo", dict(self=coo()))],
        "values": [("coo", dict(self=coo())), ("hybrid", dict(self=hybrid.to_sparse(1)))],
        "values_copy": [("coo", dict(self=coo())), ("csr", dict(self=_sparse_dense().to_sparse_csr()))],
        "sparse_dim": [("coo", dict(self=coo())), ("hybrid", dict(self=hybrid.to_sparse(1)))],
        "dense_dim": [("coo", dict(self=coo())), ("hybrid", dict(self=hybrid.to_sparse(1)))],
        "crow_indices": [("csr", dict(self=_sparse_dense().to_sparse_csr())), ("bsr", dict(self=_block_dense().to_sparse_bsr([2, 2])))],
        "col_indices": [("csr", dict(self=_sparse_dense().to_sparse_csr())), ("bsr", dict(self=_block_dense().to_sparse_bsr([2, 2])))],
        "ccol_indices": [("csc", dict(self=_sparse_dense().to_sparse_csc())), ("bsc", dict(self=_block_dense().to_sparse_bsc([2, 2])))],
        "row_indices": [("csc", dict(self=_sparse_dense().to_sparse_csc())), ("bsc", dict(self=_block_dense().to_sparse_bsc([2, 2])))],
        "to_sparse": [("dense", dict(self=_sparse_dense())), ("sparse-dim-1", dict(self=hybrid, sparse_dim=1)),
                      ("sparse-dim-2", dict(self=_sparse_dense(), sparse_dim=2))],
        "to_sparse_csr": [("dense", dict(self=_sparse_dense()))],
        "to_sparse_csc": [("dense", dict(self=_sparse_dense()))],
        "to_sparse_bsr": [("2x2", dict(self=_block_dense(), blocksize=[2, 2]))],
        "to_sparse_bsc": [("2x2", dict(self=_block_dense(), blocksize=[2, 2]))],
        "smm": [("coo-dense", dict(self=coo(), mat2=r(4, 2)))],
        "hspmm": [("coo-dense", dict(mat1=coo(), mat2=r(4, 2)))],
        "sspaddmm": [("default", dict(self=coo(), mat1=coo(), mat2=r(4, 4))),
                     ("float", dict(self=coo(), mat1=coo(), mat2=r(4, 4), beta=0.5, alpha=2.5)),
                     ("int", dict(self=coo(), mat1=coo(), mat2=r(4, 4), beta=2, alpha=3))],
        "sparse_mask": [("coo", dict(self=r(3, 4), mask=coo()))],
        "resize_as_sparse": [("grow", dict(self=coo(), the_template=torch.sparse_coo_tensor(
            torch.tensor([[0, 3], [4, 1]]), r(2), (4, 5)).coalesce()))],
        "sparse_resize": [("grow", dict(self=coo(), size=[4, 5], sparse_dim=2, dense_dim=0))],
        "sparse_resize_and_clear": [("grow", dict(self=coo(), size=[4, 5], sparse_dim=2, dense_dim=0))],
        "native_norm": [("default", dict(self=coo())), ("p-float", dict(self=coo(), p=3.0)), ("p-int", dict(self=coo(), p=3)),
                        ("dims-float", dict(self=coo(), p=2.0, dim=[0, 1], keepdim=False, dtype=None)),
                        ("dims-int", dict(self=coo(), p=1, dim=[0, 1], keepdim=False, dtype=None)),
                        ("dims-dtype", dict(self=coo(), p=2.0, dim=[0, 1], keepdim=False, dtype=torch.float64))],
        "sparse_coo_tensor": [("size", dict(size=[2, 3])), ("size-dtype", dict(size=[2, 3], dtype=torch.float64))],
        "sparse_csr_tensor": ctor(crow, [3, 4]),
        "sparse_csc_tensor": ctor(ccol, [3, 4]),
        "sparse_bsr_tensor": ctor(bcrow, [4, 4]),
        "sparse_bsc_tensor": ctor(bccol, [4, 4]),
    }


SPARSE_OPS = {
    "coalesce", "is_coalesced", "indices", "indices_copy", "values", "values_copy", "sparse_dim", "dense_dim",
    "crow_indices", "col_indices", "ccol_indices", "row_indices", "to_sparse", "to_sparse_csr", "to_sparse_csc",
    "to_sparse_bsr", "to_sparse_bsc", "smm", "hspmm", "sspaddmm", "sparse_mask", "resize_as_sparse",
    "sparse_resize", "sparse_resize_and_clear", "native_norm", "sparse_coo_tensor", "sparse_csr_tensor",
    "sparse_csc_tensor", "sparse_bsr_tensor", "sparse_bsc_tensor"}
OTHER_LAYOUT_OPS = {
    "int_repr", "q_scale", "q_zero_point", "q_per_channel_scales", "q_per_channel_zero_points", "q_per_channel_axis",
    "dequantize", "quantized_max_pool1d", "quantized_max_pool2d", "quantized_batch_norm", "empty_quantized", "chalf",
    "imag", "polar", "view_as_complex", "view_as_complex_copy", "view_as_real", "view_as_real_copy", "istft",
    "to_mkldnn", "mkldnn_adaptive_avg_pool2d", "mkldnn_max_pool2d", "mkldnn_max_pool3d",
    "mkldnn_linear_backward_weights", "to_padded_tensor",
    "quantize_per_tensor", "quantize_per_channel", "quantize_per_tensor_dynamic"}


def _other_layout_cases():
    """Quantized, complex, MKL-DNN and nested inputs."""
    q = _q
    mk = lambda *s: r(*s).to_mkldnn()  # noqa: E731
    return {
        "int_repr": [("quint8", dict(self=q())), ("qint8", dict(self=q((3, 4), 0.05, -2, torch.qint8))),
                     ("per-channel", dict(self=_q_per_channel()))],
        "q_scale": [("quint8", dict(self=q()))],
        "q_zero_point": [("quint8", dict(self=q())), ("qint32", dict(self=q((5,), 0.01, 7, torch.qint32)))],
        "q_per_channel_scales": [("qint8", dict(self=_q_per_channel()))],
        "q_per_channel_zero_points": [("qint8", dict(self=_q_per_channel()))],
        "q_per_channel_axis": [("qint8", dict(self=_q_per_channel()))],
        "dequantize": [("quint8", dict(self=q())), ("per-channel", dict(self=_q_per_channel())),
                       ("list", dict(tensors=[q(), q((3, 4), 0.05, -2, torch.qint8)]))],
        "quantized_max_pool1d": _pool_cuts(q((2, 3, 6)), [2], [2], [1], [1]),
        # the kernel-only overload checks the generator's stride = kernel_size (LibTorch 2.10 alone reads
        # the default empty stride out of bounds)
        "quantized_max_pool2d": _pool_cuts(q(), [2, 2], [1, 1], [1, 1], [1, 1]),
        "quantized_batch_norm": [("nchw", dict(input=q(), weight=r(2), bias=r(2), mean=r(2), var=torch.rand(2) + 0.5,
                                               eps=1e-5, output_scale=0.2, output_zero_point=4))],
        "empty_quantized": [("like-quint8", dict(size=[2, 3], qtensor=q()))],
        # the target dtype is a quantized one (DType.QUINT8 / QINT8 / QINT32); one case per overload
        # (float qparams, tensor qparams, a list of tensors), rounding ties and saturation included
        "quantize_per_tensor": [
            ("quint8", dict(self=torch.tensor([0.1, -0.25, 1.0, 3.3, -12.0, 0.0, 30.0]), scale=0.1, zero_point=100,
                            dtype=torch.quint8)),
            ("qint8", dict(self=r(3, 4), scale=0.05, zero_point=-3, dtype=torch.qint8)),
            ("qint32", dict(self=r(2, 3), scale=1e-4, zero_point=7, dtype=torch.qint32)),
            ("tensor-qparams", dict(self=r(3, 4), scale=torch.tensor(0.1, dtype=torch.float64),
                                    zero_point=torch.tensor(5), dtype=torch.quint8)),
            ("tensors", dict(tensors=[r(3, 4), r(2)], scales=torch.tensor([0.1, 0.02], dtype=torch.float64),
                             zero_points=torch.tensor([3, -1]), dtype=torch.qint8))],
        "quantize_per_channel": [
            ("qint8-axis0", dict(self=r(3, 4), scales=torch.tensor([0.1, 0.05, 0.2], dtype=torch.float64),
                                 zero_points=torch.tensor([0, 3, -2]), axis=0, dtype=torch.qint8)),
            ("quint8-axis1", dict(self=r(2, 3), scales=torch.tensor([0.5, 0.05, 0.2], dtype=torch.float64),
                                  zero_points=torch.tensor([128, 3, 60]), axis=1, dtype=torch.quint8))],
        "quantize_per_tensor_dynamic": [
            ("quint8", dict(self=r(3, 4), dtype=torch.quint8, reduce_range=False)),
            ("quint8-reduce-range", dict(self=r(3, 4), dtype=torch.quint8, reduce_range=True)),
            ("qint8", dict(self=r(3, 4), dtype=torch.qint8, reduce_range=False))],
        "chalf": [("float", dict(self=r(3, 4)))],
        "imag": [("complex64", dict(self=_c(3, 4))), ("complex128", dict(self=_c(2, 3, dtype=torch.complex128)))],
        "polar": [("float", dict(abs=r(3, 4).abs(), angle=r(3, 4)))],
        "view_as_complex": [("float", dict(self=r(3, 4, 2)))],
        "view_as_complex_copy": [("float", dict(self=r(3, 4, 2)))],
        "view_as_real": [("complex64", dict(self=_c(3, 4))), ("complex128", dict(self=_c(2, 3, dtype=torch.complex128)))],
        "view_as_real_copy": [("complex64", dict(self=_c(3, 4)))],
        "istft": _istft,
        "to_mkldnn": [("float32", dict(self=r(2, 3, 4))), ("dtype", dict(self=r(2, 3, 4), dtype=torch.float32)),
                      ("dtype-bf16", dict(self=r(2, 3, 4), dtype=torch.bfloat16))],
        "mkldnn_adaptive_avg_pool2d": [("2x2", dict(self=mk(1, 2, 4, 4), output_size=[2, 2]))],
        "mkldnn_max_pool2d": _pool_cuts(mk(1, 2, 5, 5), [2, 2], [1, 1], [1, 1], [1, 1]),
        "mkldnn_max_pool3d": _pool_cuts(mk(1, 2, 4, 4, 4), [2, 2, 2], [1, 1, 1], [1, 1, 1], [1, 1, 1]),
        "mkldnn_linear_backward_weights": [
            # bias_defined=False leaves the bias gradient uninitialised (1.13 happened to give 0, 2.10 garbage)
            ("bias", dict(grad_output=mk(2, 4), input=mk(2, 3), weight=mk(4, 3), bias_defined=True))],
        "to_padded_tensor": [
            ("zero", dict(self=torch.nested.nested_tensor([r(2, 3), r(1, 3)]), padding=0.0)),
            ("size", dict(self=torch.nested.nested_tensor([r(2, 3), r(1, 3)]), padding=-1.0, output_size=[2, 3, 4]))],
    }


# Ops whose cases come only from this file: OpInfo's samples and the generic search are not used
# (their real (..., 2) istft inputs and float dequantize inputs are what LibTorch 2.10 rejects).
EXTRA_ONLY = {"istft", "dequantize", "quantize_per_tensor", "quantize_per_channel", "quantize_per_tensor_dynamic"}


def extra_only(name):
    """True when the recorder takes this op's cases only from extra_cases (no OpInfo, no generic search)."""
    return name in EXTRA_ONLY or name in CPU_ERROR_OPS


def extra_cases(name):
    """Hand-written value cases for the PyTorch op `name` (in-place names share the out-of-place cases)."""
    base = name[:-1] if name.endswith("_") and not name.endswith("__") else name
    table = {
        "bmm": lambda: [("batched", dict(self=r(2, 3, 4), mat2=r(2, 4, 5)))],
        "slogdet": lambda: [("square", dict(self=r(3, 3))), ("batched", dict(self=r(2, 3, 3)))],
        "float_power": lambda: [
            ("float64-scalar", dict(self=r(3, 4, dtype=torch.float64).abs(), exponent=2.5)),
            ("float64-int", dict(self=r(3, 4, dtype=torch.float64), exponent=2)),
            ("float64-tensor", dict(self=r(3, 4, dtype=torch.float64).abs(), exponent=r(3, 4, dtype=torch.float64)))],
        "is_nonzero": lambda: [("one-element", dict(self=torch.tensor([1.5]))),
                               ("zero", dict(self=torch.tensor([0.0])))],
        "repeat_interleave": lambda: [
            ("tensor-repeats", dict(self=r(3), repeats=torch.tensor([1, 2, 3]))),
            ("tensor-repeats-dim", dict(self=r(3, 2), repeats=torch.tensor([2, 0, 1]), dim=0)),
            ("tensor-repeats-dim-size", dict(self=r(3, 2), repeats=torch.tensor([2, 0, 1]), dim=0, output_size=3)),
            ("int-repeats-dim-size", dict(self=r(3, 2), repeats=2, dim=0, output_size=6)),
            ("repeats-only", dict(repeats=torch.tensor([1, 2, 3]))),
            ("repeats-only-size", dict(repeats=torch.tensor([1, 2, 3]), output_size=6))],
        "scatter": lambda: [
            ("value-reduce-add", dict(self=r(3, 4), dim=0, index=torch.tensor([[0, 1, 2, 0], [2, 0, 0, 1]]),
                                      value=2, reduce="add")),
            ("value-reduce-multiply", dict(self=r(3, 4), dim=1, index=torch.tensor([[0, 1], [2, 3], [1, 1]]),
                                           value=3, reduce="multiply"))],
        "affine_grid_generator": lambda: [("2d", dict(theta=r(2, 2, 3), size=[2, 3, 4, 5], align_corners=False)),
                                          ("3d", dict(theta=r(1, 3, 4), size=[1, 1, 2, 3, 4], align_corners=True))],
        "affine_grid": lambda: [("2d", dict(theta=r(2, 2, 3), size=[2, 3, 4, 5], align_corners=False)),
                                ("3d", dict(theta=r(1, 3, 4), size=[1, 1, 2, 3, 4], align_corners=True))],
        "bilinear": lambda: [("bias", dict(input1=r(2, 3), input2=r(2, 4), weight=r(5, 3, 4), bias=r(5))),
                             ("no-bias", dict(input1=r(2, 3), input2=r(2, 4), weight=r(5, 3, 4)))],
        "cartesian_prod": lambda: [("two", dict(tensors=[r(2), r(3)])), ("three", dict(tensors=[r(2), r(2), r(1)]))],
        "chain_matmul": lambda: [("three", dict(matrices=[r(2, 3), r(3, 4), r(4, 2)]))],
        "meshgrid": lambda: [("two", dict(tensors=[r(3), r(2)]))],
        "einsum": lambda: [("matmul", dict(equation="ij,jk->ik", tensors=[r(2, 3), r(3, 4)])),
                           ("trace-outer", dict(equation="i,j->ij", tensors=[r(3), r(2)])),
                           ("path", dict(equation="ij,jk,kl->il", tensors=[r(2, 3), r(3, 4), r(4, 2)], path=[1, 2, 0, 1]))],
        "conv1d": lambda: _conv(1), "conv2d": lambda: _conv(2), "conv3d": lambda: _conv(3),
        "conv_transpose1d": lambda: _conv_transpose(1), "conv_transpose2d": lambda: _conv_transpose(2),
        "conv_transpose3d": lambda: _conv_transpose(3),
        "convolution": lambda: [
            ("conv1d", dict(input=r(1, 2, 5), weight=r(3, 2, 3), bias=r(3), stride=[1], padding=[0], dilation=[1],
                            transposed=False, output_padding=[0], groups=1)),
            ("convT2d", dict(input=r(1, 2, 3, 3), weight=r(2, 3, 2, 2), bias=r(3), stride=[2, 2], padding=[0, 0],
                             dilation=[1, 1], transposed=True, output_padding=[1, 1], groups=1))],
        "conv_tbc": lambda: [("pad0", both(r(5, 2, 3), weight=r(3, 3, 4), bias=r(4))),
                             ("pad1", both(r(5, 2, 3), weight=r(3, 3, 4), bias=r(4), pad=1))],
        "cosine_embedding_loss": lambda: [
            ("mean", dict(input1=r(3, 4), input2=r(3, 4), target=torch.tensor([1.0, -1.0, 1.0]))),
            ("margin-sum", dict(input1=r(3, 4), input2=r(3, 4), target=torch.tensor([1.0, -1.0, -1.0]),
                                margin=0.25, reduction=2))],
        "ctc_loss": _ctc,
        "embedding_bag": lambda: [
            ("sum-offsets", dict(weight=r(10, 3), indices=torch.tensor([1, 2, 4, 5, 4, 3, 2, 9]),
                                 offsets=torch.tensor([0, 4]))),
            ("mean", dict(weight=r(10, 3), indices=torch.tensor([1, 2, 4, 5, 4, 3, 2, 9]), offsets=torch.tensor([0, 4]),
                          scale_grad_by_freq=False, mode=1, sparse=False, per_sample_weights=None,
                          include_last_offset=False, padding_idx=None)),
            ("max-padding", dict(weight=r(10, 3), indices=torch.tensor([1, 2, 4, 5, 4, 3, 2, 9]),
                                 offsets=torch.tensor([0, 4]), scale_grad_by_freq=False, mode=2, sparse=False,
                                 per_sample_weights=None, include_last_offset=False, padding_idx=2))],
        "gradient": lambda: [
            ("coordinates", dict(self=r(5), spacing=[torch.tensor([0.0, 1.0, 3.0, 4.0, 7.0])])),
            ("coordinates-dim", dict(self=r(5), spacing=[torch.tensor([0.0, 1.0, 3.0, 4.0, 7.0])], dim=0)),
            ("coordinates-dims", dict(self=r(5), spacing=[torch.tensor([0.0, 1.0, 3.0, 4.0, 7.0])], dim=[0])),
            ("coordinates-edge2", dict(self=r(5), spacing=[torch.tensor([0.0, 1.0, 3.0, 4.0, 7.0])], dim=0,
                                       edge_order=2))],
        "grid_sampler": lambda: [
            ("2d-bilinear", dict(input=r(1, 2, 4, 4), grid=torch.rand(1, 3, 3, 2) * 2 - 1, interpolation_mode=0,
                                 padding_mode=0, align_corners=False)),
            ("2d-nearest-border", dict(input=r(1, 2, 4, 4), grid=torch.rand(1, 3, 3, 2) * 2.4 - 1.2,
                                       interpolation_mode=1, padding_mode=1, align_corners=True))],
        "grid_sampler_2d": lambda: [
            ("bilinear", dict(input=r(1, 2, 4, 4), grid=torch.rand(1, 3, 3, 2) * 2 - 1, interpolation_mode=0,
                              padding_mode=0, align_corners=False))],
        "grid_sampler_3d": lambda: [
            ("bilinear", dict(input=r(1, 1, 3, 3, 3), grid=torch.rand(1, 2, 2, 2, 3) * 2 - 1, interpolation_mode=0,
                              padding_mode=0, align_corners=False))],
        "grid_sample": lambda: [
            ("bilinear", dict(input=r(1, 2, 4, 4), grid=torch.rand(1, 3, 3, 2) * 2 - 1, interpolation_mode=0,
                              padding_mode=0, align_corners=False)),
            ("nearest-border", dict(input=r(1, 2, 4, 4), grid=torch.rand(1, 3, 3, 2) * 2.4 - 1.2,
                                    interpolation_mode=1, padding_mode=1, align_corners=True))],
        "rnn_tanh": lambda: _rnn("rnn_tanh", 1), "rnn_relu": lambda: _rnn("rnn_relu", 1),
        "gru": lambda: _rnn("gru", 3), "lstm": lambda: _rnn("lstm", 4),
        "poisson": lambda: [("rates", dict(self=torch.rand(3, 4) * 3))],
        "searchsorted": lambda: [
            ("scalar-float", dict(sorted_sequence=_sorted_seq(), self=0.3)),
            ("scalar-int", dict(sorted_sequence=_sorted_seq(), self=2)),
            ("scalar-int-right", dict(sorted_sequence=_sorted_seq(), self=2, out_int32=True, right=True)),
            ("scalar-float-side", dict(sorted_sequence=_sorted_seq(), self=0.5, out_int32=False, right=False,
                                       side="right")),
            ("scalar-sorter", dict(sorted_sequence=torch.tensor([3.0, -1.0, 2.0, 0.0, 0.5]), self=1,
                                   out_int32=False, right=False, side=None, sorter=torch.tensor([1, 3, 4, 2, 0])))],
        "segment_reduce": lambda: [
            ("sum-lengths", dict(data=r(5, 3), reduce="sum", lengths=torch.tensor([2, 3]))),
            ("max-lengths", dict(data=r(5, 3), reduce="max", lengths=torch.tensor([2, 0, 3]))),
            ("mean-offsets", dict(data=r(5, 3), reduce="mean", lengths=None, indices=None,
                                  offsets=torch.tensor([0, 2, 5]))),
            ("mean-axis1", dict(data=r(3, 5), reduce="mean", lengths=torch.tensor([[2, 3], [1, 4], [5, 0]]),
                                indices=None, offsets=None, axis=1, unsafe=False))],
        "vander": lambda: [("default", dict(x=torch.tensor([1.0, 2.0, 3.0]))),
                           ("N", dict(x=torch.tensor([1.0, 2.0, 3.0]), N=4)),
                           ("increasing", dict(x=torch.tensor([1.0, 2.0, 3.0]), N=2, increasing=True)),
                           ("increasing-none", dict(x=torch.tensor([1, 2, 3]), N=None, increasing=True))],
        "celu": lambda: _scalar_variants("celu", ("alpha", 2, 0.5)),
        "elu": lambda: _scalar_variants("elu", ("alpha", 2, 0.5)),
        "hardshrink": lambda: _scalar_variants("hardshrink", ("lambd", 1, 0.75)),
        "softshrink": lambda: _scalar_variants("softshrink", ("lambd", 1, 0.75)),
        "hardtanh": lambda: _scalar_variants("hardtanh", ("min_val", -2, -0.5), ("max_val", 1, 0.5)),
        "leaky_relu": lambda: _scalar_variants("leaky_relu", ("negative_slope", 2, 0.2)),
        # training=False: the slope is (lower + upper) / 2, deterministic (the training form is random).
        "rrelu": lambda: _scalar_variants("rrelu", ("lower", 0, 0.1), ("upper", 1, 0.3))
        + [("lower-int", both(r(3, 4), lower=0))],
        "adaptive_max_pool3d": lambda: [("3d", dict(input=r(1, 2, 4, 4, 4), output_size=[2, 2, 2]))],
        "fold": lambda: [("2x2", dict(input=r(1, 12, 12), output_size=[4, 5], kernel_size=[2, 2], dilation=[1, 1],
                                      padding=[0, 0], stride=[1, 1]))],
        "fractional_max_pool2d": lambda: [("samples", dict(input=r(1, 2, 6, 6), kernel_size=[2, 2], output_size=[3, 3],
                                                           random_samples=torch.rand(1, 2, 2)))],
        "fractional_max_pool3d": lambda: [("samples", dict(input=r(1, 1, 5, 5, 5), kernel_size=[2, 2, 2],
                                                           output_size=[2, 2, 2], random_samples=torch.rand(1, 1, 3)))],
        "max_unpool2d": lambda: _unpool(2),
        "max_unpool3d": lambda: _unpool(3),
        "multi_margin_loss": lambda: [
            ("int", dict(input=r(3, 4), target=torch.tensor([0, 3, 1]), p=1, margin=2)),
            ("int-weight", dict(input=r(3, 4), target=torch.tensor([0, 3, 1]), p=2, margin=1, weight=r(4).abs())),
            ("int-sum", dict(input=r(3, 4), target=torch.tensor([0, 3, 1]), p=1, margin=1, weight=None,
                             reduction="sum"))],
        "nll_loss": lambda: [("2d", dict(input=r(3, 4).log_softmax(1), target=torch.tensor([0, 3, 1]))),
                             ("weight", dict(input=r(3, 4).log_softmax(1), target=torch.tensor([0, 3, 1]),
                                             weight=r(4).abs()))],
        "one_hot": lambda: [("classes", dict(input=torch.tensor([0, 2, 1]), num_classes=4)),
                            ("inferred", dict(input=torch.tensor([0, 2, 1])))],
        "clamp": lambda: [("min-max", both(r(3, 4), min=-0.5, max=0.5))],
        "where": lambda: [("condition", dict(condition=torch.rand(3, 4) > 0.5, self=r(3, 4), other=r(3, 4))),
                          ("scalar-other-float", dict(condition=torch.rand(3, 4) > 0.5, self=r(3, 4), other=2.0)),
                          ("scalar-other-int", dict(condition=torch.rand(3, 4) > 0.5, self=r(3, 4), other=2)),
                          ("scalar-self-float", dict(condition=torch.rand(3, 4) > 0.5, self=2.0, other=r(3, 4))),
                          ("scalar-self-int", dict(condition=torch.rand(3, 4) > 0.5, self=2, other=r(3, 4)))],
        "max_pool2d": lambda: [("2x2", dict(input=r(1, 2, 6, 6), kernel_size=[2, 2], stride=[2, 2], padding=[0, 0],
                                            dilation=[1, 1], ceil_mode=False)),
                               ("3x3-pad", dict(input=r(1, 2, 6, 6), kernel_size=[3, 3], stride=[2, 2], padding=[1, 1],
                                                dilation=[1, 1], ceil_mode=True))],
        "avg_pool3d": lambda: [("2x2x2", dict(input=r(1, 1, 4, 4, 4), kernel_size=[2, 2, 2], stride=[2, 2, 2],
                                              padding=[0, 0, 0]))],
        "native_group_norm": lambda: [("2-groups", dict(input=r(2, 4, 3), weight=r(4), bias=r(4), N=2, C=4, HxW=3,
                                                        group=2, eps=1e-5))],
        "randint": lambda: [("high", dict(high=5, size=[3])),
                            ("low-high", dict(low=2, high=6, size=[3, 4])),
                            ("low-high-dtype", dict(low=2, high=6, size=[3, 4], dtype=torch.int32))],
        "slice_scatter": lambda: [("rows", dict(self=r(4, 4), src=r(2, 4), dim=0, start=0, end=2, step=1)),
                                  ("cols-step", dict(self=r(4, 4), src=r(4, 2), dim=1, start=None, end=None, step=2))],
        "fake_quantize_per_tensor_affine": lambda: [
            ("scale-zero", dict(self=r(3, 4) * 3, scale=0.1, zero_point=5, quant_min=0, quant_max=255)),
            ("tensor-qparams", dict(self=r(3, 4) * 3, scale=torch.tensor([0.1]), zero_point=torch.tensor([5], dtype=torch.int32),
                                    quant_min=0, quant_max=255))],
        "fake_quantize_per_channel_affine": lambda: [
            ("axis1", dict(self=r(3, 4) * 3, scale=torch.tensor([0.1, 0.2, 0.05, 0.5]),
                           zero_point=torch.tensor([0, 5, 10, 0], dtype=torch.int32), axis=1, quant_min=0, quant_max=255))],
        # a source storage large enough for the view (1.13 grew a too-small storage, 2.10 rejects it)
        "set": lambda: [("fits", dict(self=r(2), source=r(12), storage_offset=0, size=[3, 4])),
                        ("fits-strided", dict(self=r(2), source=r(12), storage_offset=1, size=[2, 3], stride=[4, 1]))],
        "native_channel_shuffle": lambda: [("4d", both(r(1, 4, 2, 2), groups=2))],
        "channel_shuffle": lambda: [("4d", both(r(1, 4, 2, 2), groups=2))],
        # integer tensors: no gradient (PyTorch 1.13's backward leaves parts of self's gradient uninitialised)
        "as_strided_scatter": lambda: [("int64", dict(self=torch.arange(12).reshape(3, 4),
                                                     src=torch.tensor([[100, 101], [102, 103]]),
                                                     size=[2, 2], stride=[1, 2], storage_offset=None))],
        "mkldnn_convolution": lambda: [("dense", dict(self=r(1, 2, 5, 5), weight=r(3, 2, 3, 3), bias=r(3),
                                                      padding=[1, 1], stride=[1, 1], dilation=[1, 1], groups=1))],
        "fused_moving_avg_obs_fake_quant": lambda: [
            ("per-tensor", dict(self=r(3, 4), observer_on=torch.tensor([1]), fake_quant_on=torch.tensor([1]),
                                running_min=torch.tensor([0.0]), running_max=torch.tensor([0.0]),
                                scale=torch.tensor([1.0]), zero_point=torch.tensor([0], dtype=torch.int32),
                                averaging_const=0.01, quant_min=0, quant_max=255, ch_axis=0))],
    }
    if base in CPU_ERROR_OPS:
        return _cpu_error_cases(base)
    for k in ("crow_indices", "col_indices", "ccol_indices", "row_indices"):
        if base == k + "_copy":
            base = k
    if base in SPARSE_OPS:
        return _sparse_cases()[base]
    if base in OTHER_LAYOUT_OPS:
        v = _other_layout_cases()[base]
        return v() if callable(v) else v
    table["clip"] = table["clamp"]
    for n in ("adaptive_max_pool3d", "fractional_max_pool2d", "fractional_max_pool3d"):
        table[n + "_with_indices"] = table[n]
    f = table.get(name) or table.get(base)
    return f() if f else []


def _unpool(dims):
    x = r(1, 1, *([4] * dims))
    pool = torch.nn.functional.max_pool2d if dims == 2 else torch.nn.functional.max_pool3d
    out, idx = pool(x, 2, return_indices=True)
    return [("unpool", dict(input=out, indices=idx, output_size=[4] * dims, kernel_size=[2] * dims,
                            stride=[2] * dims, padding=[0] * dims))]
