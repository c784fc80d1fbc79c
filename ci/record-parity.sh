#!/usr/bin/env bash
# Records the parity outputs of real PyTorch (Debian's python3-torch, run with /usr/bin/python3):
# every tutorial step 1..8 and the samples beyond the tutorial (9: MLP classifier, 10: CNN, 11: LSTM sequence classifier, 12: TorchScript inference) for seeds 0 1 42, plus the *_cases scripts (optim, lr_scheduler, data, nn, rnn, attn), into
# samples/parity/recordings/, and rewrites samples/parity/recordings/README.md.
# Also the tensor cases: repr strings, indexing, dtype conversions and quantized tensors (repr_cases.py,
# index_cases.py, convert_cases.py, quant_cases.py), which take seconds; and the op parity cases of every op in
# codegen/spec/ops.json into java-api/src/test/resources/parity/op-cases.json.gz
# (java-api/src/test/parity/record_parity.py + extra_cases.py; checked by org.torch4j.parity.OpParityTest; 5-15 minutes).
# Usage: ci/record-parity.sh          (from any directory) everything
#        ci/record-parity.sh tensor   only the tensor cases
#        ci/record-parity.sh samples  only the samples beyond the tutorial (steps 9 to 12)
#        ci/record-parity.sh --ops    only the op parity cases
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARITY="$ROOT/samples/parity"
OUT="$PARITY/recordings"
PY=/usr/bin/python3
# oneDNN picks its convolution kernels by the CPU's instruction set; on an AVX-512 machine they round
# 1-2 float32 ulps differently from the AVX2 machine the recordings were made on, so every re-record
# would rewrite the conv lines. Pinning the ISA keeps a re-record byte-identical where nothing changed.
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX2}"
SEEDS=(0 1 42)

if ! "$PY" -c 'import torch, numpy' >/dev/null 2>&1; then
    echo "error: $PY cannot import torch and numpy." >&2
    echo "Install real PyTorch (Debian's python3-torch) with:" >&2
    echo "    sudo apt-get install -y python3-torch" >&2
    exit 1
fi

record_ops() {
    "$PY" "$ROOT/java-api/src/test/parity/record_parity.py" \
        --spec "$ROOT/codegen/spec/ops.json" \
        --out "$ROOT/java-api/src/test/resources/parity/op-cases.json.gz"
}
if [ "${1:-}" = "--ops" ]; then
    record_ops
    exit 0
fi

mkdir -p "$OUT"

# Sample 12 classifies with a TorchScript model traced by real PyTorch: (re)write the checked-in file first.
save_step12_model() {
    "$PY" "$PARITY/step12.py" --save "$PARITY/models/step12_cnn.pt" >&2
}

record_steps() {
for step in "$@"; do
    for seed in "${SEEDS[@]}"; do
        f="$OUT/step${step}_seed${seed}.txt"
        start=$(date +%s%N)
        "$PY" "$PARITY/step${step}.py" --seed "$seed" > "$f.tmp"
        mv "$f.tmp" "$f"
        end=$(date +%s%N)
        ms=$(( (end - start) / 1000000 ))
        printf 'step %d seed %-2s  %3d.%03d s  %s\n' "$step" "$seed" \
            $((ms / 1000)) $((ms % 1000)) "${f#"$ROOT"/}" >&2
    done
done
}
if [ "${1:-}" = "samples" ]; then
    save_step12_model
    record_steps 9 10 11 12
    exit 0
fi

ONLY_TENSOR=0
if [ "${1:-}" = "tensor" ]; then
    ONLY_TENSOR=1
fi

for cases in repr_cases index_cases convert_cases quant_cases; do
    "$PY" "$PARITY/$cases.py" > "$OUT/$cases.txt.tmp"
    mv "$OUT/$cases.txt.tmp" "$OUT/$cases.txt"
    echo "tensor cases ${OUT#"$ROOT"/}/$cases.txt" >&2
done

if [ "$ONLY_TENSOR" = 1 ]; then
    exit 0
fi

save_step12_model
record_steps 1 2 3 4 5 6 7 8 9 10 11 12



# optimizer, optimizer state, gradient clipping, LR scheduler and data-loading cases
for cases in optim_cases optim_state_cases clip_grad_cases lr_scheduler_cases data_cases distributed_sampler_cases; do
    "$PY" "$PARITY/$cases.py" > "$OUT/$cases.txt.tmp" 2>/dev/null
    mv "$OUT/$cases.txt.tmp" "$OUT/$cases.txt"
    echo "$cases  ${OUT#"$ROOT"/}/$cases.txt" >&2
done

"$PY" "$PARITY/nn_cases.py" > "$OUT/nn_cases.txt.tmp"
mv "$OUT/nn_cases.txt.tmp" "$OUT/nn_cases.txt"
echo "nn cases     ${OUT#"$ROOT"/}/nn_cases.txt" >&2

"$PY" "$PARITY/rnn_cases.py" > "$OUT/rnn_cases.txt.tmp"
mv "$OUT/rnn_cases.txt.tmp" "$OUT/rnn_cases.txt"
echo "rnn cases    ${OUT#"$ROOT"/}/rnn_cases.txt" >&2
"$PY" "$PARITY/attn_cases.py" > "$OUT/attn_cases.txt.tmp"
mv "$OUT/attn_cases.txt.tmp" "$OUT/attn_cases.txt"
echo "attn cases   ${OUT#"$ROOT"/}/attn_cases.txt" >&2

record_ops

versions="$("$PY" -c 'import sys, torch, numpy
print(f"- PyTorch {torch.__version__} (Debian python3-torch; torch.__version__ as printed)")
print(f"- numpy {numpy.__version__}")
print(f"- Python {sys.version.split()[0]} (/usr/bin/python3), CPU, torch.set_num_threads(1)")')"

cat > "$OUT/README.md" <<README
# Parity recordings from real PyTorch

These files are the standard output of the Python scripts in \`samples/parity/\`, run with real
PyTorch; the Java ports of the tutorial steps and the Java optimizer wrappers are checked
against them.

- \`step{N}_seed{S}.txt\`: \`samples/parity/stepN.py --seed S\` (default iterations: 2000,
  step 8 30000) for N = 1..8 and S = 0, 1, 42. Each step script is the upstream
  "Learning PyTorch with Examples" script with only a seed and an iteration count added.
- \`step9_seed{S}.txt\`, \`step10_seed{S}.txt\`: the samples beyond the tutorial,
  \`samples/parity/step9.py\` (MLP classifier on gaussian blobs, 12 epochs) and
  \`samples/parity/step10.py\` (small CNN on synthetic images, 6 epochs), S = 0, 1, 42
  (\`ci/record-parity.sh samples\` records only these).
- \`step11_seed{S}.txt\`: \`samples/parity/step11.py --seed S\` (12 epochs), torch4j's own
  sample 11 (a one-layer LSTM classifying seeded sequences; issue 10's third new sample).
- \`step12_seed{S}.txt\`: \`samples/parity/step12.py --seed S\`, sample 12 (issue 11): a batch of 8
  seeded images classified by the TorchScript CNN \`samples/parity/models/step12_cnn.pt\` (traced and
  saved by \`step12.py --save\`, the same model for every seed; re-written before recording).
- \`nn_cases.txt\`: \`samples/parity/nn_cases.py\`, every torch.nn module torch4j has, for seeds 0, 1
  and 42: initial parameters, seeded inputs, forward output, gradients of \`(m(x) * w).sum()\`,
  running statistics after two training steps, reprs, and a nested model's state_dict keys and
  load_state_dict errors; plus every nn.init function and calculate_gain (format described at the
  top of that script).
- \`rnn_cases.txt\`: \`samples/parity/rnn_cases.py\`, nn.RNN / LSTM / GRU (multi-layer, bidirectional,
  batch_first, unbatched, proj_size, dropout, with and without an initial state) for seeds 0, 1 and 42:
  initial parameters, output and final states, gradients, three SGD steps, eval output, reprs and
  state_dict keys.
- \`attn_cases.txt\`: \`samples/parity/attn_cases.py\`, MultiheadAttention and the Transformer
  modules for seeds 0, 1 and 42: initial parameters, inputs and masks, outputs and attention
  weights, gradients, three SGD steps, reprs and state_dict keys (format at the top of that script).
- \`optim_cases.txt\`: \`samples/parity/optim_cases.py\`, five steps (ten for the \`*_fast\` cases) of
  each option of every optimizer (SGD, RMSprop, Adam, AdamW, Adagrad, Adadelta, Adamax, NAdam,
  RAdam, LBFGS) on a tiny fixed problem, plus learning-rate changes, parameter groups and gradient
  clipping (format described at the top of that script and in the file).
- \`optim_state_cases.txt\`: each optimizer's \`state_dict()\` state names (\`optim_state_cases.py\`).
- \`clip_grad_cases.txt\`: \`clip_grad_norm_\` (every norm type) and \`clip_grad_value_\` (\`clip_grad_cases.py\`).
- \`lr_scheduler_cases.txt\`: the lr (and cycled momentum) of two groups at steps 0..30 of every
  scheduler option set (\`lr_scheduler_cases.py\`).
- \`data_cases.txt\`: RandomSampler / shuffled DataLoader orders and random_split subsets after
  seeding (\`data_cases.py\`).
- \`repr_cases.txt\`: \`samples/parity/repr_cases.py\`, \`repr(tensor)\` of every dtype, 0-d to 4-d,
  special values, wrapping, summaries, print options, empty tensors and autograd suffixes, with the
  recipe that rebuilds each tensor (ReprParityTest compares the strings exactly).
- \`index_cases.txt\`: \`samples/parity/index_cases.py\`, \`x[...]\` and \`x[...] = v\` with integers,
  slices, Ellipsis, None, index tensors, lists and masks, and the IndexErrors (IndexParityTest).
- \`convert_cases.txt\`: \`samples/parity/convert_cases.py\`, \`x.to(dtype).tolist()\` for every pair
  of dtypes (ArrayConversionTest).
- \`quant_cases.txt\`: \`samples/parity/quant_cases.py\`, quantize_per_tensor / _per_channel /
  _per_tensor_dynamic of float32 inputs: dtype, scale, zero point, int_repr and dequantize (DTypeRoundTripTest).

Recorded $(date -u +%Y-%m-%d) with:

$versions

Re-record (overwrites every file here, including this README; \`ci/record-parity.sh tensor\`
re-records only the four tensor files):

    ci/record-parity.sh
README
echo "wrote ${OUT#"$ROOT"/}/README.md" >&2
