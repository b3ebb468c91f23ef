"""Time tenderkit commands as whole processes on synthetic libraries; print a markdown report.

Usage::

    python benchmarks/bench_commands.py [--sizes 1000,10000[,50000]] [--runs 5] [--cold-runs 3]
                                        [--naive-runs 3] [--no-write] [--profile]

For each library size a synthetic library is generated (or reused) under
``benchmarks/_work/`` (git-ignored). Each command runs as a separate process, as a user runs
it; the median of several runs is reported. "cold" deletes the index before every run
(``$TENDERKIT_CACHE_DIR`` points at a private temporary folder), "warm" runs after one
untimed run that builds the index. A naive baseline (a small script that parses every file
with PyYAML and applies the ``list`` filter, pure-Python ``SafeLoader`` and libyaml
``CSafeLoader``) runs in the same session for comparison. Peak memory is the child's
``ru_maxrss`` (``os.wait4``). Outputs of ``list``/``match --format json`` are compared with
and without the index (``TENDERKIT_NO_INDEX=1``). The report is printed and written to
``benchmarks/RESULTS.md`` (unless ``--no-write``).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "_work"
TENDER = REPO / "examples" / "tender-npru-concertation.yaml"
TARGET_SIZE = 10_000
LIST_ARGS = ["list", "--component", "Concertation", "--since", "2020"]
MATCH_ARGS = ["match", str(TENDER)]

#: (row label, mode) -> target in seconds, at 10,000 references.
TARGETS = {
    ("--help", "warm"): 0.15,
    ("list --component Concertation --since 2020", "cold"): 3.0,
    ("list --component Concertation --since 2020", "warm"): 0.30,
    ("match examples/tender-npru-concertation.yaml", "cold"): 3.5,
    ("match examples/tender-npru-concertation.yaml", "warm"): 0.50,
    ("build examples/tender-npru-concertation.yaml", "warm"): 1.0,
}
MEMORY_TARGET_MB = 250
SPEEDUP_TARGET = 5.0

NAIVE_SCRIPT = '''
"""Naive baseline: parse every reference file with PyYAML and apply the list filter."""
import os, sys, unicodedata, yaml
library, loader_name = sys.argv[1], sys.argv[2]
Loader = getattr(yaml, loader_name)
def fold(t):
    t = unicodedata.normalize("NFKD", t)
    return "".join(c for c in t if not unicodedata.combining(c)).casefold()
with open(os.path.join(library, "vocabulary.yaml"), encoding="utf-8") as fh:
    vocab = yaml.load(fh, Loader=Loader)
term = next(t for t in vocab["components"] if t["name"] == "Concertation")
wanted = {fold(v) for v in [term["name"], *term["variants"]]}
found = total = 0
for name in sorted(os.listdir(library)):
    if not name.endswith((".yaml", ".yml")) or name == "vocabulary.yaml":
        continue
    with open(os.path.join(library, name), encoding="utf-8") as fh:
        ref = yaml.load(fh, Loader=Loader)
    total += 1
    last = ref.get("end_year") or 9999
    if last >= 2020 and any(fold(c) in wanted for c in ref.get("components") or []):
        found += 1
print(f"{found} of {total}")
'''


@dataclass
class Runs:
    """Wall times (s) and peak memories (MB) of repeated runs of one command."""

    times: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    error: str | None = None
    warning: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.rss_mb) if self.rss_mb else None


@dataclass
class Result:
    """One completed run: wall time, peak memory, exit code, outputs."""

    seconds: float
    rss_mb: float
    code: int
    stdout: bytes
    stderr: str


class Bench:
    """Runs commands in a controlled environment (private cache folder, fixed library)."""

    def __init__(self, command: list[str], cache: Path) -> None:
        self.command = command
        self.cache = cache

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("TENDERKIT_NO_INDEX", "TENDERKIT_LIBRARY")}
        env["TENDERKIT_CACHE_DIR"] = str(self.cache)
        env.update(extra)
        return env

    def clear_index(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)
        self.cache.mkdir(parents=True)

    def run(self, argv: list[str], env: dict[str, str] | None = None,
            prefix: list[str] | None = None, cwd: Path = REPO) -> Result:
        """Run one process to completion; wall time and the child's own peak RSS."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.perf_counter()
            proc = subprocess.Popen([*(prefix if prefix is not None else self.command), *argv],
                                    stdout=out, stderr=err, env=env or self.env(), cwd=cwd)
            _pid, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            return Result(seconds, usage.ru_maxrss / 1024, proc.returncode, out.read(),
                          err.read().decode("utf-8", "replace"))

    def repeat(self, argv: list[str], runs: int, *, cold: bool, env: dict[str, str] | None = None,
               prefix: list[str] | None = None) -> Runs:
        """``runs`` timed runs; cold clears the index before each, warm builds it first."""
        result = Runs()
        if not cold:
            first = self.run(argv, env, prefix)
            if first.code:
                result.error = _first_line(first.stderr) or f"exit {first.code}"
                return result
        for _ in range(runs):
            if cold:
                self.clear_index()
            done = self.run(argv, env, prefix)
            if done.code:
                result.error = _first_line(done.stderr) or f"exit {done.code}"
                return result
            result.times.append(done.seconds)
            result.rss_mb.append(done.rss_mb)
            warnings = [line for line in done.stderr.splitlines() if "Warning" in line]
            if warnings and result.warning is None:
                result.warning = f"{' '.join(argv[:1])}: {warnings[0][:160]}"
        return result


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def library_for(size: int, seed: int, unique: bool = False) -> Path:
    """The generated library of ``size`` references (reused when already complete);
    ``unique``: no content bullet or stakes sentence repeats."""
    folder = WORK / f"lib-{size}-seed{seed}{'-unique' if unique else ''}"
    marker = folder / ".complete"
    if marker.exists() and marker.read_text() == f"{size} {seed}\n":
        return folder
    sys.path.insert(0, str(HERE))
    from generate_library import generate_library

    print(f"generating {size} references in {folder} ...", file=sys.stderr, flush=True)
    marker.unlink(missing_ok=True)
    generate_library(size, folder, seed, unique)
    marker.write_text(f"{size} {seed}\n")
    return folder


def start_up_styles() -> dict[str, list[str]]:
    """The ways of starting tenderkit found on this machine."""
    styles: dict[str, list[str]] = {}
    script = Path(sys.executable).parent / "tenderkit"
    if script.exists():
        styles["console script"] = [str(script)]
    shims = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "shims" / "tenderkit"
    for found in (shutil.which("tenderkit"), str(shims) if shims.exists() else None):
        if found and Path(found).resolve() != script.resolve():
            styles[f"`{found}` (pyenv shim or PATH entry)"] = [found]
    styles["python -m tenderkit"] = [sys.executable, "-m", "tenderkit"]
    return styles


def fmt_s(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f} s"


def fmt_spread(runs: Runs) -> str:
    """Median with the fastest and slowest run, to show noise from other processes."""
    if not runs.times:
        return "—"
    if len(runs.times) == 1:
        return fmt_s(runs.median)
    return f"{fmt_s(runs.median)} ({min(runs.times):.2f}–{max(runs.times):.2f})"


def fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} MB"


def verdict(value: float | None, target: float | None, higher_is_better: bool = False) -> str:
    if target is None:
        return ""
    if value is None:
        return "not run"
    ok = value >= target if higher_is_better else value <= target
    return "**pass**" if ok else "**FAIL**"


def same_outputs(bench: Bench, library: Path) -> list[tuple[str, str]]:
    """Compare json outputs with no index, a fresh index, and a warm index."""
    checks = []
    for label, argv in (("list --format json", ["list", "--format", "json"]),
                        ("list --component Concertation --since 2020 --format json",
                         [*LIST_ARGS, "--format", "json"]),
                        ("match --format json", [*MATCH_ARGS, "--format", "json"])):
        argv = [*argv, "--library", str(library)]
        plain = bench.run(argv, bench.env(TENDERKIT_NO_INDEX="1"))
        bench.clear_index()
        fresh = bench.run(argv)
        warm = bench.run(argv)
        codes = {plain.code, fresh.code, warm.code}
        if codes != {0}:
            errors = plain.stderr + fresh.stderr + warm.stderr
            checks.append((label, f"error: {_first_line(errors)}"))
        elif plain.stdout == fresh.stdout == warm.stdout:
            checks.append((label, f"identical ({len(plain.stdout):,} bytes, no index = "
                                  "fresh index = warm index)"))
        else:
            which = "fresh" if plain.stdout != fresh.stdout else "warm"
            checks.append((label, f"**DIFFERENT** (no index vs {which} index)"))
    return checks


def has_build(bench: Bench) -> bool:
    return bench.run(["build", "--help"]).code == 0


def bench_size(bench: Bench, size: int, library: Path, args: argparse.Namespace,
               tmp: Path) -> dict[tuple[str, str], Runs]:
    """Every timed row for one library size."""
    lib = ["--library", str(library)]
    rows: dict[tuple[str, str], Runs] = {}
    label_list, label_match = " ".join(LIST_ARGS), "match examples/tender-npru-concertation.yaml"

    def step(name: str) -> None:
        print(f"  [{size}] {name}", file=sys.stderr, flush=True)

    only = set(args.only.split(","))  # list, match, build, naive
    for name, label, command in (("list", label_list, LIST_ARGS),
                                 ("match", label_match, MATCH_ARGS)):
        if name not in only:
            continue
        step(f"{name} cold")
        rows[(label, "cold")] = bench.repeat([*command, *lib], args.cold_runs, cold=True)
        step(f"{name} warm")
        rows[(label, "warm")] = bench.repeat([*command, *lib], args.runs, cold=False)
    label_build = "build examples/tender-npru-concertation.yaml"
    if "build" not in only:
        pass
    elif has_build(bench):
        step("build warm")
        build = ["build", str(TENDER), *lib, "-o", str(tmp / "x.docx"), "--force"]
        rows[(label_build, "warm")] = bench.repeat(build, args.runs, cold=False)
    else:
        rows[(label_build, "warm")] = Runs(error="no `build` command yet: skipped")
    naive_runs = args.naive_runs if size <= TARGET_SIZE else 1
    for loader in ("SafeLoader", "CSafeLoader") if "naive" in only else ():
        step(f"naive {loader}")
        rows[(f"naive baseline: PyYAML {loader} + filter", "—")] = bench.repeat(
            [str(tmp / "naive.py"), str(library), loader], naive_runs, cold=True,
            prefix=[sys.executable])
    return rows


def report(args: argparse.Namespace, styles: dict[str, Runs], chosen: str,
           results: dict[int, dict[tuple[str, str], Runs]], help_runs: Runs,
           checks: list[tuple[str, str]], check_size: int | None, elapsed: float) -> str:
    """The markdown report."""
    lines = ["# tenderkit benchmark results", ""]
    if args.unique:
        lines += ["Libraries where no content bullet or stakes sentence repeats "
                  "(`--unique`): the case of a real archive, where text caches do not help.", ""]
    cpu = _cpu_model()
    lines += [f"- date: {_dt.datetime.now().strftime('%Y-%m-%d %H:%M')}; commit "
              f"{_git_commit()}; Python {platform.python_version()}; {os.cpu_count()} CPU(s)"
              f"{' (' + cpu + ')' if cpu else ''}",
              f"- runs: median of {args.runs} warm runs (after one untimed run that builds the "
              f"index), {args.cold_runs} cold runs (index deleted before each); naive baseline "
              f"{args.naive_runs} runs (1 above {TARGET_SIZE:,} references)",
              f"- started as: `{chosen}` (whole process, wall time); benchmark took "
              f"{elapsed:.0f} s; load average at the end {os.getloadavg()[1]:.2f} (5 min; "
              f"the benchmark itself uses up to {os.cpu_count()} cores while parsing)", ""]
    lines += ["## Start-up style (`tenderkit --help`, median)", "", "| style | time |", "|---|---|"]
    lines += [f"| {name} | {fmt_s(r.median)} |" for name, r in styles.items()]
    lines.append("")

    if TARGET_SIZE in results:
        rows = results[TARGET_SIZE]
        lines += [f"## Targets at {TARGET_SIZE:,} references", "",
                  "| command | mode | median (min–max) | peak memory | target | result |",
                  "|---|---|---|---|---|---|"]
        lines.append(f"| `tenderkit --help` | warm | {fmt_spread(help_runs)} | "
                     f"{fmt_mb(help_runs.peak_mb)} | ≤ 0.15 s | "
                     f"{verdict(help_runs.median, 0.15)} |")
        for (label, mode), runs in rows.items():
            target = TARGETS.get((label, mode))
            shown = f"`tenderkit {label}`" if not label.startswith("naive") else label
            value = fmt_spread(runs) if not runs.error else f"error: {runs.error}"
            tgt = f"≤ {target:g} s" if target is not None else ""
            lines.append(f"| {shown} | {mode} | {value} | {fmt_mb(runs.peak_mb)} | {tgt} | "
                         f"{verdict(runs.median, target) if not runs.error else ''} |")
        match_rows = [r for (label, _m), r in rows.items() if label.startswith("match")]
        peak = max((r.peak_mb for r in match_rows if r.peak_mb is not None), default=None)
        lines.append(f"| peak memory of `match` (cold and warm) | | {fmt_mb(peak)} | | "
                     f"≤ {MEMORY_TARGET_MB} MB | {verdict(peak, MEMORY_TARGET_MB)} |")
        label_match = "match examples/tender-npru-concertation.yaml"
        warm_match = rows.get((label_match, "warm"), Runs()).median
        for loader in ("SafeLoader", "CSafeLoader"):
            naive = rows.get((f"naive baseline: PyYAML {loader} + filter", "—"), Runs()).median
            speedup = naive / warm_match if naive and warm_match else None
            target = SPEEDUP_TARGET if loader == "SafeLoader" else None
            lines.append(f"| warm `match` speed-up over naive {loader} | | "
                         f"{'—' if speedup is None else f'{speedup:.1f}×'} | | "
                         f"{'≥ 5×' if target else '(for information)'} | "
                         f"{verdict(speedup, target, higher_is_better=True)} |")
        lines.append("")

    sizes = sorted(results)
    lines += ["## Growth with library size (median wall time)", "",
              "| command | mode | " + " | ".join(f"{s:,} refs" for s in sizes)
              + (f" | {sizes[-1] // sizes[0]}× refs → time ×" if len(sizes) > 1 else "") + " |",
              "|---|---|" + "---|" * len(sizes) + ("---|" if len(sizes) > 1 else "")]
    for key in results[sizes[0]]:
        meds = [results[s][key].median for s in sizes]
        cells = [fmt_s(m) if m is not None else "—" for m in meds]
        ratio = ""
        if len(sizes) > 1:
            ratio = f" | {meds[-1] / meds[0]:.1f}" if meds[0] and meds[-1] else " | —"
        lines.append(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + ratio + " |")
    peaks = {s: max((r.peak_mb for (lb, _m), r in results[s].items()
                     if lb.startswith("match") and r.peak_mb is not None), default=None)
             for s in sizes}
    lines += ["", "Peak memory of `match`: "
              + "; ".join(f"{s:,} refs: {fmt_mb(p)}" for s, p in peaks.items()), ""]

    lines += [f"## Same results with and without the index ({check_size:,} references)"
              if check_size else "## Same results with and without the index", ""]
    lines += [f"- `tenderkit {label}`: {outcome}" for label, outcome in checks] or ["- not run"]
    notes = [r.error or r.warning for res in results.values() for r in res.values()
             if r.error or r.warning]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in dict.fromkeys(notes)]
    return "\n".join(lines) + "\n"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def _git_commit() -> str:
    """Short commit id, flagged when tenderkit/ has uncommitted changes."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                             capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "tenderkit"], cwd=REPO,
                               capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "?"
    flag = " (+ uncommitted changes in tenderkit/)" if dirty.stdout.strip() else ""
    return out.stdout.strip() + flag


def profile_commands(bench: Bench, library: Path, tmp: Path) -> str:
    """cProfile of ``list`` and ``match``, cold and warm: where the time goes."""
    import pstats

    out = ["## Profiles (cProfile; times include the profiler's overhead)", ""]
    for name, argv, cold in (("list cold", LIST_ARGS, True), ("match cold", MATCH_ARGS, True),
                             ("list warm", LIST_ARGS, False), ("match warm", MATCH_ARGS, False)):
        prof = tmp / f"{name.replace(' ', '-')}.prof"
        if cold:
            bench.clear_index()
        else:
            bench.run([*argv, "--library", str(library)])
        bench.run(["-m", "cProfile", "-o", str(prof), "-m", "tenderkit", *argv,
                   "--library", str(library)], prefix=[sys.executable])
        by_cumulative, by_self = _Capture(), _Capture()
        pstats.Stats(str(prof), stream=by_cumulative).sort_stats("cumulative").print_stats(
            r"tenderkit/(?!__main__|cli/__init__)", 14)
        pstats.Stats(str(prof), stream=by_self).sort_stats("tottime").print_stats(10)
        out += [f"### {name}", "", "tenderkit functions by cumulative time:", "", "```",
                by_cumulative.text().strip(), "```", "", "All functions by own time:", "", "```",
                by_self.text().strip(), "```", ""]
    return "\n".join(out)


class _Capture:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def text(self) -> str:
        body = "".join(self.parts)
        return body[body.find("   ncalls"):] if "   ncalls" in body else body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated library sizes (default 1000,10000; add 50000)")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per command (default 5)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold runs (default 3)")
    parser.add_argument("--naive-runs", type=int, default=3, help="naive baseline runs (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--only", default="list,match,build,naive,check",
                        help="comma-separated parts to run (default list,match,build,naive,check)")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--unique", action="store_true",
                        help="libraries where no sentence repeats (a real archive's case; "
                             "results go to RESULTS-unique.md)")
    parser.add_argument("--profile", action="store_true",
                        help="append cProfile summaries of list/match at the largest size")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    started = time.perf_counter()
    WORK.mkdir(exist_ok=True)
    libraries = {size: library_for(size, args.seed, args.unique) for size in sizes}
    # A normal install byte-compiles the package (pip does); an editable checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run.
    import compileall

    compileall.compile_dir(str(REPO / "tenderkit"), quiet=1)

    with tempfile.TemporaryDirectory(prefix="tenderkit-bench-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "naive.py").write_text(NAIVE_SCRIPT, encoding="utf-8")
        cache = tmp / "cache"
        print("start-up styles ...", file=sys.stderr, flush=True)
        styles = start_up_styles()
        style_runs = {}
        for name, command in styles.items():
            style_runs[name] = Bench(command, cache).repeat(["--help"], args.runs, cold=False)
        style_runs["(floor) `python -c pass`: interpreter start-up alone"] = Bench(
            [sys.executable, "-c", "pass"], cache).repeat([], args.runs, cold=False)
        chosen = "console script" if "console script" in styles else "python -m tenderkit"
        bench = Bench(styles[chosen], cache)
        help_runs = style_runs[chosen]
        results = {}
        for size in sizes:
            results[size] = bench_size(bench, size, libraries[size], args, tmp)
        check_size = TARGET_SIZE if TARGET_SIZE in sizes else max(sizes)
        checks = []
        if "check" in args.only.split(","):
            print(f"  comparing outputs at {check_size} ...", file=sys.stderr, flush=True)
            checks = same_outputs(bench, libraries[check_size])
        text = report(args, style_runs, " ".join(Path(c).name if i == 0 else c
                                                 for i, c in enumerate(styles[chosen])),
                      results, help_runs, checks, check_size, time.perf_counter() - started)
        if args.profile:
            text += "\n" + profile_commands(bench, libraries[max(sizes)], tmp)
    print(text)
    if not args.no_write:
        out = HERE / ("RESULTS-unique.md" if args.unique else "RESULTS.md")
        out.write_text(text, encoding="utf-8")
        print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
