"""python -m bench [--quick | --entities N ...]    the benchmark (what `make bench` runs)
python -m bench corpus --entities N --out DIR [--seed S] [--shape real]    write a synthetic corpus
python -m bench profile --entities N [--stage check|render] [--shape real]    cProfile of one stage
python -m bench table RESULT.json    the table of a saved result (one cut short too)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ("bench", "real")  # bench/corpus.py's SHAPES, named here so --help needs no import of it


def _bench_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure check, render, the builds, the serve loop, page and fetch sizes and Lighthouse at scale.",
    )
    p.add_argument(
        "--entities",
        type=int,
        nargs="+",
        default=[1000, 10000],
        help="corpus sizes, smallest first (default: 1000 10000)",
    )
    p.add_argument(
        "--quick", action="store_true", help="small corpora, one run each: keeps the benchmark working in CI"
    )
    p.add_argument(
        "--repeats", type=int, default=5, help="runs of each cheap stage; the median is reported (default: 5)"
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--edits", type=int, default=3, help="edits per server (explainer serve, mkdocs serve) (default: 3)")
    p.add_argument(
        "--serve-entities", type=int, default=1000, help="corpus size for the serve loop; 0 skips it (default: 1000)"
    )
    p.add_argument(
        "--shape",
        nargs="+",
        choices=SHAPES,
        default=list(SHAPES),
        help="corpus shapes: bench (short texts), real (shaped like content/: check, render and MkDocs only)"
        " (default: both)",
    )
    p.add_argument("--no-mkdocs", action="store_true", help="skip the MkDocs builds")
    p.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (at the largest size)")
    p.add_argument(
        "--no-zensical", action="store_true", help="skip the Zensical builds (skipped anyway when it is not installed)"
    )
    p.add_argument(
        "--work", default=str(ROOT / "build" / "bench"), help="where corpora and sites go (default: build/bench)"
    )
    p.add_argument("--out", default=None, help="the JSON result (default: bench/results/<time>-<commit>.json)")
    p.add_argument("--quiet", action="store_true", help="no progress line even on a terminal")
    return p


def main(argv: list[str]) -> int:
    if argv[:1] == ["corpus"]:
        return _corpus(argv[1:])
    if argv[:1] == ["profile"]:
        return _profile(argv[1:])
    from . import run, table

    if argv[:1] == ["table"]:
        p = argparse.ArgumentParser(prog="python -m bench table", description="Print the table of a saved result.")
        p.add_argument("result", type=Path, help="a JSON file from bench/results/ (a run cut short too)")
        sys.stdout.write(table.render(run.load(p.parse_args(argv[1:]).result)))
        return 0
    args = _bench_parser().parse_args(argv)
    if args.quick:  # Lighthouse never runs in the tests
        args.entities, args.repeats, args.edits, args.no_lighthouse = [40, 80], 1, 1, True
        args.serve_entities = min(args.serve_entities, 40) if args.serve_entities else 0
    args.entities = sorted(args.entities)
    path = run.result_path(args.out)
    result = run.run(args, path)
    sys.stdout.write(table.render(result))
    sys.stdout.write(f"\nresult: {path}\n")
    return 0


def _corpus(argv: list[str]) -> int:
    from . import corpus

    p = argparse.ArgumentParser(
        prog="python -m bench corpus", description="Write a synthetic, valid corpus: DIR/content and DIR/archive."
    )
    p.add_argument("--entities", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--shape", choices=SHAPES, default="bench", help="bench (default) or real (shaped like content/)")
    args = p.parse_args(argv)
    counts = corpus.write(args.entities, args.out, args.seed, shape=args.shape)
    print(
        f"wrote {sum(counts.values()):,} entities ({', '.join(f'{n:,} {k}' for k, n in counts.items())}) to {args.out}/content,"
        f" archived texts to {args.out}/archive ({args.shape} shape)"
    )
    print(f"check it: explainer check --content {args.out}/content --archive {args.out}/archive")
    return 0


def _profile(argv: list[str]) -> int:
    import cProfile
    import pstats

    from generator.content.diagnostics import Report
    from generator.pipeline import Settings, load_model, render_pages

    from . import run

    p = argparse.ArgumentParser(
        prog="python -m bench profile", description="cProfile one stage on a corpus; prints the top functions."
    )
    p.add_argument("--entities", type=int, default=10000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--stage", choices=("check", "render"), default="check")
    p.add_argument("--shape", choices=SHAPES, default="bench")
    p.add_argument("--sort", default="tottime", help="pstats sort key (default: tottime)")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--work", default=str(ROOT / "build" / "bench"))
    p.add_argument("--out", type=Path, default=None, help="also save the raw profile here (for snakeviz and the like)")
    args = p.parse_args(argv)
    corpus, _ = run.corpus_dir(Path(args.work).resolve(), args.entities, args.seed, run.Progress(False), args.shape)
    settings = Settings(content=corpus / "content", archive=corpus / "archive", base=corpus)
    prof = cProfile.Profile()
    if args.stage == "check":
        prof.runcall(load_model, settings, Report())
    else:
        model = load_model(settings, Report())
        prof.runcall(render_pages, model, settings)
    if args.out:
        prof.dump_stats(args.out)
    pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
