"""Regenerate test/fixtures/scheduler-vectors/ with the official Wan2.2 scheduler.

Runs Wan's own FlowUniPCMultistepScheduler (wan/utils/fm_solvers_unipc.py) from an unpacked Wan2.2 source or its
tarball, on the CPU in float32, and writes one JSON file per (steps, shift) with the provenance inside the file.

    python tools/scheduler-vectors/make_vectors.py [--wan PATH] [--out DIR]

PATH defaults to $SHOTLINE_PEERS/wan2.2 (SHOTLINE_PEERS defaults to ../shared/peers beside the repository). Needs
torch and numpy (CPU wheels); `bash tools/scheduler-vectors/run.sh` makes a venv with them from pip's configuration.
"""

import argparse
import dataclasses
import datetime
import enum
import importlib.util
import inspect
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import types
from pathlib import Path

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[2]
SCHEDULER_FILE = "wan/utils/fm_solvers_unipc.py"
CASES = [(40, 12.0), (50, 5.0), (4, 5.0)]  # A14B T2V defaults, TI2V-5B defaults, a short case


def install_diffusers_stand_in() -> None:
    """The scheduler imports diffusers only for config plumbing; diffusers is not in the local wheel mirror.

    These stand-ins do what the real ones do for this class: record __init__'s arguments (defaults included) as
    `self.config`, and let `register_to_config` update them.
    """

    class ConfigMixin:
        def register_to_config(self, **kwargs):
            config = getattr(self, "config", None) or types.SimpleNamespace()
            for key, value in kwargs.items():
                setattr(config, key, value)
            self.config = config

    def register_to_config(init):
        signature = inspect.signature(init)

        def wrapped(self, *args, **kwargs):
            bound = signature.bind(self, *args, **kwargs)
            bound.apply_defaults()
            values = {k: v for k, v in bound.arguments.items() if k != "self"}
            ConfigMixin.register_to_config(self, **values)
            init(self, *args, **kwargs)

        return wrapped

    class SchedulerMixin:
        pass

    @dataclasses.dataclass
    class SchedulerOutput:
        prev_sample: torch.Tensor

    class KarrasDiffusionSchedulers(enum.Enum):
        UniPCMultistepScheduler = 1

    modules = {
        "diffusers": {},
        "diffusers.configuration_utils": {"ConfigMixin": ConfigMixin, "register_to_config": register_to_config},
        "diffusers.schedulers": {},
        "diffusers.schedulers.scheduling_utils": {
            "KarrasDiffusionSchedulers": KarrasDiffusionSchedulers,
            "SchedulerMixin": SchedulerMixin,
            "SchedulerOutput": SchedulerOutput,
        },
        "diffusers.utils": {"deprecate": lambda *a, **k: None, "is_scipy_available": lambda: False},
    }
    for name, attrs in modules.items():
        module = types.ModuleType(name)
        module.__dict__.update(attrs)
        sys.modules[name] = module


def wan_source(path: Path, scratch: Path) -> Path:
    """A folder holding wan/utils/fm_solvers_unipc.py: the path itself, or the tarball inside it unpacked."""
    if (path / SCHEDULER_FILE).exists():
        return path
    tarballs = sorted(path.glob("*.tar.gz")) if path.is_dir() else [path]
    if not tarballs or not tarballs[0].exists():
        sys.exit(f"make_vectors: no Wan2.2 source at {path} (expected {SCHEDULER_FILE} or a .tar.gz of the source)")
    with tarfile.open(tarballs[0]) as tar:
        tar.extractall(scratch, filter="data")
    found = [p.parents[2] for p in scratch.glob("*/" + SCHEDULER_FILE)]
    if not found:
        sys.exit(f"make_vectors: {tarballs[0]} holds no {SCHEDULER_FILE}")
    return found[0]


def source_revision(source: Path, tarball_hint: str) -> str:
    try:
        out = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except OSError:
        pass
    return tarball_hint


def load_scheduler_class(source: Path):
    spec = importlib.util.spec_from_file_location("wan_fm_solvers_unipc", source / SCHEDULER_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FlowUniPCMultistepScheduler


def stand_in_model(x: torch.Tensor, sigma: float) -> torch.Tensor:
    # The element-wise velocity the vectors' README documents; the TypeScript test applies the same one.
    return 0.7 * torch.tanh(x) + 0.3 * sigma * torch.sin(3 * x)


def run_case(scheduler_class, steps: int, shift: float) -> dict:
    scheduler = scheduler_class(num_train_timesteps=1000, shift=1, use_dynamic_shifting=False)
    scheduler.set_timesteps(steps, device="cpu", shift=shift)
    x0 = torch.from_numpy(np.random.default_rng(0).standard_normal(64).astype(np.float32))
    # The scheduler's einsum wants [batch, channels, ...]: one batch of 64 channels.
    x = x0.clone().reshape(1, 64)
    sigmas = scheduler.sigmas.to(torch.float32)
    for i, t in enumerate(scheduler.timesteps):
        v = stand_in_model(x, float(sigmas[i]))
        x = scheduler.step(v, t, x, return_dict=False)[0].to(torch.float32)
    return {
        "timesteps": [int(t) for t in scheduler.timesteps],
        "sigmas": [float(s) for s in sigmas],
        "x0": [float(v) for v in x0],
        "out": [float(v) for v in x.reshape(64)],
    }


def main() -> None:
    peers = Path(os.environ.get("SHOTLINE_PEERS", REPO.parent / "shared" / "peers"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wan", type=Path, default=peers / "wan2.2", help="Wan2.2 source folder or tarball")
    parser.add_argument("--out", type=Path, default=REPO / "test" / "fixtures" / "scheduler-vectors")
    args = parser.parse_args()

    install_diffusers_stand_in()
    torch.set_default_dtype(torch.float32)
    with tempfile.TemporaryDirectory() as scratch:
        source = wan_source(args.wan, Path(scratch))
        tarball = next(iter(sorted(args.wan.glob("*.tar.gz"))), None) if args.wan.is_dir() else args.wan
        revision = source_revision(source, tarball.name if tarball else str(args.wan))
        scheduler_class = load_scheduler_class(source)
        args.out.mkdir(parents=True, exist_ok=True)
        for steps, shift in CASES:
            vector = run_case(scheduler_class, steps, shift)
            vector["provenance"] = {
                "upstream": "Wan-Video/Wan2.2",
                "revision": revision,
                "file": SCHEDULER_FILE,
                "class": "FlowUniPCMultistepScheduler(num_train_timesteps=1000, shift=1, use_dynamic_shifting=False)",
                "call": f"set_timesteps({steps}, shift={shift:g}); step(v, t, x) per timestep",
                "model": "v(x, sigma) = 0.7*tanh(x) + 0.3*sigma*sin(3x), x0 = numpy default_rng(0) standard_normal(64)",
                "command": "python tools/scheduler-vectors/make_vectors.py",
                "torch": torch.__version__,
                "generated": datetime.date.today().isoformat(),
            }
            name = args.out / f"unipc_{steps}_shift{shift:g}.json"
            name.write_text(json.dumps(vector, indent=1) + "\n")
            print(f"wrote {name.relative_to(REPO) if name.is_relative_to(REPO) else name}")


if __name__ == "__main__":
    main()
