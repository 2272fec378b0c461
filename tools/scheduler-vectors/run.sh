#!/usr/bin/env bash
# Regenerates test/fixtures/scheduler-vectors/ from the official Wan2.2 scheduler: a venv with CPU torch and numpy
# (from pip's configured index or wheel mirror), then make_vectors.py. Arguments pass through (--wan, --out).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${SHOTLINE_VECTORS_VENV:-$here/../../.peers/vectors-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --retries 0 torch numpy
fi
exec "$venv/bin/python" "$here/make_vectors.py" "$@"
