"""The ai.onnx operators DirectML runs, and a check that an exported graph stays inside them at opset <= 17.

From onnxruntime's docs/OperatorKernels.md, section "Operators implemented by DmlExecutionProvider" (commit
001d12d of https://github.com/microsoft/onnxruntime/blob/main/docs/OperatorKernels.md), limited to the ops a
Wan export can produce. DirectML's kernels take float and float16 for arithmetic (not double, not bfloat16), so
a double or bfloat16 tensor anywhere is refused as well: a native fp16 export passes the same check as an fp32 one
(every operator above, MultiHeadAttention included, lists float16), a bf16 export cannot run on DirectML (nor on
WebGPU, whose kernels take float and float16). Opset 17: DESIGN.md section 4 and onnxruntime's DirectML page.
"""

import onnx

DML_OPSET_CEILING = 17

DML_OPS = frozenset("""
Abs Add And ArgMax ArgMin AveragePool BatchNormalization Cast Ceil Clip Concat Constant ConstantOfShape Conv
ConvTranspose Cos CumSum DepthToSpace Div Dropout Einsum Elu Equal Erf Exp Expand Flatten Floor Gather GatherElements
GatherND Gemm GlobalAveragePool Greater GreaterOrEqual GroupNorm Identity InstanceNormalization IsInf IsNaN
LayerNormalization LeakyRelu Less LessOrEqual Log LogSoftmax MatMul Max MaxPool Mean Min Mod Mul Neg NonZero Not
OneHot Or Pad Pow PRelu Range Reciprocal ReduceL2 ReduceMax ReduceMean ReduceMin ReduceProd ReduceSum Relu Reshape
Resize Round ScatterElements ScatterND Shape Sigmoid Sign Sin Size Slice Softmax Softplus SpaceToDepth Split Sqrt
Squeeze Sub Sum Tanh Tile TopK Transpose Trilu Unsqueeze Upsample Where Xor
""".split())

# The one contrib op an export uses: fused attention (same document, com.microsoft domain of the DML section).
DML_CONTRIB_OPS = frozenset({"MultiHeadAttention"})

DOUBLE = onnx.TensorProto.DOUBLE
BFLOAT16 = onnx.TensorProto.BFLOAT16


def problems(model: onnx.ModelProto) -> list:
    """Sentences naming what DirectML would not run; empty when the graph passes."""
    found = []
    for imp in model.opset_import:
        if imp.domain in ("", "ai.onnx") and imp.version > DML_OPSET_CEILING:
            found.append(f"imports opset {imp.version}; DirectML runs {DML_OPSET_CEILING} at most")
    ops = {(n.domain or "", n.op_type) for n in model.graph.node}
    outside = sorted(op for domain, op in ops if domain in ("", "ai.onnx") and op not in DML_OPS)
    outside += sorted(f"{domain}.{op}" for domain, op in ops
                      if domain == "com.microsoft" and op not in DML_CONTRIB_OPS)
    outside += sorted(f"{domain}.{op}" for domain, op in ops if domain not in ("", "ai.onnx", "com.microsoft"))
    if outside:
        found.append("uses operators outside DirectML's set: " + ", ".join(outside))
    doubles = [n.name or n.op_type for n in model.graph.node
               if n.op_type == "Cast" and any(a.name == "to" and a.i == DOUBLE for a in n.attribute)]
    doubles += [t.name for t in model.graph.initializer if t.data_type == DOUBLE]
    if doubles:
        found.append("computes in double (no DirectML kernel): " + ", ".join(doubles[:5]))
    bf16 = [n.name or n.op_type for n in model.graph.node
            if n.op_type == "Cast" and any(a.name == "to" and a.i == BFLOAT16 for a in n.attribute)]
    bf16 += [t.name for t in model.graph.initializer if t.data_type == BFLOAT16]
    if bf16:
        found.append("computes in bfloat16 (no DirectML kernel): " + ", ".join(bf16[:5]))
    return found
