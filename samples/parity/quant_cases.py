#!/usr/bin/python3
"""Records quantized tensors of real PyTorch for torch4j's DTypeRoundTripTest.

Each case quantizes a float32 input and records what the quantized tensor reports:
  case NAME
  call per_tensor | per_channel | dynamic      (quantize_per_tensor / _per_channel / _per_tensor_dynamic)
  dtype DTYPE                                  (quint8, qint8, qint32: torch name without "torch.")
  shape D0 D1 ...                              ("shape" alone: a 0-d tensor)
  input V0 V1 ...                              float32 values, row-major, repr of the float64 widening
  scale S / zero_point Z                       (per_tensor)
  scales S0 S1 .. / zero_points Z0 Z1 .. / axis A   (per_channel; float64 scales, int64 zero points)
  reduce_range True|False                      (dynamic)
  out_dtype DTYPE                              the result's dtype
  out_scale S / out_zero_point Z               q_scale(), q_zero_point() (per tensor and dynamic)
  int_repr I0 I1 ...                           the stored integers
  dequantize V0 V1 ...                         the real values (float32, repr of the float64 widening)
  end
Usage: /usr/bin/python3 samples/parity/quant_cases.py > samples/parity/recordings/quant_cases.txt
(ci/record-parity.sh tensor runs it).
"""
import torch

QDTYPES = {"quint8": torch.quint8, "qint8": torch.qint8, "qint32": torch.qint32}
out = []


def floats(t):
    return " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def ints(t):
    return " ".join(str(int(v)) for v in t.reshape(-1).tolist())


def case(name, call, dtype, shape, values, **kw):
    x = torch.tensor(values, dtype=torch.float32).reshape(shape)
    out.append("case " + name)
    out.append("call " + call)
    out.append("dtype " + dtype)
    out.append(("shape " + " ".join(str(s) for s in shape)).rstrip())
    out.append(("input " + floats(x)).rstrip())
    if call == "per_tensor":
        q = torch.quantize_per_tensor(x, kw["scale"], kw["zero_point"], QDTYPES[dtype])
        out.append("scale " + repr(float(kw["scale"])))
        out.append("zero_point %d" % kw["zero_point"])
    elif call == "per_channel":
        scales = torch.tensor(kw["scales"], dtype=torch.float64)
        zps = torch.tensor(kw["zero_points"], dtype=torch.int64)
        q = torch.quantize_per_channel(x, scales, zps, kw["axis"], QDTYPES[dtype])
        out.append("scales " + floats(scales))
        out.append("zero_points " + ints(zps))
        out.append("axis %d" % kw["axis"])
    else:
        q = torch.quantize_per_tensor_dynamic(x, QDTYPES[dtype], kw["reduce_range"])
        out.append("reduce_range %s" % kw["reduce_range"])
    out.append("out_dtype " + str(q.dtype).replace("torch.", ""))
    if call != "per_channel":
        out.append("out_scale " + repr(q.q_scale()))
        out.append("out_zero_point %d" % q.q_zero_point())
    out.append(("int_repr " + ints(q.int_repr())).rstrip())
    out.append(("dequantize " + floats(q.dequantize())).rstrip())
    out.append("end")


def main():
    v6 = [0.1, -0.25, 1.0, 3.3, -12.0, 0.0]
    case("quint8_per_tensor", "per_tensor", "quint8", (2, 3), v6, scale=0.1, zero_point=100)
    case("quint8_saturated", "per_tensor", "quint8", (4,), [-100.0, 0.0, 1.5, 100.0], scale=0.25, zero_point=10)
    case("qint8_per_tensor", "per_tensor", "qint8", (2, 3), v6, scale=0.05, zero_point=-3)
    case("qint32_per_tensor", "per_tensor", "qint32", (3,), [1e-5, 2.5e-4, -3e-3], scale=1e-05, zero_point=7)
    case("qint32_0d", "per_tensor", "qint32", (), [2.75], scale=0.5, zero_point=2)
    case("quint8_empty", "per_tensor", "quint8", (0,), [], scale=0.5, zero_point=2)
    case("qint8_per_channel", "per_channel", "qint8", (3, 2), v6, scales=[0.1, 0.05, 0.2], zero_points=[0, -2, 5], axis=0)
    case("quint8_per_channel_axis1", "per_channel", "quint8", (2, 3), v6, scales=[0.5, 0.05, 0.2],
         zero_points=[128, 3, 60], axis=1)
    case("quint8_dynamic", "dynamic", "quint8", (2, 3), v6, reduce_range=False)
    case("quint8_dynamic_reduced", "dynamic", "quint8", (2, 3), v6, reduce_range=True)
    case("qint8_dynamic", "dynamic", "qint8", (2, 3), v6, reduce_range=False)
    print("# quantized tensors recorded by samples/parity/quant_cases.py with PyTorch %s; do not edit."
          % torch.__version__)
    print("\n".join(out))


if __name__ == "__main__":
    main()
