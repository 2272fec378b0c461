"""Wan's own sampling loop on a checkpoint, every step's latents and the decoded frames written for comparison.

    python tools/wan-export/parity.py CHECKPOINT_DIR OUT_DIR --variant wan22-a14b|wan22-5b|wan21-14b
        [--wan-source DIR] [--steps N] [--size WxH] [--frames F] [--seed N]

The loop is WanT2V.generate's (wan/text2video.py, lines 276-368 at 42bf4cf) and WanTI2V.t2v's
(wan/textimage2video.py) with what a CPU run cannot take swapped as in wan_source.py: the same
FlowUniPCMultistepScheduler(shift=1) with set_timesteps(steps, shift=...), the expert chosen by t >= boundary, two
model calls per step and `uncond + g * (cond - uncond)`, scheduler.step per timestep, then the VAE's decode with
the wrapper's scale and clamp to [-1, 1] (Wan2_1_VAE.decode / Wan2_2_VAE.decode). Wan's own rope_apply (complex
float64) runs here, so a comparison with the exported graphs also checks export-wan's real-valued rewrite.

The prompt embeddings are random (a fixed seed) instead of umT5's: this compares the denoising and decoding, and
the encoder graph is verified on its own by export_wan.py. Files (little-endian float32): cond.bin, uncond.bin
[L, D] zero-padded past the prompt length, noise.bin [C, T, h, w], latents.bin [steps + 1, C, T, h, w] (before
each step, then the result), frames.bin [3, F, H, W]; meta.json holds shapes, timesteps and guidance.
"""

import argparse
import json
import math
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkpoints  # noqa: E402
import wan_source  # noqa: E402

BOUNDARY = 875  # wan_t2v_A14B.py: boundary 0.875 x num_train_timesteps 1000
SHIFT = {"wan22-a14b": 12.0, "wan22-5b": 5.0, "wan21-14b": 5.0}  # sample_shift in the configs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--variant", choices=sorted(checkpoints.LAYOUTS), required=True)
    parser.add_argument("--wan-source", type=Path)
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--size", default="48x32")
    parser.add_argument("--frames", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--prompt-length", type=int, default=5)
    args = parser.parse_args()
    torch.set_grad_enabled(False)
    wan = wan_source.load(wan_source.find_source(args.wan_source))
    layout = checkpoints.LAYOUTS[args.variant]
    experts = {e.id: (e, checkpoints.load_expert(wan, args.checkpoint / e.folder)) for e in layout.experts}
    first = next(iter(experts.values()))[1]
    vae, mean, std = checkpoints.load_vae(wan, layout.vae_kind, args.checkpoint / layout.vae_file)
    stride = 8 if layout.vae_kind == "2.1" else 16
    width, height = (int(v) for v in args.size.split("x"))
    shape = (first.in_dim, (args.frames - 1) // 4 + 1, height // stride, width // stride)
    p = first.patch_size
    seq_len = math.ceil(shape[2] * shape[3] / (p[1] * p[2]) * shape[1])

    g = torch.Generator().manual_seed(args.seed)
    embed = lambda: torch.randn(args.prompt_length, first.text_dim, generator=g)  # noqa: E731
    cond, uncond = embed(), embed()
    noise = torch.randn(*shape, dtype=torch.float32, generator=g)

    scheduler = wan.unipc.FlowUniPCMultistepScheduler(num_train_timesteps=1000, shift=1, use_dynamic_shifting=False)
    scheduler.set_timesteps(args.steps, device="cpu", shift=SHIFT[args.variant])
    latents = noise.clone()
    history = []
    guidance_used = []
    for t in scheduler.timesteps:
        history.append(latents.clone())
        spec, model = next(experts[e.id] for e in sorted(layout.experts, key=lambda e: -e.min_timestep)
                           if t.item() >= e.min_timestep)
        timestep = torch.stack([t])
        if args.variant == "wan22-5b":  # textimage2video.py: one timestep per token (all equal in text-to-video)
            timestep = (torch.ones(seq_len) * timestep).unsqueeze(0)
        c = model([latents], t=timestep, context=[cond], seq_len=seq_len)[0]
        u = model([latents], t=timestep, context=[uncond], seq_len=seq_len)[0]
        v = u + spec.guidance * (c - u)
        guidance_used.append(spec.guidance)
        latents = scheduler.step(v.unsqueeze(0), t, latents.unsqueeze(0), return_dict=False)[0].squeeze(0)
    history.append(latents.clone())
    frames = vae.decode(latents.unsqueeze(0), [mean, 1.0 / std]).float().clamp_(-1, 1).squeeze(0)

    args.out.mkdir(parents=True, exist_ok=True)
    pad = lambda e: torch.cat([e, e.new_zeros(first.text_len - e.size(0), e.size(1))])  # noqa: E731
    for name, tensor in [("cond", pad(cond)), ("uncond", pad(uncond)), ("noise", noise),
                         ("latents", torch.stack(history)), ("frames", frames)]:
        (args.out / f"{name}.bin").write_bytes(tensor.contiguous().numpy().astype("<f4").tobytes())
    meta = {"latentShape": list(shape), "frameShape": list(frames.shape), "steps": args.steps,
            "shift": SHIFT[args.variant], "timesteps": [int(t) for t in scheduler.timesteps],
            "guidance": guidance_used, "torch": torch.__version__}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
