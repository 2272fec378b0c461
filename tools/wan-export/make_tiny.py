"""Writes a tiny random-weight checkpoint folder in the official layout, built with Wan's own classes.

    python tools/wan-export/make_tiny.py OUT_DIR --variant wan22-a14b|wan22-i2v-a14b|wan22-5b|wan21-14b --tokenizer FILE
        [--wan-source DIR] [--seed N] [--dim N --layers N]

--dim/--layers widen and deepen the transformer (the README's export-RAM figures come from a few such sizes).

The architecture is the official one (WanModel in the A14B, I2V-A14B (in_dim 36) or TI2V-5B configuration, umT5's
encoder, the Wan2.1 or Wan2.2 VAE) with few layers and small widths, so export-wan and the parity suite run in
seconds on two CPU cores.
Every weight is random and seeded (WanModel zero-initialises its output head, which would hide any error).
"""

import argparse
import json
import math
import shutil
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkpoints  # noqa: E402
import wan_source  # noqa: E402

# Shrunk from wan/configs: dim 5120/3072 -> 32 (ffn 2x dim), 40/30 layers -> 2, 40/24 heads -> 2 (head dim 16 keeps Wan's
# three-way RoPE split non-empty), umT5 4096 wide / 24 layers -> 32 / 2, VAE base width 96/160 -> 8.
TINY = dict(dim=32, freq_dim=32, num_heads=2, num_layers=2, text_len=16,
            t5_dim=32, t5_ffn=64, t5_heads=2, t5_layers=2, t5_buckets=32, vae_dim=8)


def randomize(model: torch.nn.Module, generator: torch.Generator) -> None:
    """Seeded weights of the fan-in scale, biases and norms included, so every parameter takes part."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            fan_in = math.prod(p.shape[1:]) if p.dim() > 1 else p.shape[0]
            scale = 1.0 / math.sqrt(fan_in) if p.dim() > 1 else 0.1
            noise = torch.randn(p.shape, generator=generator, dtype=torch.float32)
            p.copy_(noise * scale + (1.0 if name.endswith(("norm.weight", "gamma")) and p.dim() == 1 else 0.0))


def expert(wan, variant: str, text_dim: int, generator: torch.Generator, dim: int, layers: int):
    channels = 48 if variant == "wan22-5b" else 16
    # wan_i2v_A14B: in_dim 36 = 16 noise + 4 mask + 16 image-latent channels, out_dim 16.
    model_type = {"wan22-5b": "ti2v", "wan22-i2v-a14b": "i2v"}.get(variant, "t2v")
    config = dict(model_type=model_type, patch_size=[1, 2, 2],
                  text_len=TINY["text_len"], in_dim=channels + (20 if model_type == "i2v" else 0),
                  dim=dim, ffn_dim=2 * dim, freq_dim=TINY["freq_dim"], text_dim=text_dim,
                  out_dim=channels, num_heads=TINY["num_heads"], num_layers=layers, window_size=[-1, -1],
                  qk_norm=True, cross_attn_norm=True, eps=1e-6)
    model = wan.model.WanModel(**config)
    randomize(model, generator)
    return model, {"_class_name": "WanModel", "_diffusers_version": "0.35.0", **config}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--variant", choices=sorted(checkpoints.LAYOUTS), required=True)
    parser.add_argument("--tokenizer", type=Path, required=True, help="a tokenizer.json to ship as google/umt5-xxl")
    parser.add_argument("--wan-source", type=Path)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--dim", type=int, default=TINY["dim"])
    parser.add_argument("--layers", type=int, default=TINY["num_layers"])
    args = parser.parse_args()
    wan = wan_source.load(wan_source.find_source(args.wan_source))
    layout = checkpoints.LAYOUTS[args.variant]
    generator = torch.Generator().manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)

    tokenizer = json.loads(args.tokenizer.read_text())
    (args.out / checkpoints.TOKENIZER_FILE).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(args.tokenizer, args.out / checkpoints.TOKENIZER_FILE)
    vocab = len(tokenizer["model"]["vocab"])
    t5 = wan.t5.T5Encoder(vocab=vocab, dim=TINY["t5_dim"], dim_attn=TINY["t5_dim"], dim_ffn=TINY["t5_ffn"],
                          num_heads=TINY["t5_heads"], num_layers=TINY["t5_layers"], num_buckets=TINY["t5_buckets"],
                          shared_pos=False, dropout=0.0)
    randomize(t5, generator)
    torch.save(t5.state_dict(), args.out / checkpoints.T5_FILE)

    from safetensors.torch import save_file

    for e in layout.experts:
        model, config = expert(wan, args.variant, TINY["t5_dim"], generator, args.dim, args.layers)
        folder = args.out / e.folder
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n")
        save_file({k: v.contiguous() for k, v in model.state_dict().items()},
                  str(folder / "diffusion_pytorch_model.safetensors"))

    z_dim = 16 if layout.vae_kind == "2.1" else 48
    if layout.vae_kind == "2.1":
        vae = wan.vae21.WanVAE_(dim=TINY["vae_dim"], z_dim=z_dim, dim_mult=[1, 2, 4, 4], num_res_blocks=2,
                                attn_scales=[], temperal_downsample=[False, True, True], dropout=0.0)
    else:
        vae = wan.vae22.WanVAE_(dim=TINY["vae_dim"], dec_dim=TINY["vae_dim"], z_dim=z_dim, dim_mult=[1, 2, 4, 4],
                                num_res_blocks=2, attn_scales=[], temperal_downsample=[False, True, True], dropout=0.0)
    randomize(vae, generator)
    torch.save(vae.state_dict(), args.out / layout.vae_file)
    print(f"wrote {args.out} ({args.variant}, tiny, seed {args.seed})")


if __name__ == "__main__":
    main()
