"""`explainer`: check, render and build from the command line.

Exit codes: 0 clean, 1 content errors, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from . import diagnostics
from .diagnostics import Report
from .pipeline import Settings, load_model, render_pages
from .write import NotOurs, UnsafePath, write_pages


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 on usage errors, as we want; keep its text
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    p.add_argument("--templates", type=Path, default=None, help="the templates folder (default: the project's templates/)")
    p.add_argument("--archive", type=Path, default=_default_archive(),
                   help="folder of archived source texts for quote verification (default: $EXPLAINER_ARCHIVE)")


def _default_archive() -> Path | None:
    value = os.environ.get("EXPLAINER_ARCHIVE")
    return Path(value) if value else None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="explainer", description="Build a cited, cross-linked explainer site from YAML content.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("check", help="validate the content and report every problem with its file, line and column")
    _common(p)
    p.add_argument("--format", choices=sorted(diagnostics.FORMATTERS), default="text", help="output format (default: text)")

    p = sub.add_parser("render", help="write the generated Markdown pages into a folder")
    _common(p)
    p.add_argument("--out", type=Path, required=True, help="the folder to write into (created if missing)")

    p = sub.add_parser("build", help="check, then build the site with MkDocs (strict) into site/")
    _common(p)
    p.add_argument("--config-file", "-f", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--site-dir", default=None, help="where to build (default: site_dir in mkdocs.yml)")

    p = sub.add_parser("serve", help="preview the site with live reload (mkdocs serve)")
    p.add_argument("--config-file", "-f", default="mkdocs.yml")
    p.add_argument("--dev-addr", default="127.0.0.1:8000")
    return parser


def _settings(args) -> Settings:
    s = Settings(content=args.content, archive=args.archive)
    if args.templates is not None:
        s.templates = args.templates
    return s


def _load(args, fmt: str = "text"):
    if not args.content.is_dir():
        print(f"explainer: error: the content folder {args.content} does not exist", file=sys.stderr)
        raise SystemExit(2)
    if args.archive is not None and not args.archive.is_dir():
        print(f"explainer: error: the archive folder {args.archive} does not exist", file=sys.stderr)
        raise SystemExit(2)
    report = Report()
    model = load_model(_settings(args), report)
    diags = report.sorted()
    if diags or fmt == "json":
        out = sys.stdout if fmt != "text" or report.errors else sys.stderr
        out.write(diagnostics.FORMATTERS[fmt](diags))
    return model, report


def cmd_check(args) -> int:
    _, report = _load(args, args.format)
    if not report.errors and args.format == "text":
        n = len(report.warnings)
        print(f"content is valid ({n} warning{'s' * (n != 1)})")
    return 1 if report.errors else 0


def cmd_render(args) -> int:
    model, report = _load(args)
    if model is None:
        return 1
    pages = render_pages(model, _settings(args))
    try:
        changed = write_pages(pages, args.out)
    except (NotOurs, UnsafePath) as exc:
        print(f"explainer: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(pages)} pages to {args.out} ({len(changed)} changed)")
    return 0


def cmd_build(args) -> int:
    model, report = _load(args)
    if model is None:
        return 1
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", args.config_file]
    if args.site_dir:
        cmd += ["--site-dir", args.site_dir]
    if not sys.stderr.isatty():
        cmd.append("--quiet")
    env = dict(os.environ)
    if args.archive is not None:
        env["EXPLAINER_ARCHIVE"] = str(args.archive)
    return 1 if subprocess.call(cmd, env=env) else 0


def cmd_serve(args) -> int:
    # --dirty: after an edit MkDocs rebuilds only the pages whose Markdown changed (the
    # plugin tells it which), a second or two instead of the whole site.
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file", args.config_file, "--dev-addr", args.dev_addr])


COMMANDS = {"check": cmd_check, "render": cmd_render, "build": cmd_build, "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
