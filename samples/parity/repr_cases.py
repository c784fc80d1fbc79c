#!/usr/bin/python3
"""Records repr(tensor) of real PyTorch for torch4j's printing parity test (ReprParityTest).

Every case is rebuilt on the Java side from its recipe, so the file carries the exact inputs:
  case NAME
  opts PRECISION THRESHOLD EDGEITEMS LINEWIDTH SCI      (SCI: None|True|False; THRESHOLD may be inf)
  dtype DTYPE                                           (torch name without "torch.")
  shape D0 D1 ...                                       ("shape" alone: a 0-d tensor)
  data list V0 V1 ...      the values, row-major: repr(float) of the float64 value (exactly the
                           element after the cast) or an integer; complex dtypes list 2n values,
                           real and imaginary parts interleaved (view_as_real)
  data gen A M B SCALE     v_i = ((i*A) % M - B) * SCALE computed in float64 (int64 when SCALE is
                           an integer), then cast to DTYPE: large tensors without listing them
                           (complex: 2n such values, interleaved parts, view_as_complex)
  post OP                  none | rg (requires_grad_) | add1 (rg, then + 1) | mul2 (rg, then * 2)
                           | sum (rg, then .sum()) | t (.t() of a 2-d tensor) | mm0 (rg, @ zeros(k, 0))
                           quantized dtypes (quint8, qint8, qint32): the data is float32, then
                           qt:SCALE:ZERO_POINT (quantize_per_tensor) or
                           qc:AXIS:S0,S1,..:Z0,Z1,.. (quantize_per_channel, float64 scales, int64 zero points)
  lines K
  K lines of repr(tensor)
  end
Usage: /usr/bin/python3 samples/parity/repr_cases.py > samples/parity/recordings/repr_cases.txt
(ci/record-parity.sh runs it).
"""
import math
import sys

import torch

DTYPES = {
    "bool": torch.bool, "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16,
    "int32": torch.int32, "int64": torch.int64, "float16": torch.float16,
    "bfloat16": torch.bfloat16, "float32": torch.float32, "float64": torch.float64,
    "complex64": torch.complex64, "complex128": torch.complex128,
}
QDTYPES = {"quint8": torch.quint8, "qint8": torch.qint8, "qint32": torch.qint32}
DEFAULT_OPTS = (4, 1000, 3, 80, None)
out = []


def fmt_value(v, dt):
    if dt.is_floating_point:
        return repr(float(v))
    return str(int(v))


def build(dtype, shape, data):
    dt = DTYPES[dtype]
    n = math.prod(shape)
    if dt.is_complex:
        if data[0] == "list":
            v = torch.tensor([float(x) for x in data[1]], dtype=torch.float64)
        else:
            _, a, m, b, scale = data
            v = ((torch.arange(2 * n, dtype=torch.int64) * a) % m - b).to(torch.float64) * scale
        return torch.view_as_complex(v.reshape(n, 2)).to(dt).reshape(shape)
    if data[0] == "list":
        vals = data[1]
        if dt.is_floating_point:
            t = torch.tensor([float(v) for v in vals], dtype=torch.float64)
        else:
            t = torch.tensor([int(v) for v in vals], dtype=torch.int64)
        return t.to(dt).reshape(shape)
    _, a, m, b, scale = data
    i = torch.arange(n, dtype=torch.int64)
    base = (i * a) % m - b
    if isinstance(scale, int):
        t = base * scale
    else:
        t = base.to(torch.float64) * scale
    return t.to(dt).reshape(shape)


def quantize(t, dtype, post):
    p = post.split(":")
    if p[0] == "qt":
        return torch.quantize_per_tensor(t, float(p[1]), int(p[2]), QDTYPES[dtype])
    assert p[0] == "qc", post
    scales = torch.tensor([float(x) for x in p[2].split(",")], dtype=torch.float64)
    zero_points = torch.tensor([int(x) for x in p[3].split(",")], dtype=torch.int64)
    return torch.quantize_per_channel(t, scales, zero_points, int(p[1]), QDTYPES[dtype])


def apply_post(t, post):
    if post == "none":
        return t
    if post == "t":
        return t.t()
    t = t.detach().requires_grad_()
    if post == "rg":
        return t
    if post == "add1":
        return t + 1
    if post == "mul2":
        return t * 2
    if post == "sum":
        return t.sum()
    if post == "mm0":
        return t @ torch.zeros(t.shape[-1], 0, dtype=t.dtype)
    raise ValueError(post)


def case(name, dtype, shape, data, post="none", opts=DEFAULT_OPTS):
    precision, threshold, edgeitems, linewidth, sci = opts
    torch.set_printoptions(profile="default")
    torch.set_printoptions(precision=precision, threshold=threshold, edgeitems=edgeitems,
                           linewidth=linewidth, sci_mode=sci)
    quantized = dtype in QDTYPES
    t = build("float32" if quantized else dtype, shape, data)
    if data[0] == "list":
        # what the Java side rebuilds: the exact values after the cast
        flat = torch.view_as_real(t).reshape(-1) if t.dtype.is_complex else t.reshape(-1)
        data = ("list", [fmt_value(v, flat.dtype) for v in flat.tolist()])
    r = repr(quantize(t, dtype, post) if quantized else apply_post(t, post))
    torch.set_printoptions(profile="default")
    out.append("case " + name)
    out.append("opts %d %s %d %d %s" % (precision, "inf" if threshold == math.inf else int(threshold),
                                        edgeitems, linewidth, sci))
    out.append("dtype " + dtype)
    out.append(("shape " + " ".join(str(s) for s in shape)).rstrip())
    if data[0] == "list":
        out.append(("data list " + " ".join(data[1])).rstrip())
    else:
        out.append("data gen %d %d %d %r" % data[1:])
    out.append("post " + post)
    lines = r.split("\n")
    out.append("lines %d" % len(lines))
    out.extend(lines)
    out.append("end")


def rand_values(gen, dtype, n, scale=1.0):
    dt = DTYPES[dtype]
    if dt.is_complex:
        return (torch.randn(2 * n, generator=gen, dtype=torch.float64) * scale).tolist()
    if dt == torch.bool:
        return torch.randint(0, 2, (n,), generator=gen).tolist()
    if dt == torch.uint8:
        return torch.randint(0, 256, (n,), generator=gen).tolist()
    if not dt.is_floating_point:
        info = torch.iinfo(dt)
        lo, hi = max(info.min, -1000), min(info.max, 1000)
        return torch.randint(lo, hi + 1, (n,), generator=gen).tolist()
    return (torch.randn(n, generator=gen, dtype=torch.float64) * scale).tolist()


def random_cases(gen, count):
    """Random dtypes, shapes, magnitudes, special values and print options: the formatter's corners."""
    names = list(DTYPES)

    def pick(seq):
        return seq[int(torch.randint(0, len(seq), (1,), generator=gen))]

    def rint(lo, hi):
        return int(torch.randint(lo, hi + 1, (1,), generator=gen))

    for k in range(count):
        dtype = pick(names + ["float32", "float64", "float32", "float16"])
        rank = rint(0, 4)
        shape = tuple(rint(1, pick([2, 4, 9])) for _ in range(rank))
        n = math.prod(shape)
        dt = DTYPES[dtype]
        vals = rand_values(gen, dtype, n, 10.0 ** rint(-7, 10))
        if dt.is_floating_point or dt.is_complex:
            mode = rint(0, 4)
            if mode == 1:  # integral values
                vals = [float(round(v)) for v in vals]
            elif mode == 2:  # sprinkle specials and zeros
                vals = [pick(["nan", "inf", "-inf", "0.0", "-0.0", v, v]) for v in vals]
        opts = (rint(0, 8), pick([1000, 1000, rint(1, 40)]), rint(1, 4), rint(20, 150),
                pick([None, None, True, False]))
        post = pick(["none", "none", "none", "rg"]) if (dt.is_floating_point or dt.is_complex) else "none"
        case("random_%03d_%s" % (k, dtype), dtype, shape, ("list", vals), post=post, opts=opts)


def main():
    gen = torch.Generator().manual_seed(1234)
    shapes = [(), (5,), (2, 3), (2, 3, 4), (2, 1, 3, 2)]
    for dtype in DTYPES:
        for shape in shapes:
            n = math.prod(shape)
            case("%s_%s" % (dtype, "x".join(map(str, shape)) or "0d"), dtype, shape,
                 ("list", rand_values(gen, dtype, n)))
    # value ranges that choose the float formatter's modes
    for dtype in ("float32", "float64", "float16", "bfloat16"):
        case(dtype + "_scaled_up", dtype, (6,), ("list", rand_values(gen, "float64", 6, 1e3)))
        case(dtype + "_scaled_down", dtype, (6,), ("list", rand_values(gen, "float64", 6, 1e-3)))
        case(dtype + "_integral", dtype, (5,), ("list", [1, -2, 3, 40, 0]))
        case(dtype + "_integral_wide", dtype, (4,), ("list", [1, 2, 3000, -5]))
        case(dtype + "_specials", dtype, (6,), ("list", ["nan", "inf", "-inf", "-0.0", "1.5", "0.0"]))
        case(dtype + "_int_specials", dtype, (4,), ("list", ["nan", "inf", "2.0", "-7.0"]))
    for dtype in ("complex64", "complex128"):
        case(dtype + "_scaled_up", dtype, (4,), ("list", rand_values(gen, dtype, 4, 1e3)))
        case(dtype + "_integral", dtype, (3,), ("list", [1, -2, 3, 0, -0.0, 4]))
        case(dtype + "_specials", dtype, (3,), ("list", ["nan", "1.5", "inf", "-inf", "0.0", "-2.25"]))
        case(dtype + "_mixed_scale", dtype, (2, 2), ("list", [1e-5, 1.0, 2.5, -300.0, 0.5, 0.25, -1.0, 7.0]))
    case("complex64_summarised", "complex64", (40, 40), ("gen", 7919, 10007, 5003, 0.01))
    case("complex64_rg", "complex64", (2,), ("list", [1.0, 2.0, -3.0, 0.5]), post="rg")
    case("complex64_wrap", "complex64", (20,), ("gen", 7919, 10007, 5003, 0.125))
    case("float32_zeros", "float32", (2, 3), ("list", [0] * 6))
    case("float32_negzero", "float32", (3,), ("list", ["-0.0", "0.0", "-0.0"]))
    case("float32_nan_only", "float32", (2,), ("list", ["nan", "nan"]))
    case("float32_inf_only", "float32", (3,), ("list", ["inf", "-inf", "0.0"]))
    case("float32_0d_nan", "float32", (), ("list", ["nan"]))
    case("float64_huge", "float64", (3,), ("list", [1.5e8, 2.25, -3.0]))
    case("float64_huge_int", "float64", (3,), ("list", [1e9, 2.0, -3.0]))
    case("float64_tiny", "float64", (3,), ("list", [1.5e-5, 0.25, -0.5]))
    case("float64_ratio", "float64", (2,), ("list", [0.5, 600.5]))
    case("float64_round_half", "float64", (4,), ("list", [0.125, 2.5, 0.00005, 1.00005]))
    case("float64_round_0d", "float64", (), ("list", [2.5]))
    case("float64_carry", "float64", (3,), ("list", [9.99995, 0.99999, 1e-5 * 9.99999]))
    case("float64_large_values", "float64", (3,), ("list", [1e300, -1e-300, 5e-324]))
    case("int64_extremes", "int64", (3,), ("list", [-(2**63), 2**63 - 1, 0]))
    case("int64_width", "int64", (2, 3), ("list", [1, -100000, 22, 3, 4, 5]))
    case("bool_all_true", "bool", (3,), ("list", [1, 1, 1]))
    # wrapping at the line width
    case("float32_wrap_50", "float32", (50,), ("list", rand_values(gen, "float64", 50)))
    case("float32_wrap_2d", "float32", (4, 30), ("list", rand_values(gen, "float64", 120)))
    case("int64_wrap_100", "int64", (100,), ("gen", 37, 1001, 500, 1))
    case("uint8_wrap_3d", "uint8", (2, 2, 40), ("gen", 37, 256, 0, 1))
    case("bool_wrap", "bool", (40,), ("gen", 7, 2, 0, 1))
    # summarisation (more than 1000 elements)
    case("float32_1001", "float32", (1001,), ("gen", 7919, 10007, 5003, 0.015625))
    case("float32_100x100", "float32", (100, 100), ("gen", 7919, 10007, 5003, 0.001))
    case("float32_20x30x40", "float32", (20, 30, 40), ("gen", 7919, 10007, 5003, 0.25))
    case("float32_10x10x10x10", "float32", (10, 10, 10, 10), ("gen", 7919, 10007, 5003, 0.125))
    case("float32_1000x1000", "float32", (1000, 1000), ("gen", 7919, 100003, 50001, 0.01))
    case("float32_5x300", "float32", (5, 300), ("gen", 7919, 10007, 5003, 0.5))
    case("float32_300x5", "float32", (300, 5), ("gen", 7919, 10007, 5003, 0.5))
    case("float64_2000", "float64", (2000,), ("gen", 7919, 10007, 5003, 1e-7))
    case("float16_40x40", "float16", (40, 40), ("gen", 7919, 10007, 5003, 0.01))
    case("bfloat16_40x40", "bfloat16", (40, 40), ("gen", 7919, 10007, 5003, 0.01))
    case("int64_3000", "int64", (3000,), ("gen", 7919, 100003, 50001, 1))
    case("int32_50x50", "int32", (50, 50), ("gen", 7919, 10007, 5003, 1))
    case("int8_4x20x20", "int8", (4, 20, 20), ("gen", 37, 256, 128, 1))
    case("uint8_3x32x32", "uint8", (3, 32, 32), ("gen", 37, 256, 0, 1))
    case("bool_2000", "bool", (2000,), ("gen", 7, 3, 0, 1))
    case("int16_1x1x1001", "int16", (1, 1, 1001), ("gen", 37, 30011, 15000, 1))
    case("float32_integral_1500", "float32", (1500,), ("gen", 7919, 10007, 5003, 1))
    # print options
    wide = ("list", rand_values(gen, "float64", 12))
    case("opts_precision2", "float32", (12,), wide, opts=(2, 1000, 3, 80, None))
    case("opts_precision8", "float64", (12,), wide, opts=(8, 1000, 3, 80, None))
    case("opts_precision0", "float64", (12,), wide, opts=(0, 1000, 3, 80, None))
    case("opts_sci_true", "float32", (12,), wide, opts=(4, 1000, 3, 80, True))
    case("opts_sci_false", "float64", (3,), ("list", [1e-8, 1.0, 1e9]), opts=(4, 1000, 3, 80, False))
    case("opts_sci_true_zeros", "float32", (3,), ("list", [0, 0, 0]), opts=(4, 1000, 3, 80, True))
    case("opts_sci_true_int", "int64", (3,), ("list", [1, 2, 3]), opts=(4, 1000, 3, 80, True))
    case("opts_sci_true_integral", "float32", (3,), ("list", [1, 2, 3]), opts=(4, 1000, 3, 80, True))
    case("opts_linewidth40", "float32", (12,), wide, opts=(4, 1000, 3, 40, None))
    case("opts_linewidth120", "float32", (4, 12), ("gen", 7919, 10007, 5003, 0.001), opts=(4, 1000, 3, 120, None))
    case("opts_linewidth10", "int64", (8,), ("gen", 3, 100, 0, 1), opts=(4, 1000, 3, 10, None))
    case("opts_threshold5", "int64", (10,), ("gen", 1, 1000, 0, 1), opts=(4, 5, 3, 80, None))
    case("opts_threshold5_2d", "float32", (8, 8), ("gen", 7919, 10007, 5003, 0.5), opts=(4, 5, 3, 80, None))
    case("opts_edgeitems2", "float32", (30, 30), ("gen", 7919, 10007, 5003, 0.5), opts=(4, 10, 2, 80, None))
    case("opts_edgeitems1", "int64", (4, 5, 6), ("gen", 7919, 10007, 5003, 1), opts=(4, 10, 1, 80, None))
    case("opts_profile_short", "float32", (3000,), ("gen", 7919, 10007, 5003, 0.015625), opts=(2, 1000, 2, 80, None))
    case("opts_profile_full", "float32", (1200,), ("gen", 7919, 10007, 5003, 0.015625), opts=(4, math.inf, 3, 80, None))
    # empty tensors
    case("empty_float32", "float32", (0,), ("list", []))
    case("empty_int64", "int64", (0,), ("list", []))
    case("empty_bool", "bool", (0,), ("list", []))
    case("empty_complex64", "complex64", (0,), ("list", []))
    case("empty_float64_0x3", "float64", (0, 3), ("list", []))
    case("empty_float32_2x0x3", "float32", (2, 0, 3), ("list", []))
    case("empty_uint8_3x0", "uint8", (3, 0), ("list", []))
    case("empty_rg", "float32", (0,), ("list", []), post="rg")
    case("empty_linear_out", "float32", (2, 3), ("list", rand_values(gen, "float64", 6)), post="mm0")
    # autograd suffixes and layouts
    small = ("list", rand_values(gen, "float64", 6))
    case("suffix_requires_grad", "float32", (2, 3), small, post="rg")
    case("suffix_add", "float32", (2, 3), small, post="add1")
    case("suffix_mul_float64", "float64", (2, 3), small, post="mul2")
    case("suffix_sum", "float32", (2, 3), small, post="sum")
    case("suffix_newline", "float64", (2, 8), ("gen", 7919, 10007, 5003, 0.001), post="rg")
    case("suffix_newline_grad_fn", "float64", (2, 8), ("gen", 7919, 10007, 5003, 0.001), post="add1")
    case("suffix_wide_dtype", "int16", (21,), ("gen", 37, 30011, 15000, 1))
    case("suffix_fp16_rg", "float16", (3,), ("list", [1.5, -2.25, 3.0]), post="rg")
    case("transposed", "float32", (3, 4), ("gen", 7, 12, 6, 0.5), post="t")
    case("transposed_int", "int32", (3, 4), ("gen", 7, 12, 6, 1), post="t")
    # quantized tensors: the dequantized values, then size, dtype, scheme and its parameters
    case("q_quint8_per_tensor", "quint8", (2,), ("list", [0.5, 1.0]), post="qt:0.5:2")
    case("q_qint8_2x3", "qint8", (2, 3), ("list", [0.1, -0.25, 1.0, 3.3, -12.0, 0.0]), post="qt:0.1:-3")
    case("q_qint32_0d", "qint32", (), ("list", [3.0]), post="qt:0.5:2")
    case("q_qint32_tiny_scale", "qint32", (3,), ("list", [1e-5, 2.5e-4, -3e-3]), post="qt:1e-05:0")
    case("q_quint8_saturated", "quint8", (4,), ("list", [-100.0, 0.0, 1.5, 100.0]), post="qt:0.25:10")
    case("q_quint8_empty", "quint8", (0,), ("list", []), post="qt:0.5:2")
    case("q_qint8_empty_2x0", "qint8", (2, 0), ("list", []), post="qt:0.5:0")
    case("q_qint32_100x100", "qint32", (100, 100), ("gen", 7919, 10007, 5003, 0.001), post="qt:0.1:2")
    case("q_quint8_wrap", "quint8", (30,), ("gen", 7, 31, 5, 0.37), post="qt:0.05:7")
    case("q_qint8_per_channel", "qint8", (2, 2), ("list", [0.5, 1.0, 2.0, 3.0]), post="qc:0:0.1,0.2:0,1")
    case("q_quint8_per_channel_axis1", "quint8", (3, 4), ("gen", 7, 12, 6, 0.25),
         post="qc:1:0.1,0.05,0.2,0.5:0,3,5,10")
    case("q_qint32_per_channel_3d", "qint32", (2, 3, 2), ("gen", 5, 13, 6, 0.5), post="qc:2:0.25,1e-05:0,-4")
    random_cases(torch.Generator().manual_seed(99), 150)
    print("# repr(tensor) recorded by samples/parity/repr_cases.py with PyTorch %s; do not edit."
          % torch.__version__)
    print("\n".join(out))


if __name__ == "__main__":
    main()
