"""Instructions per document for extraction, counted with valgrind's callgrind (not a test).

Timings on a shared machine move by 10-25 % between runs of the same build; the number of
instructions the CPU executes does not. This script runs the benchmark's corpus
(`extract_bench.corpus`) under `valgrind --tool=callgrind`, counting only the timed loop: after a
warm-up (which builds the extractor and fills its caches), the documents are fed through
`itertools.starmap`, whose C function switches the count on and off (`--toggle-collect`), so
start-up, imports and the warm-up are left out.

    python bench/extract_instructions.py                 # en, 300 documents (about 2 minutes)
    python bench/extract_instructions.py --lang ru --docs 100 --keep /tmp/ru.callgrind

`--keep` saves callgrind's profile: `callgrind_annotate --inclusive=yes FILE | grep CPyDef_` then
gives the inclusive instructions of each compiled engine function (`CPyDef_<module>___<name>`).
Needs valgrind (Debian package `valgrind`) and `../shared/eval/dev/` beside the checkout.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

WARMUP = 50


def child(lang: str, n_docs: int) -> None:
    """The measured process: warm up, then extract `n_docs` documents inside starmap."""
    from extract_bench import corpus

    from skyledger.model import RawItem
    from skyledger.normalize import normalize
    from skyledger.pipeline import default_extractor

    docs = corpus(lang, WARMUP + n_docs)
    extractor = default_extractor()

    def work(d: dict) -> object:
        return extractor.extract(normalize(RawItem(d["id"], d["text"], d["published"], d["lang"])))

    for d in docs[:WARMUP]:
        work(d)
    for _ in itertools.starmap(work, ((d,) for d in docs[WARMUP:])):
        pass
    os._exit(0)   # the interpreter's teardown is not part of it either


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="en")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="save callgrind's profile here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.lang, args.docs)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=starmap_next",
               f"--callgrind-out-file={out}", sys.executable, __file__, "--child",
               "--lang", args.lang, "--docs", str(args.docs)]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0 or not out.exists():
            print(run.stderr[-2000:], file=sys.stderr)
            return 1
        found = re.search(r"^(?:summary|totals): (\d+)", out.read_text(errors="replace"), re.M)
        if not found:
            print(f"no instruction total in {out}", file=sys.stderr)
            return 1
        total = int(found.group(1))
    from skyledger.engine import build

    print(f"{args.lang}: {total / args.docs / 1e6:.2f} M instructions per document "
          f"({args.docs} documents after {WARMUP} of warm-up; engine {build().describe()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
