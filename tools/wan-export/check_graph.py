"""Checks ONNX graphs against DirectML's opset ceiling and operator set (the check export-wan runs on its own).

    python tools/wan-export/check_graph.py GRAPH.onnx [GRAPH.onnx ...]

Prints one line per graph ("ok" or what DirectML would not run) and exits 1 when any graph fails; weights in
external data are not read.
"""

import sys
from pathlib import Path

import onnx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dml_ops  # noqa: E402


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__.strip().splitlines()[2].strip())
    failed = False
    for name in sys.argv[1:]:
        found = dml_ops.problems(onnx.load(name, load_external_data=False))
        print(f"{Path(name).name}: " + ("ok" if not found else "; ".join(found)))
        failed = failed or bool(found)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
