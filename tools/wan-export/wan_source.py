"""Loads Wan's own modules (model, umT5, both VAEs, the UniPC scheduler) from the official Wan2.2 source on a CPU.

Only what CPU torch cannot run is replaced, and each replacement is stated where it is made:
- diffusers (config plumbing only) by the stand-ins tools/scheduler-vectors already uses, plus `ModelMixin`;
- `wan.modules.model.flash_attention` (CUDA only) by PyTorch's scaled_dot_product_attention, masking keys past
  `k_lens` as flash-attn's varlen call does;
- t5.py's import-time `torch.cuda.current_device()` default argument by device 0 (never used on the CPU);
- the packages' `__init__` files are skipped (they import every pipeline and their heavy dependencies), and
  `wan.modules.tokenizers` (ftfy, transformers) is not imported: Shotline tokenizes with the bundle's
  tokenizer.json.

Source: https://github.com/Wan-Video/Wan2.2 (Apache-2.0), wan/modules/{model,t5,vae2_1,vae2_2,attention}.py.
"""

import importlib
import importlib.util
import os
import sys
import tempfile
import types
from pathlib import Path

import torch
import torch.nn.functional as F

REPO = Path(__file__).resolve().parents[2]
MODEL_FILE = "wan/modules/model.py"


def _vectors_tool():
    spec = importlib.util.spec_from_file_location(
        "shotline_make_vectors", REPO / "tools" / "scheduler-vectors" / "make_vectors.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class SourceMissing(Exception):
    """The Wan source is not where it was said to be (the CLI turns this into its sentence)."""


def find_source(path: "Path | None") -> Path:
    """The folder holding wan/: --wan-source, else $WAN_SOURCE; a .tar.gz of the source is unpacked once."""
    given = path or (Path(os.environ["WAN_SOURCE"]) if os.environ.get("WAN_SOURCE") else None)
    if given is None:
        raise SourceMissing("no Wan2.2 source given: pass --wan-source DIR or set WAN_SOURCE")
    if (given / MODEL_FILE).exists():
        return given
    if not given.exists():
        raise SourceMissing(f"{given} does not exist")
    scratch = Path(tempfile.mkdtemp(prefix="shotline-wan-src-"))
    try:
        return _vectors_tool().wan_source(given, scratch)
    except SystemExit as err:  # make_vectors reports a bad source with sys.exit(sentence)
        raise SourceMissing(str(err)) from None


def sdpa_attention(q, k, v, q_lens=None, k_lens=None, dropout_p=0.0, softmax_scale=None, q_scale=None,
                   causal=False, window_size=(-1, -1), deterministic=False, dtype=torch.bfloat16, version=None):
    """flash_attention's contract ([B, L, N, C] in and out) on PyTorch SDPA, in float32."""
    out_dtype = q.dtype
    q, k, v = (t.float().transpose(1, 2) for t in (q, k, v))
    if q_scale is not None:
        q = q * q_scale
    mask = None
    if k_lens is not None:
        keys = torch.arange(k.size(2), device=k.device)
        mask = (keys[None, :] < k_lens[:, None])[:, None, None, :]
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=causal, scale=softmax_scale)
    return out.transpose(1, 2).to(out_dtype)


def _stub_package(name: str, path: Path) -> None:
    module = types.ModuleType(name)
    module.__path__ = [str(path)]
    sys.modules[name] = module


def load(source: Path) -> types.SimpleNamespace:
    """Wan's modules, imported from `source` with the replacements above."""
    if "wan.modules.model" not in sys.modules:
        _vectors_tool().install_diffusers_stand_in()
        models = types.ModuleType("diffusers.models")
        modeling = types.ModuleType("diffusers.models.modeling_utils")
        modeling.ModelMixin = type("ModelMixin", (torch.nn.Module,), {})
        sys.modules.update({"diffusers.models": models, "diffusers.models.modeling_utils": modeling})
        for name, sub in (("wan", "wan"), ("wan.modules", "wan/modules"), ("wan.utils", "wan/utils")):
            _stub_package(name, source / sub)
        tokenizers = types.ModuleType("wan.modules.tokenizers")
        tokenizers.HuggingfaceTokenizer = None
        sys.modules["wan.modules.tokenizers"] = tokenizers
    model = importlib.import_module("wan.modules.model")
    model.flash_attention = sdpa_attention
    # t5.py's T5EncoderModel has `device=torch.cuda.current_device()` as a default argument, evaluated at import;
    # the encoder class itself (T5Encoder) is all this tool uses.
    current_device = torch.cuda.current_device
    torch.cuda.current_device = lambda: 0
    try:
        t5 = importlib.import_module("wan.modules.t5")
    finally:
        torch.cuda.current_device = current_device
    return types.SimpleNamespace(
        model=model,
        t5=t5,
        vae21=importlib.import_module("wan.modules.vae2_1"),
        vae22=importlib.import_module("wan.modules.vae2_2"),
        unipc=importlib.import_module("wan.utils.fm_solvers_unipc"),
    )
