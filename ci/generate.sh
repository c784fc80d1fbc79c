#!/usr/bin/env bash
# Regenerates the op surface (java-api/src/generated/java) from codegen/spec/ — plain python3, no torch.
#   bash ci/generate.sh            generate only (what CI checks)
#   bash ci/generate.sh --derive   first re-derive codegen/spec/ from PyTorch 1.13 (/usr/bin/python3
#                                  with torch) and the presets' javap, then generate
#   bash ci/generate.sh --check    fail if the checked-in generated code differs from a fresh run
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  --derive)
    /usr/bin/python3 codegen/derive_spec.py ;;
  --check)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    python3 codegen/generate.py --out "$tmp" > /dev/null
    if ! diff -r -q "$tmp" java-api/src/generated/java > "$tmp.diff" 2>&1; then
      cat "$tmp.diff"
      rm -f "$tmp.diff"
      echo "STALE: java-api/src/generated/java differs from what codegen/generate.py writes from codegen/spec/." >&2
      echo "       Run 'bash ci/generate.sh' and commit the result (never edit generated files by hand)." >&2
      exit 1
    fi
    rm -f "$tmp.diff"
    echo "generated op surface is current"
    exit 0 ;;
esac
rm -rf java-api/src/generated/java
python3 codegen/generate.py
