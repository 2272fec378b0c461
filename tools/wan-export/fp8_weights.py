"""export-wan --dtype fp8: weight-only float8 experts, computing exactly as --dtype fp16 does.

Which weights: every nn.Linear of the text embedding and of the blocks (self- and cross-attention q, k, v, o; the
feed-forward's two layers). Those are the layers Wan runs in half under autocast, and 99% of an A14B expert's
weights (40 blocks x 351 M + 47 M of text embedding, of 14.3 B). The time embedding, the time projection and the
head stay float32 (Wan wraps them in `autocast(dtype=float32)`: the fp32 islands are unchanged, 1.3% of the
weights), the patch embedding stays fp16 (a convolution, 0.3 M), norms and modulation tables stay as they are.

How: per output channel (row of the [out, in] weight), scale = amax(|row|) / 448 (448: float8_e4m3fn's largest
finite value), rounded to float16 first because the graph stores it so; q = the row / scale, clamped to +-448
(saturating: the rounded scale may be a hair small) and cast to torch.float8_e4m3fn. The model then holds
q * scale, which float32 represents exactly (4 + 11 significant bits), and is exported through graphs.py's fp16
path; `store_fp8` swaps each of those fp16 weights in the traced graph for its q as a FLOAT8E4M3FN initializer and
a DequantizeLinear (opset 19, per-axis scale) to float16. DequantizeLinear's q * scale rounded to float16 is the
fp16 weight torch ran, so the graph computes what `--dtype fp16` computes on those weights.

DequantizeLinear takes float8 from opset 19 (https://onnx.ai/onnx/operators/onnx__DequantizeLinear.html);
onnxruntime's CPU and CUDA providers implement it for Float8E4M3FN -> float16 (docs/OperatorKernels.md,
https://github.com/microsoft/onnxruntime/blob/main/docs/OperatorKernels.md). onnxruntime's constant folding leaves
DequantizeLinear alone (unless session.disable_quant_qdq is set), so the weights stay float8 in memory.
"""

import hashlib

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

FP8_MAX = 448.0
OPSET = 19
# Wan's float32 islands (model.py) and the fp16 patch embedding are not quantized: only these modules' Linears.
QUANTIZED_SCOPES = ("text_embedding", "blocks")


def quantize(weight: torch.Tensor):
    """[out, in] float -> (q as float8_e4m3fn [out, in], the per-row scale as float16 [out])."""
    w = weight.detach().float()
    amax = w.abs().amax(dim=1)
    scale = torch.where(amax > 0, amax / FP8_MAX, torch.ones_like(amax)).to(torch.float16)
    q = (w / scale.float()[:, None]).clamp(-FP8_MAX, FP8_MAX).to(torch.float8_e4m3fn)
    return q, scale


def _digest(array: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def quantize_in_place(model: nn.Module) -> dict:
    """Each quantized Linear of a WanModel now holds q * scale (float32, exact). Returns what `store_fp8` needs:
    the fp16 bytes' digest of each weight as traced ([out, in] for Gemm, [in, out] after the exporter folds the
    Transpose in front of MatMul) -> (q, scale, axis of the output channel)."""
    table = {}
    for scope in QUANTIZED_SCOPES:
        for layer in getattr(model, scope).modules():
            if not isinstance(layer, nn.Linear):
                continue
            q, scale = quantize(layer.weight)
            with torch.no_grad():
                layer.weight.copy_(q.float() * scale.float()[:, None])
            half = layer.weight.detach().to(torch.float16).numpy()
            qn = q.view(torch.uint8).numpy()
            table[_digest(half)] = (qn, scale.numpy(), 0)
            table[_digest(half.T)] = (np.ascontiguousarray(qn.T), scale.numpy(), 1)
    return table


def store_fp8(model: onnx.ModelProto, table: dict) -> None:
    """Replaces each traced fp16 weight found in `table` by its float8 initializer, its scale and a DequantizeLinear
    producing the same name; every quantized weight must be found, or the export stops."""
    kept, nodes, found = [], [], 0
    for init in model.graph.initializer:
        entry = table.get(_digest(numpy_helper.to_array(init))) if init.data_type == TensorProto.FLOAT16 else None
        if entry is None:
            kept.append(init)
            continue
        q, scale, axis = entry
        found += 1
        weight = helper.make_tensor(init.name + "_fp8", TensorProto.FLOAT8E4M3FN, q.shape, q.tobytes(), raw=True)
        scales = numpy_helper.from_array(scale, init.name + "_scale")
        kept.extend([weight, scales])
        nodes.append(helper.make_node("DequantizeLinear", [weight.name, scales.name], [init.name], axis=axis,
                                      name=init.name + "_dequantize"))
    # Two digests per weight (as is and transposed); each traced weight matches one of them.
    if found != len(table) // 2:
        raise SystemExit(f"export-wan: fp8: {found} of {len(table) // 2} quantized weights found in the traced graph")
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    rest = list(model.graph.node)
    del model.graph.node[:]
    model.graph.node.extend(nodes + rest)


# How far the fp8 graph may stray from Wan's float32 model (relative to the output's scale): each weight is rounded
# to 4 significant bits, a relative error up to 2^-4; over a dot product such errors add at random, so the output's
# error is of that order per layer, not of the sum. 2^-3 (two float8 roundoffs) bounds what the tiny models show
# (README, measured) with room; the tight check is against the same dequantized weights in fp16 (export_wan.py).
FP8_VS_FLOAT32_BAR = 2.0**-3


def check_vs_float32(report: dict, name: str) -> None:
    worst = max(v for v in report["float32"].values() if v is not None)
    report["float32Bar"] = FP8_VS_FLOAT32_BAR
    if not worst <= FP8_VS_FLOAT32_BAR:
        raise SystemExit(f"export-wan: {name} in fp8 differs from Wan's float32 model by {worst:.2e} of its scale "
                         f"(at most {FP8_VS_FLOAT32_BAR:g} for float8 weights)")
