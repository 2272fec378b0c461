"""What an onnxruntime CPU session of one graph holds: resident memory after loading and after one run, and whether
the optimized graph kept its float8 weights (DequantizeLinear not folded into float16 initializers).

    python tools/wan-export/session_memory.py GRAPH.onnx

Prints one JSON line. Run it once per graph, each in its own process, so one session's memory does not hide another's.
Symbolic input sizes take small values (F 2, H 4, W 4); onnxruntime's graph optimizations are left at their default.
"""

import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort

SIZES = {"F": 2, "H": 4, "W": 4}
NUMPY = {"tensor(float)": np.float32, "tensor(float16)": np.float16, "tensor(int64)": np.int64}


def _status(field: str) -> int:
    """A /proc/self/status figure (VmRSS: resident now, VmHWM: the peak so far) in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def main() -> None:
    graph = sys.argv[1]
    before = _status("VmRSS")
    session = ort.InferenceSession(graph, providers=["CPUExecutionProvider"])
    loaded = _status("VmRSS")
    feeds = {i.name: np.random.default_rng(0).standard_normal(
        [SIZES.get(d, d) if isinstance(d, str) else d for d in i.shape]).astype(NUMPY[i.type])
        for i in session.get_inputs()}
    session.run(None, feeds)
    peak = _status("VmHWM")
    del session
    # A second session only to read the graph onnxruntime runs (writing it costs memory, so after the figures).
    with tempfile.TemporaryDirectory() as scratch:
        options = ort.SessionOptions()
        options.optimized_model_filepath = str(Path(scratch) / "optimized.onnx")
        options.log_severity_level = 3
        ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        optimized = onnx.load(options.optimized_model_filepath)
    print(json.dumps({
        "graph": graph,
        "diskBytes": Path(graph).stat().st_size,
        "sessionBytes": loaded - before,
        "peakBytes": peak - before,
        "dequantizeNodes": sum(n.op_type == "DequantizeLinear" for n in optimized.graph.node),
        "float8Initializers": sum(t.data_type == onnx.TensorProto.FLOAT8E4M3FN for t in optimized.graph.initializer),
    }))


if __name__ == "__main__":
    main()
