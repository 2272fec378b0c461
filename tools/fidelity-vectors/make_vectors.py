"""Regenerate test/fixtures/torch-noise/ and test/fixtures/prompt-clean/ from real CPU torch and Wan2.2's own cleaning.

torch-noise: torch.manual_seed(seed); torch.randn(n, dtype=float32) on the CPU, for seeds and lengths that cover the
short path (< 16), whole blocks of 16 and the recomputed tail, written as float32 bit patterns (exact comparison).
prompt-clean: Wan2.2's whitespace_clean(basic_clean(text)) (wan/modules/tokenizers.py, loaded from the official
source with transformers stubbed out: only the cleaning functions are used) over tools/fidelity-vectors/prompts.json.

    python tools/fidelity-vectors/make_vectors.py [--wan PATH] [--out DIR]

PATH defaults to $SHOTLINE_PEERS/wan2.2 (SHOTLINE_PEERS defaults to ../shared/peers beside the repository); a folder
holding wan/modules/tokenizers.py or the source tarball. `bash tools/fidelity-vectors/run.sh` makes the venv.
"""

import argparse
import datetime
import importlib.util
import json
import os
import sys
import tempfile
import types
from pathlib import Path

import ftfy
import torch

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TOKENIZERS_FILE = "wan/modules/tokenizers.py"
NOISE_CASES = [(0, 5), (42, 16), (7, 37), (123456, 1152), (2147483647, 4096), (31337, 16 * 3 * 5 * 7 + 9)]


def wan_source(path: Path, scratch: Path) -> Path:
    """The unpacked Wan2.2 source, found or unpacked the way the scheduler-vectors tool does it."""
    spec = importlib.util.spec_from_file_location("scheduler_vectors", HERE.parent / "scheduler-vectors" / "make_vectors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.wan_source(path, scratch)


def wan_cleaner(source: Path):
    """Wan's own clean='whitespace' path; transformers is stubbed because only the cleaning functions run."""
    stub = types.ModuleType("transformers")
    stub.AutoTokenizer = None
    sys.modules.setdefault("transformers", stub)
    spec = importlib.util.spec_from_file_location("wan_tokenizers", source / TOKENIZERS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return lambda text: module.whitespace_clean(module.basic_clean(text))


def noise_vectors() -> dict:
    cases = []
    for seed, n in NOISE_CASES:
        torch.manual_seed(seed)
        values = torch.randn(n, dtype=torch.float32)
        cases.append({"seed": seed, "n": n, "bits": values.view(torch.int32).tolist()})
    return {
        "cases": cases,
        "provenance": {
            "call": "torch.manual_seed(seed); torch.randn(n, dtype=torch.float32) (CPU generator)",
            "torch": torch.__version__,
            "cpu_capability": torch.backends.cpu.get_cpu_capability(),
            "command": "bash tools/fidelity-vectors/run.sh",
            "generated": datetime.date.today().isoformat(),
            "format": "bits: the float32 values as int32 bit patterns",
        },
    }


def main() -> None:
    peers = Path(os.environ.get("SHOTLINE_PEERS", REPO.parent / "shared" / "peers"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wan", type=Path, default=peers / "wan2.2", help="Wan2.2 source folder or tarball")
    parser.add_argument("--out", type=Path, default=REPO / "test" / "fixtures")
    args = parser.parse_args()
    prompts = json.loads((HERE / "prompts.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        clean = wan_cleaner(wan_source(args.wan, Path(scratch)))
        cleaned = {
            "cases": [{"input": p, "cleaned": clean(p)} for p in prompts],
            "provenance": {
                "upstream": "Wan-Video/Wan2.2 42bf4cf",
                "file": TOKENIZERS_FILE,
                "call": "whitespace_clean(basic_clean(text)) (HuggingfaceTokenizer clean='whitespace')",
                "ftfy": ftfy.__version__,
                "command": "bash tools/fidelity-vectors/run.sh",
                "generated": datetime.date.today().isoformat(),
            },
        }
    for folder, name, data in [
        ("prompt-clean", "wan-clean.json", cleaned),
        ("torch-noise", "randn-cpu.json", noise_vectors()),
    ]:
        target = args.out / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {target / name}")


if __name__ == "__main__":
    main()
