"""Run the benchmarks: python3 dev.py bench [name ...]  (python -m bench [name ...]).

The registry is the folder: every module bench/<name>.py (or bench/<name>_bench.py, listed as
<name>) that defines ``run() -> list[tuple[str, str, str]]`` is a benchmark; each row is
(what was measured, the figure, a note with the budget and OK / OVER BUDGET). support.py holds
shared helpers and is not a benchmark. To add one, drop a module with a docstring and ``run()``.

    python -m bench                 every benchmark
    python -m bench export search   only those
    python -m bench --list          the names
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOT_BENCHMARKS = {"support"}
ORDER = ("startup", "size", "memory", "search", "autosave", "export")  # the rest follow by name


def registry() -> dict[str, str]:
    """Benchmark name → module name."""
    found = {}
    for path in HERE.glob("*.py"):
        if path.stem.startswith("_") or path.stem in NOT_BENCHMARKS:
            continue
        found[path.stem.removesuffix("_bench")] = f"bench.{path.stem}"
    ranked = sorted(found, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    return {name: found[name] for name in ranked}


def _print_table(rows: list[tuple[str, str, str]]) -> None:
    if not rows:
        return
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    for what, value, note in rows:
        print(f"  {what:<{width}}  {value:>{value_width}}  {note}".rstrip())


def main(argv: list[str]) -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    found = registry()
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip())
        return 0
    if "--list" in argv:
        print("\n".join(found))
        return 0
    names = argv or list(found)
    unknown = [n for n in names if n not in found]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(found)}", file=sys.stderr)
        return 2
    failed = []
    for name in names:
        module = importlib.import_module(found[name])
        if not callable(getattr(module, "run", None)):
            continue
        summary = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""
        print(f"== {name}: {summary}", flush=True)
        start = time.perf_counter()
        try:
            rows = module.run()
        except Exception:
            traceback.print_exc()
            failed.append(name)
            continue
        _print_table(list(rows or []))
        print(f"   ({time.perf_counter() - start:.1f} s)\n", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
