#!/usr/bin/env bash
# Regenerates test/fixtures/torch-noise/ and test/fixtures/prompt-clean/: a venv with CPU torch, ftfy and regex (from
# pip's configured index or wheel mirror), then make_vectors.py. Arguments pass through (--wan, --out).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${SHOTLINE_FIDELITY_VENV:-$here/../../.peers/fidelity-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import torch, ftfy, regex' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --retries 0 torch numpy ftfy regex
fi
exec "$venv/bin/python" "$here/make_vectors.py" "$@"
