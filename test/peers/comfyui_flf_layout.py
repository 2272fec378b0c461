"""What ComfyUI's WanFirstLastFrameToVideo gives a Wan I2V model: the frames it encodes and the mask the model sees.

    PYTHONPATH=STUBS python comfyui_flf_layout.py COMFYUI_DIR FRAMES

Runs the node's own execute (comfy_extras/nodes_wan.py) with a VAE whose encode records its input, a plain grey
start (0.9) and end (0.1) image at 48x32, and prints JSON: `frames`, each encoded pixel frame as "start", "end" or
"zero" (ComfyUI's 0.5 grey, 0 once its VAE maps [0, 1] to [-1, 1]); `mask`, per latent frame the 4 mask channels as
WAN21.concat_cond hands them to the model (comfy/model_base.py: `1.0 - concat_mask`, so 1 = kept).
"""

import json
import sys

root, frames = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, root)
sys.argv = [sys.argv[0], "--cpu"]
import comfy.options  # noqa: E402

comfy.options.enable_args_parsing()  # comfy.cli_args reads --cpu on import, as main.py has it do
import torch  # noqa: E402
from comfy_extras.nodes_wan import WanFirstLastFrameToVideo  # noqa: E402

H, W = 32, 48


class RecordingVae:
    latent_channels = 16

    def spacial_compression_encode(self):
        return 8

    def encode(self, pixels):
        self.seen = pixels.clone()
        return torch.zeros(1, 16, (pixels.shape[0] - 1) // 4 + 1, H // 8, W // 8)


vae = RecordingVae()
cond = [[torch.zeros(1, 1, 8), {}]]
out = WanFirstLastFrameToVideo.execute(cond, cond, vae, W, H, frames, 1, start_image=torch.full((1, H, W, 3), 0.9),
                                       end_image=torch.full((1, H, W, 3), 0.1))
positive = out.result[0]
mask = 1.0 - positive[0][1]["concat_mask"][0]  # [4, T, h, w]


def label(frame):
    for name, value in (("start", 0.9), ("end", 0.1), ("zero", 0.5)):
        if torch.allclose(frame, torch.full_like(frame, value), atol=1e-4):
            return name
    return "other"


planes = [[sorted({float(v) for v in mask[c, t].flatten()}) for c in range(mask.shape[0])] for t in range(mask.shape[1])]
print(json.dumps({"frames": [label(f) for f in vae.seen], "mask": planes}))
