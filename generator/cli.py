"""`explainer`: check, render and build from the command line.

This module reads the arguments, checks the content and dispatches to each command; the build
and the preview server run in build.py. Exit codes: 0 clean, 1 content errors, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import build
from .build import cannot_write
from .buildrun import with_quotes
from .content import diagnostics
from .content.diagnostics import Report
from .pipeline import Settings, load_model, render_assets, render_pages
from .site.write import NotOurs, UnsafePath, project_for, write_pages


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 on usage errors, as we want; keep its text
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _common(p: argparse.ArgumentParser, templates: bool = True) -> None:
    p.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    if templates:  # check renders nothing, so it takes no templates
        p.add_argument(
            "--templates", type=Path, default=None, help="the templates folder (default: the project's templates/)"
        )
    p.add_argument(
        "--archive",
        type=Path,
        default=_default_archive(),
        help="folder of archived source texts for quote verification (default: $EXPLAINER_ARCHIVE)",
    )


def _default_archive() -> Path | None:
    value = os.environ.get("EXPLAINER_ARCHIVE")
    return Path(value) if value else None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="explainer", description="Build a cited, cross-linked explainer site from YAML content.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("check", help="validate the content and report every problem with its file, line and column")
    _common(p, templates=False)
    p.add_argument(
        "--format", choices=sorted(diagnostics.FORMATTERS), default="text", help="output format (default: text)"
    )

    p = sub.add_parser("render", help="write the generated Markdown pages into a folder")
    _common(p)
    p.add_argument("--out", type=Path, required=True, help="the folder to write into (created if missing)")

    p = sub.add_parser("build", help="check, then build the site with MkDocs (strict) into site/")
    _common(p)
    p.add_argument("--config-file", "-f", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--site-dir", default=None, help="where to build (default: site_dir in mkdocs.yml)")
    p.add_argument(
        "--engine",
        choices=["mkdocs", "zensical"],
        default="mkdocs",
        help="the static-site engine (default: mkdocs); zensical: see generator/zensical_build.py",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' own log")

    p = sub.add_parser("serve", help="preview the site with live reload (mkdocs serve)")
    p.add_argument("--config-file", "-f", default="mkdocs.yml")
    p.add_argument("--dev-addr", default="127.0.0.1:8000")

    p = sub.add_parser("new", help="create a content file in the right shape, with the fields to fill in")
    p.add_argument("kind", choices=["actor", "event", "claim", "source"], help="what to create")
    p.add_argument("id", help="its id (also the file name): a lowercase slug such as kataib-hezbollah")
    p.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")

    p = sub.add_parser("diff", help="say in plain language what the content changes against a git revision (Markdown)")
    p.add_argument("ref", help="the git revision to compare with, such as main or a commit")
    p.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")

    p = sub.add_parser("fmt", help="lay content files out in the one canonical layout (key order, quoting, line width)")
    p.add_argument("files", nargs="*", type=Path, help="content files to lay out (default: every file in --content)")
    p.add_argument("--content", type=Path, default=None, help="the content folder (default: content; not with FILE)")
    p.add_argument(
        "--check", action="store_true", help="change nothing; list the files that are not laid out and exit 1"
    )
    p.add_argument("--format", choices=["text", "github"], default="text", help="output format (default: text)")

    p = sub.add_parser("schema", help="write the JSON Schemas editors use (schemas/<kind>.schema.json) from the model")
    p.add_argument("--out", type=Path, default=Path("schemas"), help="the folder to write into (default: schemas)")
    p.add_argument("--check", action="store_true", help="only report schemas that differ from the model; exit 1 if any")
    return parser


def _settings(args) -> Settings:
    s = Settings(content=args.content, archive=args.archive)
    if getattr(args, "templates", None) is not None:
        s.templates = args.templates
    return s


def _load(args, fmt: str = "text", quotes: bool = False):
    """Check and link; print the diagnostics in `fmt` (with the quote tally when `quotes`)."""
    if not args.content.is_dir():
        print(f"explainer: error: the content folder {args.content} does not exist", file=sys.stderr)
        raise SystemExit(2)
    if args.archive is not None and not args.archive.is_dir():
        print(f"explainer: error: the archive folder {args.archive} does not exist", file=sys.stderr)
        raise SystemExit(2)
    templates = getattr(args, "templates", None)
    if templates is not None and not templates.is_dir():
        print(f"explainer: error: the templates folder {templates} does not exist", file=sys.stderr)
        raise SystemExit(2)
    report = Report()
    model = load_model(_settings(args), report)
    diags = report.sorted()
    tally = report.quotes if quotes else None
    if diags or fmt != "text" and tally is not None or fmt == "json":
        out = sys.stdout if fmt != "text" or report.errors else sys.stderr
        # text: the tally goes to stdout below, with the verdict, so it is never only on stderr
        out.write(diagnostics.FORMATTERS[fmt](diags, tally if fmt != "text" else None))
    return model, report


def cmd_check(args) -> int:
    _, report = _load(args, args.format, quotes=True)
    if args.format == "github":
        from .editors.ghsummary import append_summary, check_summary

        append_summary(check_summary(report.sorted(), report.quotes))
    if args.format == "text":
        print(report.quotes.sentence())  # every run says how far quotes were verified
        if not report.errors:
            n = len(report.warnings)
            print(f"content is valid ({n} warning{'s' * (n != 1)})")
    return 1 if report.errors else 0


def cmd_render(args) -> int:
    model, report = _load(args)
    if model is None:
        return 1
    settings = _settings(args)
    pages = render_pages(model, settings)
    assets = render_assets(model, settings)
    try:
        changed = write_pages({**pages, **assets}, args.out, within=Path.cwd())
    except (NotOurs, UnsafePath) as exc:
        print(f"explainer: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        return cannot_write(args.out, exc, "the pages")
    wrote = f"wrote {len(pages)} pages and {len(assets)} other files to {args.out} ({len(changed)} changed)"
    print(with_quotes(wrote, report.quotes))  # how far quotes were verified, as `check` says it
    return 0


def cmd_build(args) -> int:
    started = time.monotonic()
    model, report = _load(args)
    if model is None:
        return 1
    request = build.Request(
        args.content, args.templates, args.archive, args.config_file, args.site_dir, args.engine, args.verbose
    )
    return build.build(request, model, len(report.warnings), started, report.quotes)


def cmd_serve(args) -> int:
    return build.serve(args.config_file, args.dev_addr)


def _progress(label: str):
    """A counter on a terminal; nothing in CI or a pipe."""
    if not sys.stderr.isatty():
        return None

    def show(n: int, total: int) -> None:
        end = "\n" if n == total else ""
        print(f"\r{label} {n}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def _shown(outcome) -> str:
    """A file name as fmt prints it: control and direction-changing characters escaped, as check
    does, so a file name cannot rewrite the terminal or forge a line of CI output."""
    return diagnostics.visible(outcome.shown)


def _code(name: str) -> str:
    """A file name in the job summary: in a code span, or as inert text if a backtick would end the span."""
    from .site.text import inert

    return f"`{name}`" if "`" not in name else inert(name)


def cmd_fmt(args) -> int:
    from .editors.fmt import format_files

    files = _fmt_targets(args)
    if isinstance(files, int):
        return files
    outcomes = format_files(files, Path.cwd(), write=not args.check, progress=_progress("fmt"))
    github = args.format == "github"
    problems = [o for o in outcomes if o.problem]
    changed = [o for o in outcomes if o.changed]
    _fmt_problems(problems, github)
    fix = "explainer fmt" + ("" if args.files or args.content == Path("content") else f" --content {args.content}")
    if args.check:
        return _fmt_check(changed, problems, fix, github)
    n = len(changed)
    print(f"laid out {n} file{'s' * (n != 1)} ({len(outcomes) - n - len(problems)} already laid out)")
    return 1 if problems else 0


def _fmt_targets(args) -> list[tuple[str, Path]] | int:
    """(kind, path) of each file fmt is to lay out, or the exit code of a usage error (2).
    Sets args.content to the content folder fmt reads (content/ unless given)."""
    from .content.validate import content_files
    from .editors.fmt import kind_of

    if args.files and args.content is not None:
        print("explainer fmt: error: give content files or --content, not both", file=sys.stderr)
        return 2
    args.content = args.content or Path("content")
    if not args.files:
        if not args.content.is_dir():
            print(f"explainer: error: the content folder {args.content} does not exist", file=sys.stderr)
            return 2
        return content_files(args.content)[0]
    files, unknown = [], []
    for path in args.files:
        kind = kind_of(path)
        (files.append((kind, path)) if kind else unknown.append(path))
    for path in unknown:
        print(
            f"explainer fmt: {path} is not a content file (content/<kind>/<id>.yaml or content/site.yaml)",
            file=sys.stderr,
        )
    return 2 if unknown else files


def _fmt_problems(problems: list, github: bool) -> None:
    """Say why each of these files could not be laid out (as annotations for GitHub)."""
    from .editors.ghsummary import annotation

    for o in problems:
        problem = o.problem
        assert problem is not None  # problems holds the outcomes that have one
        message = f"cannot lay this file out: {problem}"
        line, col = problem.line or 1, problem.col or 1
        where = f"{_shown(o)}:{line}:{col}" if problem.line else _shown(o)
        print(annotation("error", _shown(o), line, col, "fmt", message) if github else f"{where}: {message}")
        for d in problem.diagnostics:
            print(f"  {d.text()}", file=sys.stderr)


def _fmt_check(changed: list, problems: list, fix: str, github: bool) -> int:
    """`fmt --check`'s report of the files not laid out (and a job summary for GitHub); its exit code."""
    from .editors.ghsummary import annotation, append_summary
    from .site.text import inert

    for o in changed:
        message = f"not in the canonical layout; run `{fix}` to lay it out"
        print(annotation("error", _shown(o), 1, 1, "fmt", message) if github else f"{_shown(o)}: {message}")
    if changed:
        n = len(changed)
        print(f"{n} file{'s' * (n != 1)} not laid out; run `{fix}` to fix {'them' if n != 1 else 'it'}")
    if github and (changed or problems):
        lines = [
            f"## explainer fmt: {len(changed)} file(s) not laid out\n",
            f"Run `{fix}` and commit the result.\n",
        ]
        lines += [f"- {_code(_shown(o))}" for o in changed] + [
            f"- {_code(_shown(o))}: {inert(str(o.problem))}" for o in problems
        ]
        append_summary("\n".join(lines) + "\n")
    return 1 if changed or problems else 0


def cmd_new(args) -> int:
    from .content.validate import display_path
    from .editors.scaffold import KINDS_BY_NAME, new_entity

    if not args.content.is_dir():
        print(f"explainer: error: the content folder {args.content} does not exist", file=sys.stderr)
        return 2
    report = Report()
    try:
        path = new_entity(args.content, KINDS_BY_NAME[args.kind], args.id, Path.cwd(), report)
    except OSError as exc:
        return cannot_write(args.content / KINDS_BY_NAME[args.kind], exc, "the new file")
    if path is None:
        sys.stdout.write(diagnostics.format_text(report.sorted()))
        return 1
    print(f"created {display_path(path, Path.cwd())}; fill in the empty fields, then run `explainer check`")
    return 0


def cmd_diff(args) -> int:
    from .editors.changes import GitError, summary

    if not args.content.is_dir():
        print(f"explainer: error: the content folder {args.content} does not exist", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(summary(args.ref, args.content))
    except GitError as exc:
        print(f"explainer diff: error: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_schema(args) -> int:
    from .editors.schema_export import SCHEMA_NAMES, write_schemas

    try:
        stale = write_schemas(args.out, check=args.check, within=project_for(args.out, Path.cwd()))
    except UnsafePath as exc:
        print(f"explainer: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        return cannot_write(args.out, exc, "the schemas")
    if args.check:
        for path in stale:
            print(f"{path}: differs from the model in generator/content/schema.py", file=sys.stderr)
        if stale:
            print(f"run `explainer schema --out {args.out}` to update", file=sys.stderr)
        return 1 if stale else 0
    print(
        f"wrote {len(stale)} schema{'s' * (len(stale) != 1)} to {args.out} ({len(SCHEMA_NAMES) - len(stale)} unchanged)"
    )
    return 0


COMMANDS = {
    "check": cmd_check,
    "render": cmd_render,
    "build": cmd_build,
    "serve": cmd_serve,
    "schema": cmd_schema,
    "fmt": cmd_fmt,
    "new": cmd_new,
    "diff": cmd_diff,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
