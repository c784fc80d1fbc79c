#!/usr/bin/env bash
# Installs what the test suite needs beyond JDK 17 and Maven: Debian's python3-torch.
# The native-loader test must run on a machine that has Debian's libtorch 1.13 in the system
# library path (python3-torch brings it), and ci/record-parity.sh uses it as real PyTorch.
set -euo pipefail
if /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
  echo "python3-torch: present ($(/usr/bin/python3 -c 'import torch; print(torch.__version__)'))"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq python3-torch >/dev/null
echo "python3-torch: installed ($(/usr/bin/python3 -c 'import torch; print(torch.__version__)'))"
