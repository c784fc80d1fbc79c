#!/usr/bin/python3
"""Records Python indexing of real PyTorch for torch4j's IndexParityTest: x[...] and x[...] = v.

Format, one case per block:
  case NAME
  base DTYPE S0 S1 ...      x = (torch.arange(n) - n // 2).to(DTYPE).reshape(S) (float: * 0.5)
  idx TOKEN TOKEN ...       the index items, in order (nothing after "idx": x[()])
        iK             the integer K
        s:A:B:C        the slice A:B:C, an empty part is None
        E / N          Ellipsis / None
        T:DT:SHAPE:V   a tensor of dtype DT, shape SHAPE (comma separated, empty for 0-d), values V
        L:V            a Python list of ints (Java long[]); I:V the same list as Java int[]
        M:V            a Python list of bools (1/0; Java boolean[]);  b:1 / b:0  True / False
  op get                      r = x[idx]
  op put_scalar V             x[idx] = V; r = x
  op put_tensor DT SHAPE V    x[idx] = tensor; r = x
  then either
  result DTYPE S0 S1 ...      and   values V0 V1 ...   (floats as repr, bool as 1/0)
  or
  error PYTHON_EXCEPTION_TYPE MESSAGE (first line)
  end
Usage: /usr/bin/python3 samples/parity/index_cases.py > samples/parity/recordings/index_cases.txt
(ci/record-parity.sh runs it).
"""
import math

import torch

DTYPES = {
    "bool": torch.bool, "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16,
    "int32": torch.int32, "int64": torch.int64, "float16": torch.float16,
    "bfloat16": torch.bfloat16, "float32": torch.float32, "float64": torch.float64,
}
out = []


def base(dtype, shape):
    n = math.prod(shape)
    t = torch.arange(n, dtype=torch.int64) - n // 2
    dt = DTYPES[dtype]
    if dt.is_floating_point:
        t = t.to(torch.float64) * 0.5
    return t.to(dt).reshape(shape)


def csv(values):
    return ",".join(str(v) for v in values)


def parse_token(tok):
    if tok == "E":
        return Ellipsis
    if tok == "N":
        return None
    if tok.startswith("i"):
        return int(tok[1:])
    kind, _, rest = tok.partition(":")
    if kind == "s":
        parts = [int(p) if p else None for p in rest.split(":")]
        return slice(*parts)
    if kind == "T":
        dt, shape, vals = rest.split(":")
        shape = [int(s) for s in shape.split(",")] if shape else []
        vals = [int(v) for v in vals.split(",")] if vals else []
        return torch.tensor(vals, dtype=torch.int64).to(DTYPES[dt]).reshape(shape)
    if kind in ("L", "I"):
        return [int(v) for v in rest.split(",")]
    if kind == "M":
        return [bool(int(v)) for v in rest.split(",")]
    if kind == "b":
        return bool(int(rest))
    raise ValueError(tok)


def fmt_values(t):
    vals = t.reshape(-1).tolist()
    if t.dtype.is_floating_point:
        return " ".join(repr(float(v)) for v in vals)
    return " ".join(str(int(v)) for v in vals)


def case(name, dtype, shape, tokens, op="get", value=None):
    x = base(dtype, shape)
    idx = tuple(parse_token(t) for t in tokens)
    out.append("case " + name)
    out.append(("base %s " % dtype + " ".join(map(str, shape))).rstrip())
    out.append(("idx " + " ".join(tokens)).rstrip())
    try:
        if op == "get":
            out.append("op get")
            r = x[idx]
        elif op == "put_scalar":
            out.append("op put_scalar %r" % value)
            x[idx] = value
            r = x
        else:
            vdt, vshape, vals = value
            v = (torch.tensor(vals, dtype=torch.float64) if DTYPES[vdt].is_floating_point
                 else torch.tensor(vals, dtype=torch.int64)).to(DTYPES[vdt]).reshape(vshape)
            out.append("op put_tensor %s %s %s" % (vdt, csv(vshape), csv(fmt_values(v).split())))
            x[idx] = v
            r = x
        out.append(("result %s " % str(r.dtype).replace("torch.", "") + " ".join(map(str, r.shape))).rstrip())
        out.append(("values " + fmt_values(r)).rstrip())
    except Exception as e:  # recorded: the Java side must fail the same way
        if op != "get" and not out[-1].startswith("op"):
            out.append("op " + op)
        out.append("error %s %s" % (type(e).__name__, str(e).split("\n")[0]))
    out.append("end")


def main():
    f = "float32"
    s3 = (3, 4, 5)
    # integers and slices (basic indexing)
    case("int", f, s3, ["i1"])
    case("int_negative", f, s3, ["i-1"])
    case("ints_two", f, s3, ["i1", "i2"])
    case("ints_all", f, s3, ["i1", "i-2", "i3"])
    case("empty_index", f, s3, [])
    case("slice_all", f, s3, ["s::"])
    case("slice_from", f, s3, ["s:1:"])
    case("slice_to", f, s3, ["s::2"])
    case("slice_step", f, s3, ["s:::2"])
    case("slice_start_stop_step", f, s3, ["s::", "s:1:4:2"])
    case("slice_negative", f, s3, ["s:-2:", "s:-3:-1"])
    case("slice_past_end", f, s3, ["s:5:"])
    case("slice_clamped", f, s3, ["s:-10:10"])
    case("slice_empty_reversed", f, s3, ["s:2:1"])
    case("slice_then_int", f, s3, ["s::", "i1"])
    case("int_slice_int", f, s3, ["i0", "s:1:3", "i-1"])
    # ellipsis and None
    case("ellipsis_int", f, s3, ["E", "i1"])
    case("int_ellipsis", f, s3, ["i1", "E"])
    case("ellipsis_middle", f, s3, ["i0", "E", "i2"])
    case("ellipsis_alone", f, s3, ["E"])
    case("none_front", f, s3, ["N"])
    case("none_middle", f, s3, ["s::", "N"])
    case("none_end", f, s3, ["E", "N"])
    case("none_many", f, s3, ["N", "i1", "N", "E", "N", "i-1"])
    case("scalar_ellipsis", f, (), ["E"])
    case("scalar_none", f, (), ["N"])
    case("vector_int", "int64", (7,), ["i-7"])
    # advanced: integer tensors and lists
    case("tensor_1d", f, s3, ["T:int64:2:0,2"])
    case("tensor_negative", f, s3, ["T:int64:3:-1,0,-3"])
    case("tensor_2d", f, s3, ["T:int64:2,2:0,1,2,0"])
    case("tensor_int32", f, s3, ["T:int32:2:2,1"])
    case("tensor_0d", f, s3, ["T:int64::1"])
    case("list_long", f, s3, ["L:0,2,2"])
    case("list_int", f, s3, ["I:1,0"])
    case("tensors_broadcast", f, s3, ["T:int64:2,1:0,2", "T:int64:3:0,1,3"])
    case("tensors_pair", f, s3, ["T:int64:2:0,2", "T:int64:2:1,3"])
    case("tensors_adjacent_after_slice", f, s3, ["s::", "T:int64:2:0,3", "T:int64:2:1,4"])
    case("tensors_separated", f, s3, ["T:int64:2:0,2", "s::", "T:int64:2:1,4"])
    case("tensor_after_int", f, s3, ["i1", "T:int64:2:3,0"])
    case("tensor_and_slice", f, s3, ["s:1:", "T:int64:2:0,0"])
    case("tensor_ellipsis", f, s3, ["E", "T:int64:2:4,0"])
    case("tensor_none", f, s3, ["N", "T:int64:2:1,2"])
    case("tensor_empty", f, s3, ["T:int64:0:"])
    # boolean masks
    case("mask_dim0", f, s3, ["T:bool:3:1,0,1"])
    case("mask_2d", f, s3, ["T:bool:3,4:1,0,0,1,0,1,1,0,0,0,0,1"])
    case("mask_full", f, (2, 3), ["T:bool:2,3:1,0,1,0,1,1"])
    case("mask_after_slice", f, s3, ["s::", "T:bool:4:0,1,1,0"])
    case("mask_after_int", f, s3, ["i2", "T:bool:4:1,0,0,1"])
    case("mask_all_false", f, s3, ["T:bool:3:0,0,0"])
    case("mask_list", f, s3, ["M:0,1,1"])
    case("mask_true", f, (2, 3), ["b:1"])
    case("mask_false", f, (2, 3), ["b:0"])
    case("mask_uint8_int64_base", "int64", (2, 3), ["T:bool:2,3:0,0,1,1,0,1"])
    case("mask_and_tensor", f, s3, ["T:bool:3:1,0,1", "T:int64:2:1,2"])
    # other dtypes of the indexed tensor
    for dt in ("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float64"):
        case("dtype_" + dt, dt, (3, 4), ["s:::2", "T:int64:2:3,0"])
    # errors (IndexError in Python)
    case("err_int_out_of_range", f, s3, ["i3"])
    case("err_int_negative_out_of_range", f, s3, ["i-4"])
    case("err_second_int", f, s3, ["i0", "i4"])
    case("err_too_many", f, s3, ["i0", "i0", "i0", "i0"])
    case("err_tensor_out_of_range", f, s3, ["T:int64:2:0,5"])
    case("err_mask_shape", f, s3, ["T:bool:2:1,0"])
    case("err_scalar_int", f, (), ["i0"])
    case("err_float_tensor", f, s3, ["T:float32:1:0"])
    case("err_broadcast", f, s3, ["T:int64:2:0,1", "T:int64:3:0,1,2"])
    # assignment
    case("put_mask_scalar", f, s3, ["T:bool:3,4:1,0,0,1,0,1,1,0,0,0,0,1"], "put_scalar", 0.0)
    case("put_mask_full", f, (2, 3), ["T:bool:2,3:1,0,1,0,1,1"], "put_scalar", -7.5)
    case("put_slice_tensor", f, (3, 4), ["s::", "s:1:3"], "put_tensor", ("float32", (3, 2), [1, 2, 3, 4, 5, 6]))
    case("put_slice_broadcast", f, (3, 4), ["s::", "s:1:3"], "put_tensor", ("float32", (2,), [10, 20]))
    case("put_int_scalar", f, s3, ["i0"], "put_scalar", 5.0)
    case("put_ellipsis_column", f, s3, ["E", "i-1"], "put_tensor", ("float32", (4,), [1, 2, 3, 4]))
    case("put_tensor_index", f, s3, ["T:int64:2:2,0"], "put_scalar", 1.25)
    case("put_tensor_pairs", f, (3, 4), ["T:int64:2:0,2", "T:int64:2:1,3"], "put_tensor", ("float32", (2,), [-1, -2]))
    case("put_list", f, (3, 4), ["L:0,2", "L:1,3"], "put_scalar", 9.0)
    case("put_step", f, (3, 4), ["s:::2", "s:::3"], "put_scalar", 3.0)
    case("put_none", f, (3, 4), ["N", "i1"], "put_tensor", ("float32", (4,), [4, 3, 2, 1]))
    case("put_int64_mask", "int64", (2, 3), ["T:bool:2,3:0,1,1,0,0,1"], "put_scalar", 42)
    case("put_int64_fraction", "int64", (2, 3), ["i0"], "put_scalar", 2.75)
    case("put_int64_from_float", "int64", (2, 3), ["i1"], "put_tensor", ("float32", (3,), [1.5, -2.5, 3.9]))
    case("put_float16", "float16", (2, 3), ["s::", "i0"], "put_scalar", 0.1)
    case("put_bool", "bool", (2, 3), ["i0"], "put_scalar", 1.0)
    case("put_double_into_float32", f, (2, 2), ["i0", "i0"], "put_tensor", ("float64", (), [0.1]))
    case("put_err_shape", f, (3, 4), ["s::", "s:1:3"], "put_tensor", ("float32", (3,), [1, 2, 3]))
    case("put_err_out_of_range", f, (3, 4), ["i5"], "put_scalar", 1.0)
    print("# x[...] and x[...] = v recorded by samples/parity/index_cases.py with PyTorch %s; do not edit."
          % torch.__version__)
    print("\n".join(out))


if __name__ == "__main__":
    main()
