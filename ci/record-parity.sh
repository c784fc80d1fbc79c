#!/usr/bin/env bash
# Records the parity outputs of real PyTorch (Debian's python3-torch, run with /usr/bin/python3):
# every tutorial step 1..8 for seeds 0 1 42, plus the optimizer cases, into
# samples/parity/recordings/, and rewrites samples/parity/recordings/README.md.
# Also (and with --ops only) the op parity cases of every op in codegen/spec/ops.json into
# java-api/src/test/resources/parity/op-cases.json.gz (java-api/src/test/parity/record_parity.py;
# checked by org.torch4j.parity.OpParityTest; takes 1-8 minutes depending on load).
# Usage: ci/record-parity.sh [--ops]   (from any directory)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARITY="$ROOT/samples/parity"
OUT="$PARITY/recordings"
PY=/usr/bin/python3
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

for step in 1 2 3 4 5 6 7 8; do
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

"$PY" "$PARITY/optim_cases.py" > "$OUT/optim_cases.txt.tmp"
mv "$OUT/optim_cases.txt.tmp" "$OUT/optim_cases.txt"
echo "optim cases  ${OUT#"$ROOT"/}/optim_cases.txt" >&2

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
- \`optim_cases.txt\`: \`samples/parity/optim_cases.py\`, five steps (ten for the \`*_fast\` cases) of
  each SGD / RMSprop / Adam option on a tiny fixed problem, plus learning-rate changes and two
  parameter groups (format described at the top of that script and in the file).

Recorded $(date -u +%Y-%m-%d) with:

$versions

Re-record (overwrites every file here, including this README):

    ci/record-parity.sh
README
echo "wrote ${OUT#"$ROOT"/}/README.md" >&2
