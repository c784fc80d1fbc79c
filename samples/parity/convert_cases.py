#!/usr/bin/python3
"""Records x.to(dtype).tolist() of real PyTorch for torch4j's ArrayConversionTest: what every
Tensor.toXxxArray() and Torch.tensor(data, dtype) must give.

One line per (source dtype, values, target dtype):
  SRC TARGET V0,V1,...  ->  R0,R1,...
where x = torch.tensor(V, dtype=float64 or int64).to(SRC), R = x.to(TARGET).tolist() (floats as
repr, bools as 1/0). Values stay where C++ conversions are defined (no out-of-range float -> int).
Usage: /usr/bin/python3 samples/parity/convert_cases.py > samples/parity/recordings/convert_cases.txt
"""
import torch

DTYPES = {
    "bool": torch.bool, "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16,
    "int32": torch.int32, "int64": torch.int64, "float16": torch.float16,
    "bfloat16": torch.bfloat16, "float32": torch.float32, "float64": torch.float64,
}
FLOATS = [0.0, 0.1, 1.7, 2.5, 3.5, 100.25, 126.9, 65.0, 1e-8, 0.333333333333]
INTS = [-128, -1, 0, 1, 127, 42, -7]
UINTS = [0, 1, 127, 128, 200, 255]
BOOLS = [0, 1, 1, 0]


def fmt(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        return repr(v)
    return str(v)


print("# x.to(dtype).tolist() recorded by samples/parity/convert_cases.py with PyTorch %s; do not edit."
      % torch.__version__)
for src, dt in DTYPES.items():
    if dt.is_floating_point:
        vals = FLOATS
        x = torch.tensor(vals, dtype=torch.float64).to(dt)
    else:
        vals = UINTS if dt == torch.uint8 else BOOLS if dt == torch.bool else INTS
        x = torch.tensor(vals, dtype=torch.int64).to(dt)
    for target, tdt in DTYPES.items():
        r = x.to(tdt).tolist()
        print("%s %s %s -> %s" % (src, target, ",".join(fmt(v) for v in vals), ",".join(fmt(v) for v in r)))
