#!/usr/bin/env python3
"""Throughput and memory of extraction on ~1 KB documents, one core.

Builds a corpus of ~1 KB documents by cutting the dev gold texts
(../shared/eval/dev/<lang>.gold.jsonl) at sentence ends and repeating them up to --docs
documents per language, then measures, each in a fresh child process pinned to one core and
after a warm-up:

  tokenise  bare spaCy tokenisation: spacy.blank(lang).make_doc(text)
  detect    language identification alone: normalize(RawItem(...)) with no lang given
            (document language and quoted sentences in other languages)
  extract   full extraction: default_extractor().extract(normalize(RawItem(...)))

Reported per row: documents/second by wall clock and by CPU time of the child
(`time.process_time`, which other jobs on a shared machine disturb far less), peak RSS of the child (resource.getrusage maxrss, which
includes the interpreter, spaCy and the gazetteer), the RSS growth during the timed loop, and
the tracemalloc peak of Python allocations while processing one document batch (measured in a
separate, untimed pass).

Usage:
  PYTHONPATH=src python bench/extract_bench.py [--docs 2000] [--langs en,ru,uk] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV = REPO_ROOT.parent / "shared" / "eval" / "dev"
DOC_CHARS = 1000
WARMUP = 50
TRACE_DOCS = 100
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def chunks(text: str, size: int = DOC_CHARS) -> list[str]:
    """Cut a text into pieces of about `size` characters at sentence ends."""
    out, cur = [], ""
    for sentence in _SENTENCE_END.split(text):
        if not sentence.strip():
            continue
        cur = f"{cur} {sentence}" if cur else sentence
        if len(cur) >= size:
            out.append(cur)
            cur = ""
    if len(cur) >= size // 2 or (cur and not out):
        out.append(cur)
    return out


def corpus(lang: str, n_docs: int) -> list[dict]:
    """~n_docs documents of ~1 KB for one language, cycling through the dev gold texts."""
    rows = [json.loads(line) for line in (DEV / f"{lang}.gold.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    base = [(r.get("published"), piece) for r in rows for piece in chunks(r["text"])]
    return [{"id": f"{lang}-{n}", "text": base[n % len(base)][1], "published": base[n % len(base)][0],
             "lang": lang} for n in range(n_docs)]


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(lang: str, mode: str, n_docs: int) -> dict:
    """Measure one (language, mode) in this process; returns the row."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    docs = corpus(lang, n_docs)
    engine = ""   # which build of the extraction engine ran (compiled or pure Python)
    if mode == "tokenise":
        import spacy

        nlp = spacy.blank(lang)

        def work(d: dict) -> object:
            return nlp.make_doc(d["text"])
    elif mode == "detect":
        from skyledger.model import RawItem
        from skyledger.normalize import normalize

        def work(d: dict) -> object:
            return normalize(RawItem(d["id"], d["text"], d["published"], None))
    else:
        from skyledger.lang import available_languages
        from skyledger.model import RawItem
        from skyledger.normalize import normalize
        from skyledger.pipeline import default_extractor

        if lang not in available_languages():
            return {"lang": lang, "mode": mode, "docs": len(docs), "skipped": "no lexicon for this language yet"}
        ex = default_extractor()
        from skyledger.engine import build

        engine = build().describe()

        def work(d: dict) -> object:
            return ex.extract(normalize(RawItem(d["id"], d["text"], d["published"], d["lang"])))
    errors = 0
    for d in docs[:WARMUP]:
        try:
            work(d)
        except Exception:
            pass
    rss_before = maxrss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        try:
            work(d)
        except Exception:  # a failing document is counted, not fatal to the benchmark
            errors += 1
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_after = maxrss_mb()
    tracemalloc.start()
    for d in docs[:TRACE_DOCS]:
        try:
            work(d)
        except Exception:
            pass
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    chars = sum(len(d["text"]) for d in docs)
    return {"lang": lang, "mode": mode, "docs": len(docs), "avg_chars": round(chars / len(docs)),
            "errors": errors, "wall_s": round(wall, 2), "docs_per_s": round(len(docs) / wall, 1),
            "ms_per_doc": round(1000 * wall / len(docs), 2), "cpu_docs_per_s": round(len(docs) / cpu, 1),
            "cpu_ms_per_doc": round(1000 * cpu / len(docs), 3), "peak_rss_mb": round(rss_after, 1),
            "rss_growth_mb": round(rss_after - rss_before, 1),
            "py_heap_peak_mb": round(traced_peak / 2**20, 1), **({"engine": engine} if mode == "extract" else {})}


def run_child(lang: str, mode: str, n_docs: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    src = str(REPO_ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, __file__, "--child", lang, mode, "--docs", str(n_docs)],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        return {"lang": lang, "mode": mode, "skipped": f"failed: {proc.stderr.strip().splitlines()[-1:]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    head = ("lang", "mode", "docs", "avg_chars", "docs_per_s", "ms_per_doc", "cpu_docs_per_s", "cpu_ms_per_doc",
            "peak_rss_mb",
            "rss_growth_mb", "py_heap_peak_mb", "errors")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        if "skipped" in r:
            lines.append(f"| {r['lang']} | {r['mode']} | {r.get('docs', '')} | n/a: {r['skipped']} |"
                         + " |" * (len(head) - 4))
        else:
            lines.append("| " + " | ".join(str(r[h]) for h in head) + " |")
    return "\n".join(lines)


def relative(rows: list[dict]) -> list[dict]:
    """Extraction speed of each language against English, per document and per character.

    Morphology (pymorphy3 lemmas, cached) is what makes Russian and Ukrainian cost more; the
    project's bound is a third of English's speed.
    """
    extract = {r["lang"]: r for r in rows if r["mode"] == "extract" and "skipped" not in r}
    en = extract.get("en")
    if en is None:
        return []
    out = []
    for lang, r in extract.items():
        if lang == "en":
            continue
        docs = r["cpu_docs_per_s"] / en["cpu_docs_per_s"]
        chars = (r["cpu_docs_per_s"] * r["avg_chars"]) / (en["cpu_docs_per_s"] * en["avg_chars"])
        out.append({"lang": lang, "mode": "relative_to_en", "docs_ratio": round(docs, 2),
                    "chars_ratio": round(chars, 2), "within_a_third": chars >= 1 / 3})
    return out


def relative_table(rows: list[dict]) -> str:
    if not rows:
        return ""
    lines = ["| lang | extraction docs/s vs en | chars/s vs en | at least a third of en |", "|---|---|---|---|"]
    lines += [f"| {r['lang']} | {r['docs_ratio']} | {r['chars_ratio']} | {'yes' if r['within_a_third'] else 'NO'} |"
              for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--langs", default="en,ru,uk")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", nargs=2, metavar=("LANG", "MODE"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child(a.child[0], a.child[1], a.docs)))
        return 0
    if not DEV.is_dir():
        print(f"{DEV} is missing", file=sys.stderr)
        return 2
    rows = [run_child(lang, mode, a.docs) for lang in a.langs.split(",")
            for mode in ("tokenise", "detect", "extract")]
    print(json.dumps(rows + relative(rows)) if a.json else table(rows) + "\n\n" + relative_table(relative(rows)))
    engines = sorted({r["engine"] for r in rows if r.get("engine")})
    print(f"\npython {sys.version.split()[0]}, {os.cpu_count()} CPUs visible, one core per measurement; "
          f"extraction engine: {', '.join(engines) or 'not run'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
