"""The modules export-wan traces: Wan's own blocks and layers, called so the graphs keep the bundle's contract.

- DiT: WanModel.forward for one sample without its padding to `seq_len` (padded keys are masked and padded rows
  cut in Wan's code, so dropping both changes nothing), the timestep embedded once and broadcast over the tokens
  (Wan expands one t to every token in text-to-video) or, for TI2V-5B, once per latent frame and broadcast over
  that frame's tokens (textimage2video.py builds `mask2 * t` per token: 0 on the image's frame, t elsewhere, so
  the values are per frame), I2V's y concatenated to the latents before the patch embedding (WanModel.forward
  `torch.cat([u, v])`), and RoPE in real arithmetic (ONNX has no complex type):
  (a + ib)(cos + i sin) = (a cos - b sin) + i(a sin + b cos), the tables from WanModel.freqs.
- Half precision (export-wan --dtype fp16|bf16): the layers Wan runs under `torch.amp.autocast(dtype=param_dtype)`
  compute in that type (autocast_model, autocast_attention); what Wan's model.py wraps in `autocast(dtype=float32)`
  or computes in float itself stays float32: the time embedding and projection, the head, every norm (WanRMSNorm
  and WanLayerNorm call `.float()`), the modulation sums and RoPE (`rope_apply` runs in float64, here float32).
- umT5: the encoder as is; Shotline zeroes the rows past the prompt's length, as T5EncoderModel does.
- VAE: Wan's per-latent-frame decode loop (WanVAE_.decode) split into an init graph (frame 0, no caches) and a
  step graph (one frame, every cache in, every cache out). Wan's 'Rep' marker (an upsampling layer that has seen
  only frame 0) is a zero cache, and one-frame caches are zero-padded to two: both are what Wan's own code then
  computes (CausalConv3d zero-pads the missing frames), so the step graph sees one cache shape.
- VAE encoder: WanVAE_.encode's loop the same way: an init graph (frame 0) and a step graph (the next 4 frames,
  every cache in and out), each giving one latent frame normalised as encode does ((mu - mean) * (1 / std)).
  The temporal downsamplers keep their input's last frame as cache and read only that, so zero-padding their
  one-frame caches to two changes nothing either.
"""

import copy

import torch
import torch.nn.functional as F
from torch import nn

CACHE_T = 2
HALF_TORCH = {"fp16": torch.float16, "bf16": torch.bfloat16}


def fused_attention_symbolic(heads: int):
    """aten::scaled_dot_product_attention as one com.microsoft.MultiHeadAttention node (DESIGN.md section 4:
    75,600 tokens at 720p need a fused op; MatMul + Softmax would hold the whole score matrix). onnxruntime runs it
    on the CPU, CUDA and DirectML. SDPA's [B, N, L, D] becomes MHA's [B, L, N*D] and back; default scale. The
    traced shapes lose N, so the DiT's head count is given."""
    from torch.onnx import symbolic_helper as sh

    def symbolic(g, q, k, v, attn_mask=None, dropout_p=None, is_causal=None, scale=None, *args):
        if not sh._is_none(attn_mask) or sh._maybe_get_const(is_causal, "b"):
            raise RuntimeError("export-wan: attention with a mask cannot be fused")
        flat = lambda t: g.op("Reshape", g.op("Transpose", t, perm_i=[0, 2, 1, 3]),  # noqa: E731
                              g.op("Constant", value_t=torch.tensor([0, 0, -1])))
        out = g.op("com.microsoft::MultiHeadAttention", flat(q), flat(k), flat(v), num_heads_i=heads)
        split = g.op("Reshape", out, g.op("Constant", value_t=torch.tensor([0, 0, heads, -1])))
        return g.op("Transpose", split, perm_i=[0, 2, 1, 3])

    return symbolic


def rope_tables(freqs: torch.Tensor):
    return freqs.real.to(torch.float32), freqs.imag.to(torch.float32)


def rope_real(x, grid, cos, sin):
    """rope_apply (wan/modules/model.py) for one unpadded sample, grid = (f, h, w) as traced sizes."""
    f, h, w = grid
    b, seq, n, d = x.shape
    c = d // 2
    split = [c - 2 * (c // 3), c // 3, c // 3]

    def table(t):
        tf, th, tw = t.split(split, dim=1)
        return torch.cat([
            tf[:f].view(f, 1, 1, -1).expand(f, h, w, -1),
            th[:h].view(1, h, 1, -1).expand(f, h, w, -1),
            tw[:w].view(1, 1, w, -1).expand(f, h, w, -1),
        ], dim=-1).reshape(1, seq, 1, c)

    cs, sn = table(cos), table(sin)
    pairs = x.float().reshape(b, seq, n, c, 2)
    a, bi = pairs[..., 0], pairs[..., 1]
    return torch.stack([a * cs - bi * sn, a * sn + bi * cs], dim=-1).flatten(3)


class AutocastLinear(nn.Module):
    """nn.Linear as CUDA autocast runs it: input, weight and bias in the half type, the output left in it."""

    def __init__(self, layer: nn.Linear, dtype: torch.dtype):
        super().__init__()
        self.weight = nn.Parameter(layer.weight.detach().to(dtype), requires_grad=False)
        self.bias = None if layer.bias is None else nn.Parameter(layer.bias.detach().to(dtype), requires_grad=False)

    def forward(self, x):
        return F.linear(x.to(self.weight.dtype), self.weight, self.bias)


class AutocastConv3d(nn.Module):
    """The patch embedding's Conv3d under autocast. `compute` float32 with a half `out`: onnxruntime's CUDA Conv has
    no bfloat16 kernel below opset 22 (docs/OperatorKernels.md), so a bf16 export convolves in float32 (0.3M of 14B
    weights) and rounds the result to bf16 as Wan's bf16 convolution would leave it."""

    def __init__(self, layer: nn.Conv3d, compute: torch.dtype, out: torch.dtype):
        super().__init__()
        self.weight = nn.Parameter(layer.weight.detach().to(compute), requires_grad=False)
        self.bias = nn.Parameter(layer.bias.detach().to(compute), requires_grad=False)
        self.stride, self.out = layer.stride, out

    def forward(self, x):
        return F.conv3d(x.to(self.weight.dtype), self.weight, self.bias, stride=self.stride).to(self.out)


def _swap_linears(module: nn.Module, dtype: torch.dtype) -> None:
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, AutocastLinear(child, dtype))
        else:
            _swap_linears(child, dtype)


def autocast_model(model, dtype: str, in_place: bool = False):
    """WanModel computing as Wan's pipelines run it under autocast(dtype): every Linear of the text embedding and
    the blocks, and the patch embedding, in half; time_embedding, time_projection and the head (inside Wan's
    `autocast(dtype=float32)`), norm weights and the modulation tables keep float32. A copy, or `in_place` (each
    float32 layer freed as its half one replaces it: the export never holds both)."""
    half = HALF_TORCH[dtype]
    m = model if in_place else copy.deepcopy(model)
    _swap_linears(m.text_embedding, half)
    for block in m.blocks:
        _swap_linears(block, half)
    m.patch_embedding = AutocastConv3d(m.patch_embedding, half if dtype == "fp16" else torch.float32, half)
    return m


def autocast_attention(dtype: torch.dtype):
    """wan.modules.attention.flash_attention's contract as Wan calls it: q, k and v cast to the half type (its
    `half()`), attention there. The fused kernel it becomes (com.microsoft.MultiHeadAttention on CUDA: flash / memory
    efficient attention) accumulates the softmax in float32, as flash-attn does. Wan casts the output back to q's
    float32 before the half `o` projection; that round trip is exact, so the output stays half."""

    def attention(q, k, v, q_lens=None, k_lens=None, **_ignored):
        if k_lens is not None:
            raise RuntimeError("export-wan: the graph attends without padding masks")
        q, k, v = (t.to(dtype).transpose(1, 2) for t in (q, k, v))
        return F.scaled_dot_product_attention(q, k, v).transpose(1, 2)

    return attention


class DitGraph(nn.Module):
    """latent_input [1,C,F,H,W], timestep [1] (per_frame: [1,F]), text_embeddings [1,L,D] (and, with image,
    image_conditioning [1,Y,F,H,W]) -> noise_prediction [1,C,F,H,W].

    `dtype` fp16/bf16: Wan's autocast precision (module docstring); None: float32 throughout."""

    def __init__(self, wan, model, dtype: "str | None" = None, in_place: bool = False, per_frame: bool = False,
                 image: bool = False):
        super().__init__()
        self.wan = wan
        self.model = model if dtype is None else autocast_model(model, dtype, in_place)
        self.half = None if dtype is None else HALF_TORCH[dtype]
        self.per_frame = per_frame
        self.image = image
        cos, sin = rope_tables(model.freqs)
        self.register_buffer("rope_cos", cos, persistent=False)
        self.register_buffer("rope_sin", sin, persistent=False)

    def forward(self, latent_input, timestep, text_embeddings, *image_conditioning):
        m, module = self.model, self.wan.model
        x = latent_input.float() if self.half is None else latent_input
        if self.image:
            y = image_conditioning[0]
            x = torch.cat([x, y.float() if self.half is None else y.to(x.dtype)], dim=1)
        x = m.patch_embedding(x)
        f, h, w = x.shape[2], x.shape[3], x.shape[4]
        x = x.flatten(2).transpose(1, 2)
        # sinusoidal_embedding_1d in float32: Wan's float64 has no DirectML kernel (error measured in the suite).
        half = m.freq_dim // 2
        position = timestep.float().reshape(-1, 1)
        sinusoid = position * torch.pow(10000.0, -torch.arange(half, dtype=torch.float32) / half)[None, :]
        e = m.time_embedding(torch.cat([torch.cos(sinusoid), torch.sin(sinusoid)], dim=1))
        e0 = m.time_projection(e).unflatten(1, (6, m.dim))
        if self.per_frame:
            # Embedded per frame, then every token of frame i takes frame i's values: what Wan's per-token
            # embedding computes, without running the MLPs once per token.
            e = e[:, None, :].expand(-1, h * w, -1).reshape(1, -1, m.dim)
            e0 = e0[:, None].expand(-1, h * w, -1, -1).reshape(1, -1, 6, m.dim)
        else:
            e, e0 = e.unsqueeze(1), e0.unsqueeze(1)
        context = m.text_embedding(text_embeddings.float() if self.half is None else text_embeddings)
        original = module.rope_apply, module.flash_attention
        module.rope_apply = lambda t, _grid, _freqs: rope_real(t, (f, h, w), self.rope_cos, self.rope_sin)
        if self.half is not None:
            module.flash_attention = autocast_attention(self.half)
        try:
            for block in m.blocks:
                x = block(x, e=e0, seq_lens=None, grid_sizes=None, freqs=None, context=context, context_lens=None)
        finally:
            module.rope_apply, module.flash_attention = original
        x = m.head(x, e)
        # unpatchify's einsum 'fhwpqrc->cfphqwr' as a transpose.
        p0, p1, p2 = m.patch_size
        x = x.view(f, h, w, p0, p1, p2, m.out_dim).permute(6, 0, 3, 1, 4, 2, 5)
        return x.reshape(1, m.out_dim, f * p0, h * p1, w * p2)


class TextEncoderGraph(nn.Module):
    """input_ids, attention_mask [B,S] int64 -> text_embeddings [B,S,D]."""

    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids, attention_mask):
        return self.encoder(input_ids, attention_mask).float()


def _is_first_chunk_decoder(decoder) -> bool:
    import inspect

    return "first_chunk" in inspect.signature(decoder.forward).parameters


class VaeFrameGraph(nn.Module):
    """One latent frame through WanVAE_.decode's loop body; init=True is frame 0 (no caches in)."""

    def __init__(self, wan, vae, mean, std, kind: str, init: bool):
        super().__init__()
        self.vae = vae
        self.unpatchify = wan.vae22.unpatchify
        self.kind = kind
        self.init = init
        self.register_buffer("mean", mean.view(1, -1, 1, 1, 1), persistent=False)
        self.register_buffer("std", std.view(1, -1, 1, 1, 1), persistent=False)
        # ONNX opset 17 has no 'nearest-exact' Resize; at Wan's integer factor 2 it picks the same source pixel
        # as 'nearest' (floor((i + 0.5) / 2) == floor(i / 2)), so the exported graph uses that.
        for m in vae.decoder.modules():
            if isinstance(m, nn.Upsample) and m.mode == "nearest-exact":
                m.mode = "nearest"
        self.count = sum(isinstance(m, _causal_conv(vae)) for m in vae.decoder.modules())

    def forward(self, latent_frame, *caches):
        # Wan2_x_VAE.decode: z / (1/std) + mean, conv2, then the decoder per frame with the shared cache list.
        x = self.vae.conv2(latent_frame * self.std + self.mean)
        # count_conv3d over-counts by the layers that keep no cache; feat_idx says how many the decoder used.
        feat = [None] * self.count if self.init else list(caches) + [None] * (self.count - len(caches))
        used = [0]
        seen = {}
        hooks = [m.register_forward_pre_hook(_remember_input(seen, m)) for m in self.vae.decoder.modules()
                 if type(m).__name__ == "Resample" and m.mode == "upsample3d"]
        try:
            kwargs = {"first_chunk": True} if self.init and _is_first_chunk_decoder(self.vae.decoder) else {}
            out = self.vae.decoder(x, feat_cache=feat, feat_idx=used, **kwargs)
        finally:
            for hook in hooks:
                hook.remove()
        if self.kind == "2.2":
            out = self.unpatchify(out, patch_size=2)
        fixed = []
        for idx, c in enumerate(feat[: used[0]]):
            if isinstance(c, str):  # 'Rep': the layer's input at frame 0, as a zero cache
                c = torch.zeros_like(seen[idx][:, :, -1:])
            if c.shape[2] < CACHE_T:
                c = torch.cat([torch.zeros_like(c[:, :, :1]).repeat(1, 1, CACHE_T - c.shape[2], 1, 1), c], dim=2)
            fixed.append(c)
        return (out, *fixed)


def _causal_conv(vae):
    return type(vae.conv2)


def _remember_input(seen: dict, module):
    def hook(_module, args):
        feat_idx = args[2] if len(args) > 2 else [0]
        seen[feat_idx[0]] = args[0]

    return hook



class VaeEncodeGraph(nn.Module):
    """Frames through WanVAE_.encode's loop body: init=True is frame 0 [1,3,1,H,W] (no caches in), else the next
    4 frames [1,3,4,H,W] with every cache; one normalised latent frame and every cache out."""

    def __init__(self, wan, vae, mean, std, kind: str, init: bool):
        super().__init__()
        self.vae = vae
        self.patchify = wan.vae22.patchify
        self.kind = kind
        self.init = init
        self.register_buffer("mean", mean.view(1, -1, 1, 1, 1), persistent=False)
        # Wan keeps scale = [mean, 1 / std] and multiplies: the same numbers here.
        self.register_buffer("inv_std", (1.0 / std).view(1, -1, 1, 1, 1), persistent=False)
        self.count = sum(isinstance(m, _causal_conv(vae)) for m in vae.encoder.modules())

    def forward(self, video_frames, *caches):
        x = self.patchify(video_frames, patch_size=2) if self.kind == "2.2" else video_frames
        feat = [None] * self.count if self.init else list(caches) + [None] * (self.count - len(caches))
        used = [0]
        out = self.vae.encoder(x, feat_cache=feat, feat_idx=used)
        mu, _log_var = self.vae.conv1(out).chunk(2, dim=1)
        fixed = []
        for c in feat[: used[0]]:
            if c.shape[2] < CACHE_T:
                c = torch.cat([torch.zeros_like(c[:, :, :1]).repeat(1, 1, CACHE_T - c.shape[2], 1, 1), c], dim=2)
            fixed.append(c)
        return ((mu - self.mean) * self.inv_std, *fixed)
