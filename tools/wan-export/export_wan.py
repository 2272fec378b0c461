"""export-wan: an official Wan checkpoint folder in, the graphs of a Shotline bundle out, each one verified.

    python tools/wan-export/export_wan.py CHECKPOINT_DIR OUT_DIR --variant wan22-a14b|wan22-i2v-a14b|wan22-5b|wan21-14b
        [--dtype fp32|fp16|bf16|fp8] [--wan-source DIR] [--opset 17]

--dtype fp16|bf16 exports native half-precision experts: weights resident in half and the layers Wan runs under
autocast computing in half, norms, RoPE, the time embedding and the head in float32 (graphs.py); their I/O type is
read from the graphs (fp16: latents and text embeddings in float16; bf16 keeps float32 I/O, which onnxruntime-node can
feed). --dtype fp8 stores the experts' large matmul weights as float8 with per-channel scales, dequantized to
float16 in the graph (opset 19), and computes as fp16 does (fp8_weights.py). The umT5 encoder and the VAE keep
float32 compute (umT5 overflows float16) with half-width stored weights (float16 for fp8).

Writes the experts, the umT5 encoder, the streaming VAE decoder (init + step), for the image-conditioned variants
(I2V-A14B, TI2V-5B) the streaming VAE encoder (init + step), and the tokenizer, then prints one
JSON report on stdout (what was written, the opset, the providers the graphs were checked for, the verification
errors); `shotline export-wan` turns that report into shotline-model.json. Each graph is exported from Wan's own
modules (graphs.py), checked with onnx.checker, checked against DirectML's opset and operators (dml_ops.py), and
run in onnxruntime against torch on a random input. Graphs over 2 GB keep their weights in `<file>.data`.
"""

import argparse
import gc
import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkpoints  # noqa: E402
import dml_ops  # noqa: E402
import graphs  # noqa: E402
import fp8_weights  # noqa: E402
import half_precision  # noqa: E402
import wan_source  # noqa: E402

TWO_GB = 2 * 1024**3
# Providers whose documented limits the check covers: DirectML's opset/operator set is the narrowest of those
# onnxruntime-node ships, so a graph inside it also loads on CUDA, TensorRT, CoreML, WebGPU and the CPU.
CHECKED_FOR = ["dml", "cuda", "tensorrt", "coreml", "webgpu", "cpu"]
# bfloat16 experts have kernels on CUDA only (docs/OperatorKernels.md: none on DirectML; the CPU provider lacks
# bfloat16 Mul and most others, measured in the verification below).
CHECKED_FOR_BF16 = ["cuda"]
# float8 experts: DequantizeLinear from Float8E4M3FN has kernels on the CPU and CUDA providers (docs/OperatorKernels.md)
# and needs opset 19, above DirectML's 17; the CPU run is part of the verification below.
CHECKED_FOR_FP8 = ["cuda", "cpu"]
HALF = {"fp16": onnx.TensorProto.FLOAT16, "bf16": onnx.TensorProto.BFLOAT16}


def half_weights(model: onnx.ModelProto, dtype: str) -> None:
    """fp16/bf16: large float weights stored at half width, a Cast back to float in front of their users."""
    from onnx import helper, numpy_helper

    target = HALF[dtype]
    kept, added = [], []
    for init in model.graph.initializer:
        if init.data_type != onnx.TensorProto.FLOAT or np.prod(init.dims) < 1024:
            kept.append(init)
            continue
        values = numpy_helper.to_array(init)
        half = helper.make_tensor(init.name + "_half", target, values.shape,
                                  numpy_helper.from_array(values.astype(np.float16)).raw_data if dtype == "fp16"
                                  else (values.view(np.uint32) >> 16).astype(np.uint16).tobytes(), raw=True)
        kept.append(half)
        added.append(helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT))
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    nodes = list(model.graph.node)
    del model.graph.node[:]
    model.graph.node.extend(added + nodes)


def inline_squeeze_ifs(model: onnx.ModelProto) -> None:
    """The TorchScript exporter wraps `squeeze(dim)` of a size it cannot see in an If (is that size 1?). In Wan's
    VAE the size is the attention's single head, always 1, so the then-branch is inlined: DirectML has no If.
    The onnxruntime-vs-torch verification below and the parity suite check the result."""
    from onnx import helper

    nodes = []
    for node in model.graph.node:
        if node.op_type != "If":
            nodes.append(node)
            continue
        branch = next(a.g for a in node.attribute if a.name == "then_branch")
        nodes.extend(branch.node)
        nodes.extend(helper.make_node("Identity", [o.name], [name]) for o, name in zip(branch.output, node.output))
    del model.graph.node[:]
    model.graph.node.extend(nodes)


def export(module, args, path: Path, inputs, outputs, dynamic, opset: int, dtype: str, threshold: int,
           native: bool = False, post=None) -> dict:
    """Traces `module`, post-processes, saves (external data over `threshold` bytes), checks; returns its entry.
    `native`: the module already computes in `dtype` (half_precision checks it); else half `dtype` only stores the
    weights at half width (fp8: float16). `post`: one more rewrite of the traced graph before it is saved."""
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw.onnx"
        with torch.no_grad():
            torch.onnx.export(module, args, str(raw), dynamo=False, opset_version=opset, input_names=inputs,
                              output_names=outputs, dynamic_axes=dynamic, do_constant_folding=True,
                              custom_opsets={"com.microsoft": 1})
        model = onnx.load(str(raw))
    # The exporter leaves the fused attention's outputs untyped; shape inference types them again at load.
    typed = [v for v in model.graph.value_info if v.type.tensor_type.elem_type != 0]
    del model.graph.value_info[:]
    model.graph.value_info.extend(typed)
    inline_squeeze_ifs(model)
    stored = "fp16" if dtype == "fp8" else dtype
    if stored in HALF and not native:
        half_weights(model, stored)
    if post is not None:
        post(model)
    weight_bytes = sum(len(t.raw_data) for t in model.graph.initializer)
    path.parent.mkdir(parents=True, exist_ok=True)
    external = weight_bytes > threshold
    data = f"{path.name}.data"
    if external:
        (path.parent / data).unlink(missing_ok=True)
        onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True, location=data,
                        size_threshold=0)
    else:
        onnx.save_model(model, str(path))
    onnx.checker.check_model(str(path), full_check=True)
    graph = onnx.load(str(path), load_external_data=False)
    found = half_precision.precision_problems(graph, dtype) if native else []
    if found:
        raise SystemExit(f"export-wan: {path.name} " + "; ".join(found[:5]))
    del model
    found = dml_ops.problems(graph)
    if found and "dml" in checked_for(dtype):
        raise SystemExit(f"export-wan: {path.name} " + "; ".join(found))
    return {"file": path.name, "externalData": [data] if external else [], "weightBytes": weight_bytes}


# Largest relative |onnxruntime - torch| a graph may show: float32 differs by operation order only (measured
# ~3e-6 on the tiny VAE); half-width weights round each weight to 11 (fp16) or 8 (bf16) significant bits. An fp8
# bundle's umT5 and VAE store float16 weights, as fp16's do.
TOLERANCE = {"fp32": 1e-4, "fp16": 1e-2, "bf16": 5e-2, "fp8": 1e-2}


def verify(path: Path, module, feeds: dict, dtype: str) -> float:
    """Largest |onnxruntime - torch| relative to the output's scale, on one random input; refused over TOLERANCE."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = session.run(None, {k: v.numpy() for k, v in feeds.items()})
    with torch.no_grad():
        want = module(*feeds.values())
    want = want if isinstance(want, tuple) else (want,)
    worst = 0.0
    for g, w in zip(got, want):
        w = w.float().numpy()
        worst = max(worst, float(np.abs(g - w).max() / max(np.abs(w).max(), 1e-6)))
    if not worst <= TOLERANCE[dtype]:
        raise SystemExit(f"export-wan: {path.name} differs from torch by {worst:.2e} of its scale "
                         f"(at most {TOLERANCE[dtype]:g} for {dtype}); the export is not faithful")
    return worst


def checked_for(dtype: str) -> list:
    return {"bf16": CHECKED_FOR_BF16, "fp8": CHECKED_FOR_FP8}.get(dtype, CHECKED_FOR)


def export_bundle(checkpoint: Path, out: Path, variant: str, dtype: str, source, opset: int, threshold: int) -> dict:
    wan = wan_source.load(wan_source.find_source(source))
    layout = checkpoints.LAYOUTS[variant]
    torch.manual_seed(0)
    # Native experts (fp16, bf16, fp8) compute in a half type; fp8's graphs need opset 19 (DequantizeLinear of float8).
    native = dtype in half_precision.COMPUTE
    compute = half_precision.COMPUTE.get(dtype, dtype)
    expert_opset = max(opset, fp8_weights.OPSET) if dtype == "fp8" else opset
    report = {"variant": layout.manifest_variant, "dtype": dtype, "compute": compute, "opset": expert_opset,
              "checkedFor": checked_for(dtype), "experts": []}

    # One expert in memory at a time (loaded, exported, verified, dropped): the export's RAM is one expert's.
    first = checkpoints.load_expert(wan, checkpoint / layout.experts[0].folder)
    # The latents have out_dim channels; I2V's in_dim adds y's (mask + encoded video).
    C, L, D, patch = first.out_dim, first.text_len, first.text_dim, list(first.patch_size)
    Y = first.in_dim - C
    per_frame = layout.image == "first-latent"
    names = ["latent_input", "timestep", "text_embeddings"] + (["image_conditioning"] if Y else [])
    grid = {2: "F", 3: "H", 4: "W"}
    axes = {"latent_input": grid, "noise_prediction": grid, **({"timestep": {1: "F"}} if per_frame else {}),
            **({"image_conditioning": grid} if Y else {})}
    # fp16 graphs take their latents, text and y in float16 (their first layers cast to it anyway);
    # onnxruntime-node has no bfloat16 tensors, so bf16 graphs take float32 and cast inside.
    io = torch.float16 if compute == "fp16" else torch.float32

    def dit_inputs(frames, h, w, t, io=torch.float32):
        timestep = torch.tensor([[0.0] + [t] * (frames - 1)]) if per_frame else torch.tensor([t])
        y = (torch.randn(1, Y, frames, h, w).to(io),) if Y else ()
        return (torch.randn(1, C, frames, h, w).to(io), timestep, torch.randn(1, L, D).to(io), *y)

    sample = dit_inputs(2, 4, 6, 875.0, io)
    for index, e in enumerate(layout.experts):
        model = first if index == 0 else checkpoints.load_expert(wan, checkpoint / e.folder)
        first = None
        other = dict(zip(names, dit_inputs(3, 6, 4, 300.0)))
        graph = graphs.DitGraph(wan, model, per_frame=per_frame, image=Y > 0).eval()
        original, post = None, None
        if native:
            # Wan's float32 answer first; then the same weights become half in place (the float32 copy goes).
            want = half_precision.torch_output(graph, other)
            if dtype == "fp8":
                # The tight check is against float32 on the quantized weights; the float32 answer of the original
                # weights measures what float8 loses (the looser bar).
                quantized = fp8_weights.quantize_in_place(model)
                original, want = want, half_precision.torch_output(graph, other)
                post = lambda traced: fp8_weights.store_fp8(traced, quantized)  # noqa: E731
            graph = graphs.DitGraph(wan, model, compute, in_place=True, per_frame=per_frame, image=Y > 0).eval()
        torch.onnx.register_custom_op_symbolic("aten::scaled_dot_product_attention",
                                               graphs.fused_attention_symbolic(model.num_heads), expert_opset)
        del model
        file = "dit.onnx" if len(layout.experts) == 1 else f"dit_{e.id}.onnx"
        entry = export(graph, sample, out / file, names, ["noise_prediction"], axes, expert_opset, dtype, threshold,
                       native=native, post=post)
        post = None
        if native:
            torch_half = half_precision.torch_output(graph, other, io if compute == "fp16" else None)
            del graph
            gc.collect()
            entry["verification"] = half_precision.verify_half(out / file, want, torch_half, other, compute, original)
            if dtype == "fp8":
                fp8_weights.check_vs_float32(entry["verification"], file)
        else:
            entry["verification"] = verify(out / file, graph, other, dtype)
            del graph
        report["experts"].append({"id": e.id, "minTimestep": e.min_timestep, "guidance": e.guidance, **entry})
        gc.collect()
    if layout.image:
        report["image"] = layout.image
    if layout.first_last_frame:
        report["firstLastFrame"] = True
    # The VAE's one-head attention over one latent frame stays plain ONNX.
    torch.onnx.unregister_custom_op_symbolic("aten::scaled_dot_product_attention", expert_opset)
    report["latentChannels"] = C
    report["textLength"] = L
    report["patch"] = patch

    t5 = checkpoints.load_t5(wan, checkpoint / checkpoints.T5_FILE)
    te = graphs.TextEncoderGraph(t5).eval()
    ids = torch.randint(0, t5.token_embedding.num_embeddings, (1, 8))
    mask = torch.ones(1, 8, dtype=torch.long)
    report["textEncoder"] = export(te, (ids, mask), out / "t5_encoder.onnx", ["input_ids", "attention_mask"],
                                   ["text_embeddings"], {"input_ids": {0: "B", 1: "S"},
                                                         "attention_mask": {0: "B", 1: "S"},
                                                         "text_embeddings": {0: "B", 1: "S"}}, opset, dtype, threshold)
    mask2 = torch.tensor([[1] * 7 + [0] * 5])
    report["textEncoder"]["verification"] = verify(
        out / "t5_encoder.onnx", te, {"input_ids": torch.randint(0, t5.token_embedding.num_embeddings, (1, 12)),
                                      "attention_mask": mask2}, dtype)
    report["textDim"] = t5.dim

    vae, mean, std = checkpoints.load_vae(wan, layout.vae_kind, checkpoint / layout.vae_file)
    init = graphs.VaeFrameGraph(wan, vae, mean, std, layout.vae_kind, init=True).eval()
    step = graphs.VaeFrameGraph(wan, vae, mean, std, layout.vae_kind, init=False).eval()
    z0, z1 = torch.randn(1, C, 1, 4, 6), torch.randn(1, C, 1, 4, 6)
    with torch.no_grad():
        caches = init(z0)[1:]
    count = len(caches)
    spatial = {3: "h", 4: "w"}
    cache_axes = {f"{p}{k}": {3: f"{p}h{k}", 4: f"{p}w{k}"} for p in ("c", "nc") for k in range(count)}
    report["vae"] = {
        "cacheCount": count,
        "spatialStride": 8 if layout.vae_kind == "2.1" else 16,
        "init": export(init, (z0,), out / "vae_decoder_init.onnx", ["latent_frame"],
                       ["video_frames"] + [f"nc{k}" for k in range(count)],
                       {"latent_frame": spatial, "video_frames": spatial,
                        **{k: v for k, v in cache_axes.items() if k.startswith("nc")}}, opset, dtype, threshold),
        "step": export(step, (z1, *caches), out / "vae_decoder.onnx",
                       ["latent_frame"] + [f"c{k}" for k in range(count)],
                       ["video_frames"] + [f"nc{k}" for k in range(count)],
                       {"latent_frame": spatial, "video_frames": spatial, **cache_axes}, opset, dtype, threshold),
    }
    report["vae"]["init"]["verification"] = verify(out / "vae_decoder_init.onnx", init, {"latent_frame": z1}, dtype)
    with torch.no_grad():
        caches1 = init(z1)[1:]
    report["vae"]["step"]["verification"] = verify(
        out / "vae_decoder.onnx", step, {"latent_frame": z0, **{f"c{k}": c for k, c in enumerate(caches1)}}, dtype)

    if layout.image:
        report["vaeEncoder"] = export_encoder(wan, vae, mean, std, layout.vae_kind, out, opset, dtype, threshold)

    tokenizer = out / checkpoints.TOKENIZER_FILE
    tokenizer.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(checkpoint / checkpoints.TOKENIZER_FILE, tokenizer)
    report["tokenizer"] = checkpoints.TOKENIZER_FILE
    return report


def export_encoder(wan, vae, mean, std, kind: str, out: Path, opset: int, dtype: str, threshold: int) -> dict:
    """The streaming VAE encoder (init: frame 0; step: 4 frames + caches), each graph verified like the others."""
    stride = 8 if kind == "2.1" else 16
    init = graphs.VaeEncodeGraph(wan, vae, mean, std, kind, init=True).eval()
    step = graphs.VaeEncodeGraph(wan, vae, mean, std, kind, init=False).eval()
    x0, x1 = torch.randn(1, 3, 1, 4 * stride, 6 * stride), torch.randn(1, 3, 4, 4 * stride, 6 * stride)
    with torch.no_grad():
        caches = init(x0)[1:]
    count = len(caches)
    spatial = {3: "H", 4: "W"}
    latent = {3: "h", 4: "w"}
    cache_axes = {f"{p}{k}": {3: f"{p}h{k}", 4: f"{p}w{k}"} for p in ("c", "nc") for k in range(count)}
    outputs = ["latent_frame"] + [f"nc{k}" for k in range(count)]
    entry = {
        "cacheCount": count,
        "init": export(init, (x0,), out / "vae_encoder_init.onnx", ["video_frames"], outputs,
                       {"video_frames": spatial, "latent_frame": latent,
                        **{k: v for k, v in cache_axes.items() if k.startswith("nc")}}, opset, dtype, threshold),
        "step": export(step, (x1, *caches), out / "vae_encoder.onnx",
                       ["video_frames"] + [f"c{k}" for k in range(count)], outputs,
                       {"video_frames": spatial, "latent_frame": latent, **cache_axes}, opset, dtype, threshold),
    }
    # Verified at another size and on other frames than traced; the step on the caches of another frame 0.
    y0 = torch.randn(1, 3, 1, 6 * stride, 4 * stride)
    entry["init"]["verification"] = verify(out / "vae_encoder_init.onnx", init, {"video_frames": y0}, dtype)
    with torch.no_grad():
        caches1 = init(y0)[1:]
    entry["step"]["verification"] = verify(
        out / "vae_encoder.onnx", step,
        {"video_frames": torch.randn(1, 3, 4, 6 * stride, 4 * stride), **{f"c{k}": c for k, c in enumerate(caches1)}},
        dtype)
    return entry


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--variant", choices=sorted(checkpoints.LAYOUTS), required=True)
    parser.add_argument("--dtype", choices=["fp32", "fp16", "bf16", "fp8"], default="fp32")
    parser.add_argument("--wan-source", type=Path)
    parser.add_argument("--opset", type=int, default=dml_ops.DML_OPSET_CEILING)
    # Tests lower this to exercise the external-data layout on tiny graphs.
    parser.add_argument("--external-over", type=int, default=TWO_GB, help=argparse.SUPPRESS)
    args = parser.parse_args()
    try:
        report = export_bundle(args.checkpoint, args.out, args.variant, args.dtype, args.wan_source, args.opset,
                               args.external_over)
    except (wan_source.SourceMissing, checkpoints.CheckpointError) as err:
        raise SystemExit(f"export-wan: {err}") from None
    print(json.dumps(report))


if __name__ == "__main__":
    main()
