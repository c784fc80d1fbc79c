#!/usr/bin/python3
"""Records op parity cases from real PyTorch 1.13 for every op of the torch4j op spec.

Run with /usr/bin/python3 (Debian's python3-torch); re-record with ci/record-parity.sh --ops
(or directly: /usr/bin/python3 java-api/src/test/parity/record_parity.py [--spec PATH] [--out PATH]).

For every op of the spec (codegen/spec/ops.json; format in codegen/README.md) it writes cases:
  - PyTorch's own OpInfo samples (torch.testing._internal op_db), mapped to the schema's argument
    names; an OpInfo error input where one maps (PyTorch raises: Java must throw);
  - hand-written table cases (SPECIAL below): broadcasting, dtype promotion, empty, non-contiguous,
    errors;
  - for ops OpInfo lacks, a generic case found by trying typical values per argument type.
Each case holds every kept argument of the op by PyTorch name (defaults filled in), the output, and
for differentiable ops the gradient of sum_i (out_i * w_i).sum() w.r.t. each float input (w seeded).
Ops listed as "random" in tolerances.tsv record dtype and shape (Java checks properties) and, as "seeded", the
values after torch.manual_seed(SEED) (Java compares them for the ops listed in parity/seeded-random.tsv).

Encoding (JSON, gzipped): a tensor is {"dt": dtype, "sh": shape, "x": hex} for float dtypes
(float32/float16/bfloat16 as big-endian float32 bits, float64 as float64 bits: exact) or
{"dt", "sh", "v": [ints]} for integer/bool dtypes. A non-contiguous input is recorded as its
contiguous base plus "perm": the input is base.permute(perm) (same strides in Java and Python).
Arguments: {"T": tensor}, {"TL": [tensors]}, {"dtype": name} (also quint8/qint8/qint32), numbers, booleans, strings, int
lists, null; non-finite floats as the strings "inf", "-inf", "nan". Outputs: {"T"}, {"tuple": [...]},
{"list": [...]}, {"bool"|"int"|"float": value}.
"""
import argparse
import gzip
import hashlib
import itertools
import json
import math
import os
import random
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(HERE, "pystub"))  # expecttest stub for op_db
sys.path.insert(0, HERE)  # extra_cases.py

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from extra_cases import extra_cases, extra_only  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)

SEED = 1234
MAX_SAMPLES = 3          # OpInfo samples kept per op
MAX_NUMEL = 256          # per tensor, to keep the recording small
GENERIC_SECONDS = 4.0    # budget of the generic argument search per op (failing calls are slow; a loaded machine needs more)
FLOATS = (torch.float32, torch.float64, torch.float16, torch.bfloat16)
DT_NAME = {torch.float32: "float32", torch.float64: "float64", torch.float16: "float16",
           torch.bfloat16: "bfloat16", torch.int64: "int64", torch.int32: "int32",
           torch.int16: "int16", torch.int8: "int8", torch.uint8: "uint8", torch.bool: "bool"}
NAME_DT = {v: k for k, v in DT_NAME.items()}
# dtype arguments and results may also name a quantized dtype (org.torch4j.DType.QUINT8 / QINT8 / QINT32)
ARG_DT_NAME = {**DT_NAME, torch.quint8: "quint8", torch.qint8: "qint8", torch.qint32: "qint32"}
NAME_ARG_DT = {v: k for k, v in ARG_DT_NAME.items()}


class Unsupported(Exception):
    """A value this recording format (or torch4j) cannot carry, e.g. a complex tensor."""


# ------------------------------------------------------------------ encoding

LAYOUT_NAME = {torch.sparse_coo: "sparse_coo", torch.sparse_csr: "sparse_csr", torch.sparse_csc: "sparse_csc",
               torch.sparse_bsr: "sparse_bsr", torch.sparse_bsc: "sparse_bsc", torch._mkldnn: "mkldnn"}
COMPLEX_NAME = {torch.complex64: "complex64", torch.complex128: "complex128", torch.complex32: "complex32"}
QUANT_NAME = {torch.quint8: "quint8", torch.qint8: "qint8", torch.qint32: "qint32"}
NAME_COMPLEX = {v: k for k, v in COMPLEX_NAME.items()}
NAME_QUANT = {v: k for k, v in QUANT_NAME.items()}


def enc_special(t):
    """Encoding of a tensor that is not a strided real one (None for a strided real tensor):
    sparse and MKL-DNN layouts carry their dense values plus "layout" (COO also its exact indices and
    values, compressed layouts their blocksize); nested tensors their parts; complex tensors their
    view_as_real values under the complex dtype and shape; quantized tensors int_repr plus qparams."""
    if t.is_nested:
        return {"layout": "nested", "parts": [enc_tensor(p) for p in t.unbind()]}
    if t.layout in LAYOUT_NAME:
        d = enc_tensor(t.to_dense())
        d["layout"] = LAYOUT_NAME[t.layout]
        if t.layout == torch.sparse_coo:
            d["indices"] = enc_tensor(t._indices())
            d["values"] = enc_tensor(t._values())
            d["coalesced"] = bool(t.is_coalesced())
            d["sparse_dim"] = t.sparse_dim()
        elif t.layout in (torch.sparse_bsr, torch.sparse_bsc):
            d["blocksize"] = list(t.values().shape[1:3])
        return d
    if t.is_quantized:
        d = {"dt": QUANT_NAME[t.dtype], "sh": list(t.shape),
             "v": [int(v) for v in t.int_repr().contiguous().reshape(-1).tolist()]}
        if t.qscheme() in (torch.per_tensor_affine, torch.per_tensor_symmetric):
            d["qscale"] = float(t.q_scale())
            d["qzero"] = int(t.q_zero_point())
        else:
            d["qscales"] = [float(v) for v in t.q_per_channel_scales().tolist()]
            d["qzeros"] = [int(v) for v in t.q_per_channel_zero_points().tolist()]
            d["qaxis"] = int(t.q_per_channel_axis())
        return d
    if t.dtype in COMPLEX_NAME:
        c = t.resolve_conj().resolve_neg().contiguous()
        parts = torch.view_as_real(c.to(torch.complex64) if c.dtype == torch.complex32 else c).contiguous()
        d = enc_tensor(parts)
        d["dt"] = COMPLEX_NAME[t.dtype]
        d["sh"] = list(t.shape)
        return d
    return None


def enc_tensor(t):
    t = t.detach()
    if t._is_zerotensor():
        t = torch.zeros(t.shape, dtype=t.dtype)  # an efficient zero tensor has no memory numpy can read
    special = enc_special(t)
    if special is not None:
        return special
    if t.dtype not in DT_NAME:
        raise Unsupported(f"dtype {t.dtype}")
    if t.numel() > MAX_NUMEL * 4:
        raise Unsupported("too large")
    d = {"dt": DT_NAME[t.dtype]}
    if not t.is_contiguous() and t.dim() > 1:
        order = sorted(range(t.dim()), key=lambda i: -t.stride(i))
        base = t.permute(order).contiguous()
        perm = [order.index(i) for i in range(t.dim())]
        if base.permute(perm).stride() == t.stride():
            d["perm"] = perm
            t = base
        else:
            t = t.contiguous()
    d["sh"] = list(t.shape)
    if t.dtype in FLOATS:
        fmt = ">f8" if t.dtype == torch.float64 else ">f4"
        src = t if t.dtype == torch.float64 else t.float()
        d["x"] = src.contiguous().numpy().astype(fmt).tobytes().hex()
    else:
        d["v"] = [int(v) for v in t.contiguous().reshape(-1).tolist()]
    return d


def dec_plain(d):
    dt = NAME_DT[d["dt"]]
    if "x" in d:
        npdt = ">f8" if dt == torch.float64 else ">f4"
        arr = np.frombuffer(bytes.fromhex(d["x"]), dtype=npdt).astype(npdt[1:])
        t = torch.from_numpy(arr.copy()).reshape(d["sh"]).to(dt)
    else:
        t = torch.tensor(d["v"], dtype=torch.int64).reshape(d["sh"]).to(dt)
    return t


def dec_tensor(d):
    """The tensor an encoding describes (enc_special's kinds rebuilt the way OpParityTest rebuilds them)."""
    layout = d.get("layout")
    if layout == "nested":
        return torch.nested.nested_tensor([dec_tensor(p) for p in d["parts"]])
    if d["dt"] in NAME_COMPLEX:
        npdt = ">f8" if d["dt"] == "complex128" else ">f4"
        arr = np.frombuffer(bytes.fromhex(d["x"]), dtype=npdt).astype(npdt[1:])
        parts = torch.from_numpy(arr.copy()).reshape(list(d["sh"]) + [2])
        c = torch.view_as_complex(parts).clone()
        return c.to(torch.complex32) if d["dt"] == "complex32" else c
    if d["dt"] in NAME_QUANT:
        q = torch.tensor(d["v"], dtype=torch.int64).reshape(d["sh"])
        if "qscale" in d:
            f = ((q - d["qzero"]).float() * d["qscale"])
            return torch.quantize_per_tensor(f, d["qscale"], d["qzero"], NAME_QUANT[d["dt"]])
        shape = [1] * len(d["sh"])
        shape[d["qaxis"]] = -1
        scales = torch.tensor(d["qscales"], dtype=torch.float64)
        zeros = torch.tensor(d["qzeros"], dtype=torch.int64)
        f = ((q - zeros.reshape(shape)).double() * scales.reshape(shape)).float()
        return torch.quantize_per_channel(f, scales, zeros, d["qaxis"], NAME_QUANT[d["dt"]])
    if layout == "sparse_coo":
        t = torch.sparse_coo_tensor(dec_tensor(d["indices"]), dec_tensor(d["values"]), d["sh"])
        return t.coalesce() if d["coalesced"] else t
    dense = dec_plain(d)
    if layout == "sparse_csr":
        return dense.to_sparse_csr()
    if layout == "sparse_csc":
        return dense.to_sparse_csc()
    if layout == "sparse_bsr":
        return dense.to_sparse_bsr(d["blocksize"])
    if layout == "sparse_bsc":
        return dense.to_sparse_bsc(d["blocksize"])
    if layout == "mkldnn":
        return dense.to_mkldnn()
    return dense


def view_of(base, d):
    return base.permute(d["perm"]) if "perm" in d else base


def is_plain(d):
    """A strided real float/int tensor encoding (what gradients and permuted views apply to)."""
    return "layout" not in d and d["dt"] in NAME_DT


def enc_float(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc_arg(v):
    if isinstance(v, torch.Tensor):
        return {"T": enc_tensor(v)}
    if isinstance(v, torch.dtype):
        if v not in ARG_DT_NAME:
            raise Unsupported(f"dtype {v}")
        return {"dtype": ARG_DT_NAME[v]}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return enc_float(v)
    if isinstance(v, (list, tuple)):
        if len(v) > 0 and all(isinstance(e, torch.Tensor) for e in v):
            return {"TL": [enc_tensor(e) for e in v]}
        if all(isinstance(e, int) and not isinstance(e, bool) for e in v):
            return list(v)
        if all(isinstance(e, (int, float)) and not isinstance(e, bool) for e in v):
            return [enc_float(float(e)) for e in v]
    raise Unsupported(f"argument of type {type(v).__name__}")


def dec_arg(a, leaves, name, rg):
    """Builds the Python value of an encoded argument; float tensors named in rg become leaves."""
    if isinstance(a, dict):
        if "T" in a:
            base = dec_tensor(a["T"])
            if name in rg:
                base.requires_grad_(True)
                leaves[name] = (base, a["T"])
            return view_of(base, a["T"])
        if "TL" in a:
            out = []
            for i, d in enumerate(a["TL"]):
                base = dec_tensor(d)
                key = f"{name}.{i}"
                if key in rg:
                    base.requires_grad_(True)
                    leaves[key] = (base, d)
                out.append(view_of(base, d))
            return out
        if "dtype" in a:
            return NAME_ARG_DT[a["dtype"]]
    if isinstance(a, str) and a in ("nan", "inf", "-inf"):
        return float(a)
    if isinstance(a, list):
        return [float(e) if isinstance(e, str) else e for e in a]
    return a


def enc_out(v):
    if isinstance(v, torch.Tensor):
        return {"T": enc_tensor(v)}
    if isinstance(v, tuple):
        return {"tuple": [enc_out(e) for e in v]}
    if isinstance(v, list):
        return {"list": [enc_out(e) for e in v]}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": v}
    if isinstance(v, float):
        return {"float": enc_float(v)}
    if isinstance(v, torch.dtype):
        if v not in ARG_DT_NAME:
            raise Unsupported(f"dtype {v}")
        return {"dtype": ARG_DT_NAME[v]}
    if v is None:
        return None
    raise Unsupported(f"output of type {type(v).__name__}")


def out_tensors(v):
    if isinstance(v, torch.Tensor):
        return [v]
    if isinstance(v, (tuple, list)):
        return [t for e in v for t in out_tensors(e)]
    return []


# ------------------------------------------------------------------ the spec

def op_key(op):
    """The Java method's signature: the identity of a case's op in recording and test."""
    return f"{op['ns']}.{op['java']}({','.join(p['java'] for p in op['params'])})"


class Arg:
    def __init__(self, name, type_, kwarg_only, has_default, default):
        self.name, self.type, self.kwarg_only = name, type_, kwarg_only
        self.has_default, self.default = has_default, default


def parse_default(s):
    if s is None:
        return False, None
    s = str(s).strip()
    table = {"None": None, "True": True, "False": False, "Mean": 1, "Sum": 2, "None_": 0,
             "contiguous_format": None, "[]": []}
    if s in table:
        return True, table[s]
    try:
        import ast
        return True, ast.literal_eval(s)
    except Exception:
        return True, s.strip('"\'')


def aten_path(schema, spec_names=None):
    """(callable, [Arg]) calling the ATen overload a schema string names, or None. With spec_names,
    the schema's leading arguments take the spec's names by position (F.embedding's `input` is
    ATen's `indices`)."""
    try:
        s = torch._C.parse_schema(schema if "::" in schema else "aten::" + schema)
        from torchgen.model import FunctionSchema
        fs = FunctionSchema.parse(schema.split("::", 1)[-1])
        fn = getattr(getattr(torch.ops.aten, s.name.split("::")[-1]), s.overload_name or "default")
    except Exception:  # noqa: BLE001
        return None
    types = {a.name: str(a.type) for a in fs.arguments.flat_all}
    args = [Arg(a.name, types.get(a.name, str(a.type)), a.kwarg_only, a.has_default_value(),
                a.default_value) for a in s.arguments]
    aten_names = [a.name for a in args]
    if spec_names is not None:
        if len(spec_names) > len(args):
            return None
        # An ATen argument keeps its name when the spec has it (F.grid_sample reorders ATen's
        # arguments); the others take the spec's remaining names in order (F.embedding's `input`
        # is ATen's `indices`).
        rest = [n for n in spec_names if n not in aten_names]
        for a in args:
            if a.name not in spec_names and rest:
                a.name = rest.pop(0)
        if rest or len({a.name for a in args}) != len(args):
            return None

    def call(values, fn=fn, args=args, aten_names=aten_names):
        pos = [values[a.name] for a in args if not a.kwarg_only]
        kw = {an: values[a.name] for a, an in zip(args, aten_names) if a.kwarg_only}
        return fn(*pos, **kw)
    return call, args


def python_names(schema):
    """Argument names of a Python signature string such as 'F.elu(input, alpha=1.0, inplace=False)'."""
    inner = schema[schema.find("(") + 1: schema.rfind(")")]
    return [p.split("=")[0].strip().lstrip("*") for p in inner.split(",") if p.strip() and p.strip() != "*"]


def python_required(schema):
    """Names of a Python signature's arguments without a default (F.max_unpool2d's kernel_size)."""
    inner = schema[schema.find("(") + 1: schema.rfind(")")]
    return [p.strip().lstrip("*") for p in inner.split(",") if p.strip() and "=" not in p and p.strip() != "*"]


def python_defaults(schema):
    """name -> default text of a Python signature string (PyTorch's Python defaults, e.g. padding_idx=None)."""
    inner = schema[schema.find("(") + 1: schema.rfind(")")]
    out = {}
    for p in inner.split(","):
        if "=" in p:
            k, v = p.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def schema_args(op):
    """(callable, [Arg]) for an op: the aten overload when the schema names one; for Functional,
    PyTorch's torch.nn.functional when the spec's parameters are its arguments, else the ATen op
    the Java method calls (spec "aten")."""
    names = [p["name"] for p in op["params"]]
    if op["ns"] != "Functional":
        r = aten_path(op["schema"])
        if r is not None:
            return r
    elif op.get("aten") and (not set(names) <= set(python_names(op["schema"]))
                             or not set(python_required(op["schema"])) <= set(names)):
        r = aten_path(op["aten"], names)
        if r is not None and op["returns"] == "Tensor":
            aten_call = r[0]

            def first(values, aten_call=aten_call):
                out = aten_call(values)  # F.fractional_max_pool2d without return_indices: the output only
                return out[0] if isinstance(out, tuple) else out
            r = (first, r[1])
        if r is not None:
            return r
    # Python-level API (e.g. nn.functional wrappers): the spec's params are the arguments.
    first = [] if op["ns"] != "Tensor" else [Arg("self", "Tensor", False, False, None)]
    pydefaults = python_defaults(op["schema"])
    args = first + [Arg(p["name"], java_to_schema(p["java"]), False,
                        *parse_default(pydefaults.get(p["name"], p.get("default"))))
                    for p in op["params"]]
    target = {"Torch": torch, "Functional": F}.get(op["ns"])

    def call(values, op=op, args=args, target=target):
        kw = {a.name: values[a.name] for a in args[1:]}
        if op["ns"] == "Tensor":
            return getattr(values["self"], op["torch"])(**kw)
        if op["ns"] == "Functional":
            return getattr(target, op["torch"])(**{a.name: values[a.name] for a in args})
        return getattr(target, op["torch"])(values[args[0].name], **kw)
    return call, args


def java_to_schema(j):
    j = j.replace(" ", "")
    return {"Tensor": "Tensor?", "Tensor[]": "Tensor[]", "List<Tensor>": "Tensor[]", "long": "int",
            "int": "int", "double": "float", "float": "float", "boolean": "bool", "Long": "int?",
            "Double": "float?", "Boolean": "bool?", "long[]": "int[]", "long...": "int[]",
            "DType": "ScalarType?", "String": "str", "Reduction": "str", "Device": "Device?",
            "Tensor...": "Tensor[]"}.get(j, j)


# ------------------------------------------------------------------ which values fit which argument

def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def fits_schema(v, t):
    opt = t.endswith("?")
    base = t.rstrip("?")
    if v is None:
        return opt
    if isinstance(v, torch.Tensor):
        return base == "Tensor"
    if isinstance(v, (list, tuple)) and v and all(isinstance(e, torch.Tensor) for e in v):
        return base in ("Tensor[]", "Tensor?[]")
    if isinstance(v, torch.dtype):
        return base == "ScalarType"
    if isinstance(v, bool):
        return base in ("bool", "Scalar")
    if is_int(v):
        return base in ("int", "SymInt", "Scalar", "float") or base.startswith(("int[", "SymInt["))
    if isinstance(v, float):
        return base in ("float", "Scalar")
    if isinstance(v, str):
        return base == "str"
    if isinstance(v, (list, tuple)):
        if all(is_int(e) for e in v):
            return base.startswith(("int[", "SymInt[")) or (base.startswith("float[") and len(v) > 0)
        if all(isinstance(e, (int, float)) and not isinstance(e, bool) for e in v):
            return base.startswith("float[")
    return False


def fits_java(v, j):
    j = j.replace(" ", "")
    if v is None:
        return j not in ("long", "int", "double", "float", "boolean", "long[]", "long...", "int[]",
                         "double[]")
    if isinstance(v, torch.Tensor):
        return j == "Tensor"
    if isinstance(v, (list, tuple)) and v and all(isinstance(e, torch.Tensor) for e in v):
        return j in ("Tensor[]", "Tensor...", "List<Tensor>")
    if isinstance(v, torch.dtype):
        return j == "DType"
    if isinstance(v, bool):
        return j in ("boolean", "Boolean", "Scalar")
    if is_int(v):
        return j in ("long", "Long", "int", "Integer", "double", "Double", "Scalar", "Number",
                     "long[]", "long...", "int[]")
    if isinstance(v, float):
        return j in ("double", "Double", "float", "Float", "Scalar", "Number")
    if isinstance(v, str):
        return j == "String" or (j not in ("long", "double", "boolean") and j[:1].isupper() and j != "Tensor")
    if isinstance(v, (list, tuple)):
        if all(is_int(e) for e in v):
            return j in ("long[]", "long...", "int[]", "double[]", "double...")
        return j in ("double[]", "double...")
    return False


# ------------------------------------------------------------------ running one case

class Case:
    def __init__(self, label, values):
        self.label, self.values = label, values


def same_default(v, d):
    if isinstance(v, torch.Tensor) or isinstance(d, torch.Tensor):
        return False
    if isinstance(v, (list, tuple)) and isinstance(d, (list, tuple)):
        return list(v) == list(d)
    if isinstance(v, (list, tuple)) and is_int(d):
        return list(v) == [d]
    return v == d and type(v) == type(d) or (v is None and d is None) or (is_int(v) and is_int(d) and v == d)


def complete(op, args, values):
    """Every schema argument filled (defaults), the kept ones type-checked; None when it does not fit."""
    kept = {p["name"]: p for p in op["params"]}
    out = {}
    for a in args:
        if a.name in values:
            v = values[a.name]
        elif a.has_default:
            v = a.default
        else:
            return None
        if a.name == "self" and op["ns"] == "Tensor":
            if not isinstance(v, torch.Tensor):
                return None
        elif a.name in kept:
            if not fits_schema(v, a.type) or not fits_java(v, kept[a.name]["java"]):
                return None
            v = coerce(v, kept[a.name]["java"])
        elif not (a.has_default and same_default(v, a.default)):
            return None  # a dropped argument must keep its default: Java cannot pass it
        out[a.name] = v
    return out


def coerce(v, j):
    """The value Java will pass: a Python int given to a Java double parameter becomes a float (2 -> 2.0)."""
    j = j.replace(" ", "")
    if j in ("double", "Double", "float", "Float") and is_int(v):
        return float(v)
    if j in ("double[]", "double...") and isinstance(v, (list, tuple)):
        return [float(e) for e in v]
    if j in ("long[]", "long...") and is_int(v):
        return [v]
    return v


def java_args(op):
    names = [p["name"] for p in op["params"]]
    return (["self"] if op["ns"] == "Tensor" else []) + names


def run_case(op, call, args, values, random_op, inplace):
    """The recorded case for fully specified values, or (None, why)."""
    names = java_args(op)
    enc = {n: enc_arg(values[n]) for n in names}
    # Arguments dropped from the Java method keep their default: Python passes them as defaults too.
    hidden = {a.name: values[a.name] for a in args if a.name not in names}

    def build(rg):
        leaves = {}
        vals = {n: dec_arg(enc[n], leaves, n, rg) for n in names}
        vals.update(hidden)
        return vals, leaves

    vals, _ = build(set())
    torch.manual_seed(SEED)
    try:
        out = call(vals)
    except Exception as e:  # noqa: BLE001
        return None, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    case = {"args": enc}
    if random_op:
        case["random"] = True
        case["out"] = enc_out_meta(out)
        try:
            case["seeded"] = enc_out(out)  # the values after torch.manual_seed(SEED): compared where LibTorch agrees
        except Unsupported:
            pass
        return case, None
    case["out"] = enc_out(out)
    if inplace:
        return case, None
    # Gradients: float32/float64 tensor inputs require grad.
    rg = set()
    for n in names:
        a = enc[n]
        if isinstance(a, dict) and "T" in a and is_plain(a["T"]) and a["T"]["dt"] in ("float32", "float64"):
            rg.add(n)
        if isinstance(a, dict) and "TL" in a:
            rg.update(f"{n}.{i}" for i, d in enumerate(a["TL"]) if is_plain(d) and d["dt"] in ("float32", "float64"))
    if not rg:
        return case, None
    vals, leaves = build(rg)
    try:
        torch.manual_seed(SEED)
        gout = call(vals)
        outs = out_tensors(gout)
        g = torch.Generator().manual_seed(SEED + 1)
        ws, loss = [], None
        for t in outs:
            if t.dtype in (torch.float32, torch.float64) and t.requires_grad and t.layout == torch.strided \
                    and not t.is_nested:
                w = torch.randn(t.shape, generator=g, dtype=torch.float64).to(t.dtype)
                ws.append(enc_tensor(w))
                term = (t * w).sum()
                loss = term if loss is None else loss + term
            else:
                ws.append(None)
        if loss is None:
            return case, None
        keys = sorted(leaves)
        grads = torch.autograd.grad(loss, [leaves[k][0] for k in keys], allow_unused=True)
    except Exception as e:  # noqa: BLE001
        case["nograd"] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"[:200]
        return case, None
    case["rg"] = sorted(rg)
    case["w"] = ws
    case["grads"] = {k: (None if gr is None else enc_tensor(view_of(gr, leaves[k][1])))
                     for k, gr in zip(keys, grads)}
    return case, None


def enc_out_meta(v):
    if isinstance(v, torch.Tensor):
        if v.is_quantized and v.qscheme() == torch.per_tensor_affine:
            return {"T": {"dt": QUANT_NAME[v.dtype], "sh": list(v.shape), "qscale": float(v.q_scale()),
                          "qzero": int(v.q_zero_point())}}
        return {"T": {"dt": DT_NAME.get(v.dtype, QUANT_NAME.get(v.dtype, str(v.dtype))), "sh": list(v.shape)}}
    if isinstance(v, (tuple, list)):
        return {"tuple" if isinstance(v, tuple) else "list": [enc_out_meta(e) for e in v]}
    return enc_out(v)


def run_error(op, call, args, values):
    names = java_args(op)
    enc = {n: enc_arg(values[n]) for n in names}
    vals = {n: dec_arg(enc[n], {}, n, set()) for n in names}
    vals.update({a.name: values[a.name] for a in args if a.name not in names})
    try:
        call(vals)
    except Exception as e:  # noqa: BLE001
        return {"args": enc, "error": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"[:300]}
    return None


# ------------------------------------------------------------------ sources of cases

def g_randn(*shape, dtype=torch.float32):
    return torch.randn(shape, dtype=torch.float64).to(dtype)


def special_cases(torch_name):
    """Hand-written cases that give the table its broadcasting / promotion / empty / strided / error rows."""
    r = g_randn
    ints = lambda *s: torch.randint(-5, 6, s)  # noqa: E731
    binary = [
        ("broadcast", {"self": r(2, 3), "other": r(3)}),
        ("broadcast-both", {"self": r(4, 1), "other": r(1, 3)}),
        ("promote-int64+float32", {"self": ints(2, 3), "other": r(2, 3)}),
        ("promote-float32+float64", {"self": r(2, 3), "other": r(2, 3, dtype=torch.float64)}),
        ("empty", {"self": r(0, 3), "other": r(0, 3)}),
        ("noncontiguous", {"self": r(3, 2).t(), "other": r(2, 3)}),
        ("promote-int64+scalar", {"self": ints(2, 3), "other": 2.5}),
        ("error:shape-mismatch", {"self": r(2, 3), "other": r(4)}),
    ]
    table = {
        "add": binary, "sub": binary, "mul": binary, "div": binary,
        "matmul": [("noncontiguous", {"self": r(4, 3).t(), "other": r(4, 2)}),
                   ("broadcast-batch", {"self": r(2, 3, 4), "other": r(4, 2)}),
                   ("error:inner-dim", {"self": r(2, 3), "other": r(2, 3)})],
        "sum": [("empty", {"self": r(0, 3)}), ("noncontiguous", {"self": r(3, 4).t()}),
                ("float64", {"self": r(2, 3, dtype=torch.float64)}), ("int64", {"self": ints(2, 3)}),
                ("error:dim-out-of-range", {"self": r(2, 3), "dim": [5]})],
        "mean": [("float64", {"self": r(2, 3, dtype=torch.float64)}),
                 ("error:int-input", {"self": ints(2, 3)})],
        "exp": [("noncontiguous", {"self": r(3, 4).t()}), ("empty", {"self": r(0)}),
                ("float64", {"self": r(3, dtype=torch.float64)})],
        "reshape": [("error:bad-shape", {"self": r(2, 3), "shape": [4, 2]})],
        "transpose": [("error:dim", {"self": r(2, 3), "dim0": 0, "dim1": 3})],
    }
    return table.get(torch_name, [])


# PyTorch 1.13 segfaults on the generic argument search for these (found with -v); they get
# OpInfo/table cases only.
GENERIC_CRASHES = set(os.environ.get("PARITY_GENERIC_CRASHES", "").split(",")) | {
    "lstm_cell",
}


def generic_candidates(op, args):
    """Typical values per argument, tried in order until PyTorch accepts a combination."""
    kept = {p["name"] for p in op["params"]}
    per = []
    for i, a in enumerate(args):
        t, n = a.type, a.name
        base = t.rstrip("?")
        if a.has_default and (n not in kept or a.default is not None):
            cands = [a.default]
        elif base == "Tensor":
            if n in ("index", "indices"):
                cands = [torch.tensor([0, 2, 1]), torch.randint(0, 3, (3, 4))]
            elif n == "mask":
                cands = [torch.rand(3, 4) > 0.5]
            elif i == 0 or n in ("self", "input"):
                cands = [g_randn(3, 4), torch.randint(-5, 6, (3, 4)), torch.rand(3, 4) > 0.5, g_randn(2, 3, 4, 5)]
            else:
                cands = [g_randn(3, 4), g_randn(4), g_randn(4, 3), g_randn(), torch.tensor(2),
                         torch.randint(0, 3, (3, 4))]
            if t.endswith("?"):
                cands = [None] + cands
        elif base in ("Tensor[]", "Tensor?[]"):
            cands = [[g_randn(3, 4), g_randn(3, 4)]]
        elif base == "Scalar":
            cands = [2.0, 2]
        elif base in ("int", "SymInt"):
            cands = [1, 0, -1] if "dim" in n or n == "axis" else [2, 1, 0, 3]
        elif base.startswith(("int[", "SymInt[")):
            if n in ("size", "shape"):
                cands = [[3, 4], [12], [4, 3], [2, 6]]
            elif "dim" in n:
                cands = [[1], [0, 1], [1, 0]]
            else:
                cands = [[2], [1], [2, 2]]
        elif base == "float":
            cands = [0.5, 2.0]
        elif base == "bool":
            cands = [False, True]
        elif base == "ScalarType":
            cands = [None, torch.float32]
        elif base == "str":
            cands = ["mean"]
        else:
            cands = [a.default] if a.has_default else [None]
        if t.endswith("?") and None not in cands:
            cands = cands + [None]
        per.append(cands)
    for combo in itertools.islice(itertools.product(*per), 200):
        yield {a.name: v for a, v in zip(args, combo)}


def opinfo_index():
    from torch.testing._internal.common_methods_invocations import op_db
    idx = {}
    for o in op_db:
        names = {o.name}
        names.update(a.name for a in getattr(o, "aliases", ()) or ())
        for n in names:
            idx.setdefault(n, []).append(o)
            if n.startswith("nn.functional."):
                idx.setdefault("F." + n[len("nn.functional."):], []).append(o)
    return idx


def opinfos_for(op, idx):
    name = op["torch"]
    found = []
    if op["ns"] == "Functional":
        found += idx.get("F." + name, [])
    found += idx.get(name, [])
    if name.endswith("_") and not name.endswith("__"):
        found += [o for o in idx.get(name[:-1], []) if o.inplace_variant is not None]
    seen, out = set(), []
    for o in found:
        if id(o) not in seen:
            seen.add(id(o))
            out.append(o)
    return out


SAMPLE_CACHE = {}


def samples_of(o):
    key = id(o)
    if key not in SAMPLE_CACHE:
        res = []
        for dt in (torch.float32, torch.float64, torch.int64, torch.bool):
            try:
                if dt not in o.supported_dtypes("cpu"):
                    continue
                torch.manual_seed(SEED)
                res = list(o.sample_inputs("cpu", dt, requires_grad=False))
                break
            except Exception:  # noqa: BLE001
                res = []
        errs = []
        try:
            torch.manual_seed(SEED)
            errs = list(itertools.islice(o.error_inputs("cpu"), 20)) if o.error_inputs_func else []
        except Exception:  # noqa: BLE001
            errs = []
        SAMPLE_CACHE[key] = (res, errs)
    return SAMPLE_CACHE[key]


# OpInfos whose op is a lambda taking PyTorch's arguments in another order:
# nn.functional.embedding is `lambda weight, idx, **kw: F.embedding(idx, weight, **kw)`.
OPINFO_ORDER = {"nn.functional.embedding": (1, 0)}


def map_sample(op, args, s, opinfo_name=None):
    pos = [s.input] + list(s.args)
    order = OPINFO_ORDER.get(opinfo_name)
    if order:
        pos = [pos[i] for i in order] + pos[len(order):]
    positional = [a for a in args if not a.kwarg_only]
    if len(pos) > len(positional):
        return None
    values = {a.name: v for a, v in zip(positional, pos)}
    names = {a.name for a in args}
    for k, v in s.kwargs.items():
        if k == "input" and "input" not in names:
            k = "self"
        if k not in names or k in values:
            return None
        values[k] = v
    return values


def numel_of(values):
    n = 0
    for v in values.values():
        for t in (v if isinstance(v, (list, tuple)) else [v]):
            if isinstance(t, torch.Tensor):
                if t.numel() > MAX_NUMEL:
                    return None
                n += t.numel()
    return n


# ------------------------------------------------------------------ main

def load_table(path):
    rows = {}
    if os.path.exists(path):
        for line in open(path):
            if line.strip() and not line.startswith("#"):
                cols = line.rstrip("\n").split("\t")
                rows[cols[0]] = cols
    return rows


def record_op(op, idx, random_ops):
    """Cases for one spec entry; an overload that is not the full-positional one gets a single value case."""
    full_overload = op.get("full", True)
    max_samples = MAX_SAMPLES if full_overload else 1
    call, args = schema_args(op)
    random_op = op["torch"] in random_ops
    inplace = op["torch"].endswith("_") and not op["torch"].endswith("__")
    cases, tried, why = [], set(), None

    def add(label, values, expect_error=False):
        nonlocal why
        full = complete(op, args, values)
        if full is None:
            return False
        try:
            if expect_error:
                c = run_error(op, call, args, full)
                if c is None:
                    return False
            else:
                c, err = run_case(op, call, args, full, random_op, inplace)
                if c is None:
                    why = err
                    return False
        except Unsupported as e:
            why = f"unsupported: {e}"
            return False
        except Exception as e:  # noqa: BLE001  (a sample the recorder cannot encode, e.g. a meta tensor)
            why = f"recorder: {type(e).__name__}: {e}"
            return False
        sig = json.dumps(c["args"], sort_keys=True)
        if sig in tried:
            return False
        tried.add(sig)
        c["id"] = label
        cases.append(c)
        return True

    torch.manual_seed(SEED)
    for label, values in special_cases(op["torch"]):
        if full_overload or not label.startswith("error:"):
            add(label, dict(values), expect_error=label.startswith("error:"))
    torch.manual_seed(SEED)
    for label, values in extra_cases(op["torch"]):
        if label.startswith("error:"):  # PyTorch raises for these inputs (error-only ops: parity/error-only.tsv)
            add("error:extra:" + label[len("error:"):], dict(values), expect_error=True)
        else:
            add("extra:" + label, dict(values))
    kept = 0
    only_extra = extra_only(op["torch"])
    infos = [] if only_extra else opinfos_for(op, idx)
    mapped = []
    for o in infos:
        res, _ = samples_of(o)
        for i, s in enumerate(res):
            v = map_sample(op, args, s, o.name)
            n = None if v is None else numel_of(v)
            if n is not None:
                mapped.append((n, f"opinfo:{o.name}{'.' + o.variant_test_name if o.variant_test_name else ''}#{i}", v))
    mapped.sort(key=lambda m: m[0])
    shapes = set()
    for n, label, v in mapped:
        if kept >= max_samples:
            break
        sig = tuple(tuple(t.shape) if isinstance(t, torch.Tensor) else type(t).__name__ for t in v.values())
        if sig in shapes and len(mapped) > max_samples:
            continue
        if add(label, v):
            kept += 1
            shapes.add(sig)
    if not any(not c["id"].startswith("error:") for c in cases) and op["torch"] not in GENERIC_CRASHES \
            and not only_extra:
        torch.manual_seed(SEED)
        deadline = time.time() + GENERIC_SECONDS
        for v in generic_candidates(op, args):
            if add("generic", v) or time.time() > deadline:
                break
    if full_overload and cases and not any("error" in c for c in cases):
        for o in infos:
            _, errs = samples_of(o)
            for j, e in enumerate(errs):
                v = map_sample(op, args, e.sample_input, o.name)
                if v is not None and add(f"error:opinfo:{o.name}#{j}", v, expect_error=True):
                    break
            else:
                continue
            break
    return cases, why, [o.name for o in infos]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", default=None)
    ap.add_argument("--out", default=os.path.join(ROOT, "java-api/src/test/resources/parity/op-cases.json.gz"))
    ap.add_argument("-v", action="store_true", help="print each op before recording it (find a crashing op)")
    ap.add_argument("--only", default=None, help="record only ops whose torch name is in this comma list")
    ap.add_argument("--merge", action="store_true",
                    help="with --only: replace just those ops in the existing --out recording, keep the rest")
    a = ap.parse_args()
    spec_path = a.spec or os.path.join(ROOT, "codegen/spec/ops.json")
    raw = open(spec_path, "rb").read()
    spec = json.loads(raw)
    ops = spec["ops"] if isinstance(spec, dict) else spec
    table = load_table(os.path.join(ROOT, "java-api/src/test/resources/parity/tolerances.tsv"))
    random_ops = {k for k, cols in table.items() if len(cols) > 1 and cols[1] == "random"}
    only = set(a.only.split(",")) if a.only else None
    t0 = time.time()
    idx = opinfo_index()
    out_ops, uncovered = {}, {}
    for op in ops:
        if only and op["torch"] not in only:
            continue
        key = op_key(op)
        if a.v:
            print("recording", key, flush=True, file=sys.stderr)
        t1 = time.time()
        try:
            cases, why, infos = record_op(op, idx, random_ops)
        except Exception as e:  # noqa: BLE001
            cases, why, infos = [], f"recorder: {type(e).__name__}: {e}", []
        if a.v:
            print(f"  {time.time() - t1:.2f} s", flush=True, file=sys.stderr)
        if not any("error" not in c for c in cases):
            uncovered[key] = why or ("no OpInfo sample fits" if infos else "no OpInfo and no generic case")
        if cases:
            out_ops[key] = {"torch": op["torch"], "schema": op["schema"], "cases": cases}
    if a.merge and only and os.path.exists(a.out):
        old = json.loads(gzip.decompress(open(a.out, "rb").read()))
        keep = {op_key(op) for op in ops if op["torch"] not in only}
        out_ops = {**{k: v for k, v in old["ops"].items() if k in keep}, **out_ops}
        uncovered = {**{k: v for k, v in old["uncovered"].items() if k in keep}, **uncovered}
    rel = os.path.relpath(spec_path, ROOT)
    doc = {"recorded_with": f"PyTorch {torch.__version__}, /usr/bin/python3 {sys.version.split()[0]}, CPU, 1 thread",
           "spec": rel, "spec_sha256": hashlib.sha256(raw).hexdigest(), "seed": SEED,
           "ops": out_ops, "uncovered": uncovered}
    data = json.dumps(doc, separators=(",", ":"), sort_keys=True).encode()
    with open(a.out, "wb") as f:
        f.write(gzip.compress(data, mtime=0))
    n_cases = sum(len(v["cases"]) for v in out_ops.values())
    print(f"recorded {n_cases} cases for {len(out_ops)} of {len(ops)} ops from {rel} in {time.time() - t0:.1f} s; "
          f"{len(uncovered)} ops without a passing case; {len(data) / 1e6:.2f} MB json, "
          f"{os.path.getsize(a.out) / 1e6:.2f} MB gz -> {os.path.relpath(a.out, ROOT)}", file=sys.stderr)
    for k, v in sorted(uncovered.items()):
        print(f"  uncovered {k}: {v}", file=sys.stderr)


if __name__ == "__main__":
    main()
