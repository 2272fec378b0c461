"""The official checkpoint folders' layout, and loading them into Wan's own classes.

Layouts as the Wan2.2 configs name them (wan/configs/wan_t2v_A14B.py, wan_i2v_A14B.py, wan_ti2v_5B.py; Wan2.1's
T2V-14B the same with one model at the root): experts as diffusers folders (config.json + *.safetensors), the umT5
encoder and the VAE as torch state dicts, the tokenizer under google/umt5-xxl/. The .pth files carry no config: the
sizes that differ between checkpoints are read off the weights' shapes, the rest is the official architecture.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import torch

T5_FILE = "models_t5_umt5-xxl-enc-bf16.pth"
TOKENIZER_FILE = "google/umt5-xxl/tokenizer.json"


@dataclass(frozen=True)
class ExpertLayout:
    id: str  # the manifest's expert id
    folder: str  # relative to the checkpoint folder; "." for a single model at the root
    min_timestep: int  # A14B: boundary 0.875 of 1000 training timesteps
    guidance: float


@dataclass(frozen=True)
class Layout:
    manifest_variant: str
    experts: tuple
    vae_file: str
    vae_kind: str  # "2.1" (stride 8, 16 channels) or "2.2" (stride 16, 48 channels)
    # How the experts take a start image: "channels" (I2V: y concatenated, in_dim 36), "first-latent" (TI2V: the
    # image is latent frame 0, one timestep per frame), or None (text only).
    image: "str | None" = None
    # Whether the experts also take Wan2.1's first-and-last-frame y (wan/first_last_frame2video.py: the mask on the
    # first and last frames, VAE([first, zeros, last])): ComfyUI's official Wan2.2 14B FLF2V workflow runs the
    # I2V-A14B experts on it (WanFirstLastFrameToVideo, comfy_extras/nodes_wan.py).
    first_last_frame: bool = False


LAYOUTS = {
    # Guidance (low, high) = (3.0, 4.0) and boundary 0.875: wan_t2v_A14B.py.
    "wan22-a14b": Layout(
        "wan22-t2v-a14b",
        (ExpertLayout("high_noise", "high_noise_model", 875, 4.0), ExpertLayout("low_noise", "low_noise_model", 0, 3.0)),
        "Wan2.1_VAE.pth",
        "2.1",
    ),
    # Guidance (3.5, 3.5) and boundary 0.900: wan_i2v_A14B.py.
    "wan22-i2v-a14b": Layout(
        "wan22-i2v-a14b",
        (ExpertLayout("high_noise", "high_noise_model", 900, 3.5),
         ExpertLayout("low_noise", "low_noise_model", 0, 3.5)),
        "Wan2.1_VAE.pth",
        "2.1",
        "channels",
        first_last_frame=True,
    ),
    "wan22-5b": Layout("wan22-ti2v-5b", (ExpertLayout("dense", ".", 0, 5.0),), "Wan2.2_VAE.pth", "2.2", "first-latent"),
    "wan21-14b": Layout("wan21-t2v-14b", (ExpertLayout("dense", ".", 0, 5.0),), "Wan2.1_VAE.pth", "2.1"),
}


class CheckpointError(Exception):
    """A checkpoint folder that does not hold what its variant needs (the message names the file)."""


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise CheckpointError(f"{path} is missing ({what})")
    return path


def load_state(path: Path) -> dict:
    if path.suffix == ".safetensors":
        from safetensors.torch import load_file

        return load_file(str(path))
    return torch.load(str(path), map_location="cpu", weights_only=True)


def load_expert(wan, folder: Path):
    """WanModel.from_pretrained's job without diffusers: config.json's arguments, then every shard's weights."""
    config = json.loads(_require(folder / "config.json", "expert config").read_text())
    # diffusers writes its own keys with a leading underscore; the rest are WanModel's arguments.
    model = wan.model.WanModel(**{k: v for k, v in config.items() if not k.startswith("_")})
    shards = sorted(folder.glob("*.safetensors"))
    if not shards:
        raise CheckpointError(f"{folder} holds no .safetensors weights")
    state = {}
    for shard in shards:
        state.update(load_state(shard))
    model.load_state_dict(state, strict=True)
    return model.eval().float()


def load_t5(wan, path: Path):
    """umT5-XXL's encoder (wan.modules.t5.umt5_xxl, shared_pos=False), sized from the weights."""
    state = load_state(_require(path, "umT5 encoder"))
    vocab, dim = state["token_embedding.weight"].shape
    buckets, heads = state["blocks.0.pos_embedding.embedding.weight"].shape
    model = wan.t5.T5Encoder(
        vocab=vocab,
        dim=dim,
        dim_attn=state["blocks.0.attn.q.weight"].shape[0],
        dim_ffn=state["blocks.0.ffn.fc1.weight"].shape[0],
        num_heads=heads,
        num_layers=len({k.split(".")[1] for k in state if k.startswith("blocks.")}),
        num_buckets=buckets,
        shared_pos=False,
        dropout=0.0,
    )
    model.load_state_dict(state, strict=True)
    return model.eval().float()


def vae_config(kind: str, state: dict) -> dict:
    """The architecture arguments of _video_vae in vae2_1.py / Wan2_2_VAE in vae2_2.py; widths from the weights."""
    if kind == "2.1":
        return dict(dim=state["encoder.conv1.weight"].shape[0], z_dim=state["conv2.weight"].shape[0],
                    dim_mult=[1, 2, 4, 4], num_res_blocks=2, attn_scales=[],
                    temperal_downsample=[False, True, True], dropout=0.0)
    dim_mult = [1, 2, 4, 4]
    return dict(dim=state["encoder.conv1.weight"].shape[0], dec_dim=state["decoder.conv1.weight"].shape[0] // dim_mult[-1],
                z_dim=state["conv2.weight"].shape[0], dim_mult=dim_mult, num_res_blocks=2, attn_scales=[],
                temperal_downsample=[False, True, True], dropout=0.0)


def load_vae(wan, kind: str, path: Path):
    """Wan's VAE module (WanVAE_) and its latent (mean, std), the numbers Wan2_1_VAE / Wan2_2_VAE hold."""
    state = load_state(_require(path, f"Wan{kind} VAE"))
    module = wan.vae21 if kind == "2.1" else wan.vae22
    model = module.WanVAE_(**vae_config(kind, state))
    model.load_state_dict(state, strict=True)
    mean, std = latent_stats(module, kind)
    return model.eval().float(), mean, std


def latent_stats(module, kind: str):
    """Runs the wrapper class's __init__ up to its mean/std on the CPU, with loading the weights skipped."""
    cls = module.Wan2_1_VAE if kind == "2.1" else module.Wan2_2_VAE
    original = module._video_vae
    module._video_vae = lambda *a, **k: torch.nn.Identity()
    try:
        wrapper = cls(vae_pth=None, device="cpu")
    finally:
        module._video_vae = original
    mean, inv_std = wrapper.scale  # both wrappers keep scale = [mean, 1 / std]
    return mean.float(), (1.0 / inv_std).float()
