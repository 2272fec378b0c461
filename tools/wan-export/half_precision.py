"""Checks a native half-precision expert graph: what computes in which type, and its numbers against Wan's own.

- `precision_problems`: the graph keeps in float32 exactly what Wan keeps there (graphs.py's module docstring) and
  runs the rest in the half type, read from the graph's own types after ONNX shape inference.
- `verify_half`: the exported graph is run by a second, independent reader, onnx's ReferenceEvaluator (numpy, which
  really computes in float16 and, through ml_dtypes, bfloat16; onnxruntime's CPU provider lacks most half kernels
  and would silently compute in float32), and by onnxruntime's CPU provider where it loads. Both are measured
  against Wan's float32 model; the bar is what Wan's own torch model loses when it runs in the same half type
  (graphs.DitGraph with dtype, eager on the CPU).
"""

import numpy as np
import onnx
import torch
from onnx import TensorProto
from onnx.reference import ReferenceEvaluator
from onnx.reference.op_run import OpRun

HALF_TYPES = {"fp16": TensorProto.FLOAT16, "bf16": TensorProto.BFLOAT16}
# What the experts compute in, per --dtype (fp8: float8 weights dequantized to float16, fp8_weights.py), and the
# type most of their weights are stored in.
COMPUTE = {"fp16": "fp16", "bf16": "bf16", "fp8": "fp16"}
STORED = {**HALF_TYPES, "fp8": TensorProto.FLOAT8E4M3FN}
# Unit roundoff of each type (2^-11 for fp16's 11-bit significand, 2^-8 for bf16's 8): the smallest error a half
# result can be expected to carry, so a floor under the bar when torch's own error happens to be tiny.
ROUNDOFF = {"fp16": 2.0**-11, "bf16": 2.0**-8}
# The graph may lose at most this many times what Wan's torch model loses in the same type: two independent
# half-precision evaluations round at different places (numpy accumulates each dot product in float32, torch's
# CPU kernels block differently), so their errors against float32 are of one size, not equal.
BAR_FACTOR = 2.0

# Scopes Wan computes in float32 (model.py: `autocast(dtype=float32)` around the time embedding and the head).
FLOAT32_SCOPES = ("/time_embedding/", "/time_projection/", "/head/")
# Norms (WanLayerNorm / WanRMSNorm call .float()) and the sinusoidal time embedding: float32 wherever they occur.
FLOAT32_OPS = frozenset({"LayerNormalization", "ReduceMean", "Sqrt", "Sin", "Cos"})
MATMUL_OPS = frozenset({"MatMul", "Gemm"})

# The operators an expert export computes in a half type, and whether onnxruntime's CUDA provider has a kernel for
# that type at opset <= 17 (docs/OperatorKernels.md, "Operators implemented by CUDAExecutionProvider", commit 001d12d
# of https://github.com/microsoft/onnxruntime/blob/main/docs/OperatorKernels.md). A node without one would fall back
# to the CPU. bfloat16 is narrower: no Conv below opset 22 (the patch embedding convolves in float32, graphs.py),
# no Sin, Cos, ReduceMean or Reciprocal.
_SHARED = "Add Sub Mul Div Pow MatMul Gemm Cast Reshape Transpose Tanh Sqrt Concat Slice Gather Expand Squeeze " \
          "Unsqueeze Split Where Softmax LayerNormalization Erf Exp Relu Identity MultiHeadAttention"
CUDA_HALF_KERNELS = {
    "fp16": frozenset((_SHARED + " Conv Sin Cos ReduceMean Reciprocal Neg Max Min").split()),
    "bf16": frozenset(_SHARED.split()),
}
# Nodes that only move shapes or hold constants: no arithmetic kernel to look up.
_NO_KERNEL = frozenset({"Constant", "Shape", "ConstantOfShape"})


def _elem_types(model: onnx.ModelProto) -> dict:
    inferred = onnx.shape_inference.infer_shapes(model)
    types = {}
    for v in [*inferred.graph.value_info, *inferred.graph.input, *inferred.graph.output]:
        types[v.name] = v.type.tensor_type.elem_type
    for init in inferred.graph.initializer:
        types[init.name] = init.data_type
    return types


def precision_problems(model: onnx.ModelProto, dtype: str) -> list:
    """Sentences naming each node whose compute type differs from Wan's; empty when the graph matches."""
    compute = COMPUTE[dtype]
    half = HALF_TYPES[compute]
    types = _elem_types(model)
    found = []
    for node in model.graph.node:
        computes = types.get(node.input[0] if node.input else "", 0)
        name = node.name or node.op_type
        in_float32_scope = any(s in name for s in FLOAT32_SCOPES)
        if node.op_type in FLOAT32_OPS and computes != TensorProto.FLOAT:
            found.append(f"{name} ({node.op_type}) computes in {TensorProto.DataType.Name(computes)}, Wan in float32")
        elif node.op_type in MATMUL_OPS and in_float32_scope and computes != TensorProto.FLOAT:
            found.append(f"{name} computes in {TensorProto.DataType.Name(computes)}; Wan runs it in float32")
        elif node.op_type in MATMUL_OPS and not in_float32_scope and computes != half:
            found.append(f"{name} computes in {TensorProto.DataType.Name(computes)}, not {compute}")
        elif node.op_type == "MultiHeadAttention" and computes != half:
            found.append(f"{name} attends in {TensorProto.DataType.Name(computes)}, not {compute}")
        if computes == half and node.op_type not in _NO_KERNEL and node.op_type not in CUDA_HALF_KERNELS[compute]:
            found.append(f"{name} ({node.op_type}) has no {compute} CUDA kernel at opset 17")
    weights = sum(int(np.prod(t.dims)) for t in model.graph.initializer)
    halves = sum(int(np.prod(t.dims)) for t in model.graph.initializer if t.data_type == STORED[dtype])
    if not weights or halves / weights < 0.5:
        found.append(f"only {halves} of {weights} weights are stored in {dtype}")
    return found


class MultiHeadAttention(OpRun):
    """com.microsoft.MultiHeadAttention (no mask, no bias, default scale 1/sqrt(head size)) for the reference
    evaluator, which has no contrib operators: the scores and the softmax in float32, as onnxruntime's fused CUDA
    kernels and flash-attn accumulate them, the result in the inputs' type. Spec:
    https://github.com/microsoft/onnxruntime/blob/main/docs/ContribOperators.md#com.microsoft.MultiHeadAttention"""

    op_domain = "com.microsoft"

    def _run(self, query, key, value, num_heads=None):
        heads = num_heads or self.num_heads
        split = lambda t: t.astype(np.float32).reshape(t.shape[0], t.shape[1], heads, -1).transpose(0, 2, 1, 3)  # noqa: E731
        q, k, v = split(query), split(key), split(value)
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        out = (scores / scores.sum(axis=-1, keepdims=True)) @ v
        return (out.transpose(0, 2, 1, 3).reshape(query.shape).astype(query.dtype),)


def _numpy_feed(tensor: torch.Tensor, elem_type: int):
    values = tensor.float().numpy()
    if elem_type == TensorProto.FLOAT16:
        return values.astype(np.float16)
    if elem_type == TensorProto.BFLOAT16:
        import ml_dtypes

        return values.astype(ml_dtypes.bfloat16)
    return values


def _relative(got, want: np.ndarray) -> float:
    return float(np.abs(np.asarray(got, dtype=np.float32) - want).max() / max(np.abs(want).max(), 1e-6))


def torch_output(graph, feeds: dict, half: "torch.dtype | None" = None) -> np.ndarray:
    """A DitGraph's output on `feeds` as float32 numpy; `half`: the latents and text cast to it first, as an fp16
    graph takes them (the timestep stays float32)."""
    with torch.no_grad():
        args = [t.to(half) if half is not None and k != "timestep" else t for k, t in feeds.items()]
        return graph(*args).float().numpy()


def verify_half(path, want: np.ndarray, torch_half: np.ndarray, feeds: dict, dtype: str,
                original: "np.ndarray | None" = None) -> dict:
    """Errors relative to the scale of `want` (Wan's float32 output on `feeds`): `torch_half` (Wan's model in
    `dtype`, the bar), the reference evaluator and onnxruntime's CPU provider (None when it cannot load the graph),
    one reader at a time so a large graph is in memory once; raises SystemExit past the bar. `original`: another
    float32 answer (fp8: the unquantized model's, `want` being the dequantized weights'), each reader's error
    against it reported under "float32"."""
    import gc

    declared = {i.name: i.type.tensor_type.elem_type
                for i in onnx.load(str(path), load_external_data=False).graph.input}
    arrays = {k: _numpy_feed(t, declared[k]) for k, t in feeds.items()}
    reference = ReferenceEvaluator(str(path), new_ops=[MultiHeadAttention]).run(None, arrays)[0]
    gc.collect()
    report = {"torch": _relative(torch_half, want), "reference": _relative(reference, want), "onnxruntimeCpu": None}
    if original is not None:
        report["float32"] = {"reference": _relative(reference, original), "onnxruntimeCpu": None}
    try:
        import onnxruntime as ort

        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        got = session.run(None, arrays)[0]
        report["onnxruntimeCpu"] = _relative(got, want)
        if original is not None:
            report["float32"]["onnxruntimeCpu"] = _relative(got, original)
        del session
    except Exception as err:  # noqa: BLE001 - a missing CPU kernel is a finding, recorded, not a failure
        report["onnxruntimeCpuError"] = str(err).splitlines()[0][:200]
    bar = BAR_FACTOR * max(report["torch"], ROUNDOFF[dtype])
    report["bar"] = bar
    worst = max(v for v in (report["reference"], report["onnxruntimeCpu"]) if v is not None)
    if not worst <= bar:
        raise SystemExit(f"export-wan: {path.name} in {dtype} differs from Wan's float32 model by {worst:.2e} of its "
                         f"scale; Wan's own {dtype} run differs by {report['torch']:.2e} (at most {bar:.2e} allowed)")
    return report
