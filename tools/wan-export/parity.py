"""Wan's own sampling loop on a checkpoint, every step's latents and the decoded frames written for comparison.

    python tools/wan-export/parity.py CHECKPOINT_DIR OUT_DIR --variant wan22-a14b|wan22-i2v-a14b|wan22-5b|wan21-14b
        [--wan-source DIR] [--steps N] [--size WxH] [--frames F] [--seed N] [--image [--last-frame]]

The loop is WanT2V.generate's (wan/text2video.py, lines 276-368 at 42bf4cf) and WanTI2V.t2v's
(wan/textimage2video.py) with what a CPU run cannot take swapped as in wan_source.py: the same
FlowUniPCMultistepScheduler(shift=1) with set_timesteps(steps, shift=...), the expert chosen by t >= boundary, two
model calls per step and `uncond + g * (cond - uncond)`, scheduler.step per timestep, then the VAE's decode with
the wrapper's scale and clamp to [-1, 1] (Wan2_1_VAE.decode / Wan2_2_VAE.decode). With --image the loop starts
from a seeded random image as Wan's image pipelines do: WanTI2V.i2v (textimage2video.py: the encoded image is
latent frame 0, put back after every step, its tokens at timestep 0) for the 5B, WanI2V.generate (image2video.py:
y = [mask, VAE([image, zeros])] passed to the model) for I2V-A14B; image.bin holds the image [3, H, W]. With
--last-frame (I2V-A14B) y is Wan2.1's first-and-last-frame one, built as WanFLF2V.generate builds it
(Wan-Video/Wan2.1 wan/first_last_frame2video.py, lines 231-276 at 76e9427): the mask 1 on the first and last pixel
frames, VAE([first, zeros(F - 2), last]); Wan2.2 has no FLF2V pipeline, and ComfyUI's Wan2.2 14B FLF2V workflow runs
the I2V-A14B experts on this y. end.bin holds the last image. Wan's own
rope_apply (complex float64) runs here, so a comparison with the exported graphs also checks export-wan's
real-valued rewrite.

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

SHIFT = {"wan22-a14b": 12.0, "wan22-i2v-a14b": 5.0, "wan22-5b": 5.0, "wan21-14b": 5.0}  # sample_shift in the configs


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
    parser.add_argument("--image", action="store_true", help="start from an image (I2V-A14B, TI2V-5B)")
    parser.add_argument("--last-frame", action="store_true", help="also end on an image (I2V-A14B, Wan2.1's FLF2V y)")
    args = parser.parse_args()
    if args.last_frame and (not args.image or args.variant != "wan22-i2v-a14b" or args.frames < 5):
        parser.error("--last-frame needs --image, --variant wan22-i2v-a14b and --frames of at least 5")
    torch.set_grad_enabled(False)
    wan = wan_source.load(wan_source.find_source(args.wan_source))
    layout = checkpoints.LAYOUTS[args.variant]
    experts = {e.id: (e, checkpoints.load_expert(wan, args.checkpoint / e.folder)) for e in layout.experts}
    first = next(iter(experts.values()))[1]
    vae, mean, std = checkpoints.load_vae(wan, layout.vae_kind, args.checkpoint / layout.vae_file)
    stride = 8 if layout.vae_kind == "2.1" else 16
    width, height = (int(v) for v in args.size.split("x"))
    shape = (first.out_dim, (args.frames - 1) // 4 + 1, height // stride, width // stride)
    p = first.patch_size
    seq_len = math.ceil(shape[2] * shape[3] / (p[1] * p[2]) * shape[1])

    g = torch.Generator().manual_seed(args.seed)
    embed = lambda: torch.randn(args.prompt_length, first.text_dim, generator=g)  # noqa: E731
    cond, uncond = embed(), embed()
    noise = torch.randn(*shape, dtype=torch.float32, generator=g)
    image = torch.rand(3, height, width, generator=g) * 2 - 1 if args.image else None
    end = torch.rand(3, height, width, generator=g) * 2 - 1 if args.last_frame else None  # drawn after: i2v unchanged
    scale = [mean, 1.0 / std]  # the wrappers' self.scale
    y, z, mask2 = None, None, None
    if image is not None and layout.image == "first-latent":
        z = vae.encode(image[None, :, None], scale)[0]  # Wan2_2_VAE.encode([img]) with img [3, 1, H, W]
        mask2 = torch.ones_like(noise)
        mask2[:, 0] = 0  # masks_like([noise], zero=True)
    elif image is not None:
        # image2video.py: msk over F frames, the first repeated 4 times, folded by the temporal stride.
        # first_last_frame2video.py: the same with the last frame kept too (`msk[:, 1:-1] = 0`; it writes 81, its
        # default frame count, where F is meant: a tiny take has fewer frames).
        F, (lat_h, lat_w) = args.frames, shape[2:]
        msk = torch.ones(1, F, lat_h, lat_w)
        msk[:, 1:-1 if end is not None else None] = 0
        msk = torch.concat([torch.repeat_interleave(msk[:, 0:1], repeats=4, dim=1), msk[:, 1:]], dim=1)
        msk = msk.view(1, msk.shape[1] // 4, 4, lat_h, lat_w).transpose(1, 2)[0]
        resized = lambda frame: (torch.nn.functional.interpolate(frame[None], size=(height, width), mode="bicubic")  # noqa: E731
                                 .transpose(0, 1))
        video = torch.concat([resized(image), torch.zeros(3, F - 1, height, width)] if end is None else
                             [resized(image), torch.zeros(3, F - 2, height, width), resized(end)], dim=1)
        y = torch.concat([msk, vae.encode(video[None], scale)[0]])

    scheduler = wan.unipc.FlowUniPCMultistepScheduler(num_train_timesteps=1000, shift=1, use_dynamic_shifting=False)
    scheduler.set_timesteps(args.steps, device="cpu", shift=SHIFT[args.variant])
    latents = noise.clone()
    hold = (lambda x: (1.0 - mask2) * z + mask2 * x) if z is not None else (lambda x: x)  # noqa: E731
    latents = hold(latents)
    history = []
    guidance_used = []
    for t in scheduler.timesteps:
        history.append(latents.clone())
        spec, model = next(experts[e.id] for e in sorted(layout.experts, key=lambda e: -e.min_timestep)
                           if t.item() >= e.min_timestep)
        timestep = torch.stack([t])
        if args.variant == "wan22-5b":  # textimage2video.py: one timestep per token, `mask2 * t`
            per_token = ((mask2 if mask2 is not None else torch.ones_like(noise))[0][:, ::2, ::2] * timestep).flatten()
            timestep = torch.cat([per_token, per_token.new_ones(seq_len - per_token.size(0)) * timestep]).unsqueeze(0)
        extra = {"y": [y]} if y is not None else {}
        c = model([latents], t=timestep, context=[cond], seq_len=seq_len, **extra)[0]
        u = model([latents], t=timestep, context=[uncond], seq_len=seq_len, **extra)[0]
        v = u + spec.guidance * (c - u)
        guidance_used.append(spec.guidance)
        latents = scheduler.step(v.unsqueeze(0), t, latents.unsqueeze(0), return_dict=False)[0].squeeze(0)
        latents = hold(latents)
    history.append(latents.clone())
    frames = vae.decode(latents.unsqueeze(0), [mean, 1.0 / std]).float().clamp_(-1, 1).squeeze(0)

    args.out.mkdir(parents=True, exist_ok=True)
    pad = lambda e: torch.cat([e, e.new_zeros(first.text_len - e.size(0), e.size(1))])  # noqa: E731
    images = [(name, t) for name, t in (("image", image), ("end", end)) if t is not None]
    for name, tensor in [("cond", pad(cond)), ("uncond", pad(uncond)), ("noise", noise),
                         ("latents", torch.stack(history)), ("frames", frames), *images]:
        (args.out / f"{name}.bin").write_bytes(tensor.contiguous().numpy().astype("<f4").tobytes())
    meta = {"latentShape": list(shape), "frameShape": list(frames.shape), "steps": args.steps,
            "shift": SHIFT[args.variant], "timesteps": [int(t) for t in scheduler.timesteps],
            "guidance": guidance_used, "torch": torch.__version__}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
