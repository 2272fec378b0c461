#!/usr/bin/env bash
# Makes (once) the Python environment export-wan and the parity suite run in, from pip's configuration (the
# machine's wheel mirror in CI), and prints its python. SHOTLINE_WAN_VENV overrides the folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${SHOTLINE_WAN_VENV:-$here/../../.peers/wan-venv}"
if ! "$venv/bin/python" -c 'import torch, onnx, onnxruntime, einops, safetensors' 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --retries 0 -r "$here/requirements.txt" >&2
fi
echo "$venv/bin/python"
