"""Building and serving throwaway copies of the site for end-to-end tests.

A project copy holds the real mkdocs.yml, docs/ and overrides/ with a content folder of
the test's choosing; the templates are the project's own (the plugin's default).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import yaml

from generator.content.obj import Obj
from generator.content.schema import ENTITY_SPECS, SITE
from generator.content.text import Name, ProseType, Text
from generator.content.types import ListOf, Url

ROOT = Path(__file__).resolve().parent.parent
BASE_CONTENT = ROOT / "tests" / "fixtures" / "base" / "content"
SITE_NAME = "Rocket attack on Al Asad Air Base, 3 March 2021"

# Debian's chromium here and in CI; $EXPLAINER_CHROMIUM names another build (GitHub's runners have Chrome).
CHROMIUM = os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def make_project(into: Path, content: Path = BASE_CONTENT) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, into / folder)
    shutil.copytree(content, into / "content")
    return into


def env(**extra: str) -> dict[str, str]:
    """The environment for a build: no archive (quotes are not what these tests are about)."""
    e = {k: v for k, v in os.environ.items() if k not in ("EXPLAINER_ARCHIVE", "SOURCE_DATE_EPOCH")}
    e["NO_MKDOCS_2_WARNING"] = "1"
    e.update(extra)
    return e


def mkdocs_build(project: Path, site_dir: Path, **extra: str) -> subprocess.CompletedProcess:
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(site_dir),
    ]
    return subprocess.run(cmd, cwd=project, env=env(**extra), capture_output=True, text=True, timeout=300)


def explainer(project: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        env=env(**extra),
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under root: its hash and modification time (nanoseconds)."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            out[p.relative_to(root).as_posix()] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
    return out


# --- hostile content ---------------------------------------------------------------------


def inject(content: Path, text: str, urls: tuple[str, str]) -> int:
    """Put `text` into every text and prose field of every file (adding the optional ones),
    and `urls` into every URL field. Returns how many fields now hold the payload."""
    count = 0
    for path in sorted(content.rglob("*.yaml")):
        kind = path.parent.name if path.parent != content else "site"
        spec = SITE if kind == "site" else ENTITY_SPECS[kind]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # the fixture is ours: plain YAML
        if kind == "claims" and "assessment" not in data:
            data["assessment"] = {
                "verdict": "unproven",
                "reason": "",
                "cite": [copy.deepcopy(data["stances"][0]["cite"][0])],
            }
        count += _fill(data, spec, text, urls)
        if kind == "claims":  # one proposition is one claim (duplicate-proposition): keep them apart
            data["proposition"] = f"{data['proposition']} {data['id']}"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return count


def title_safe(text: str) -> str:
    """What of a payload a name or title may hold: check refuses '<' before a letter, '/', '!'
    or '?' there (markup-in-title, tests/cases/markup-in-title), so a space follows each such '<'."""
    return re.sub(r"<(?=[A-Za-z/!?])", "< ", text)


def _fill(data: dict, spec: Obj, text: str, urls: tuple[str, str]) -> int:
    count = 0
    for name, field in spec.fields.items():
        t = field.type
        if name == "archived_text":
            continue  # a file name in the archive, never shown
        if isinstance(t, Name) or isinstance(t, ListOf) and isinstance(t.item, Name):
            data[name] = title_safe(text) if isinstance(t, Name) else [title_safe(text)] * 2
            count += 1 if isinstance(t, Name) else 2
        elif isinstance(t, (Text, ProseType)):
            data[name] = text
            count += 1
        elif isinstance(t, Url):
            data[name] = urls[0] if name == "url" else urls[1]
            count += 1
        elif isinstance(t, ListOf) and isinstance(t.item, Text):
            data[name] = [text, text]
            count += 2
        elif isinstance(t, ListOf) and isinstance(t.item, Obj) and name in data:
            for i, item in enumerate(data[name]):
                if not isinstance(item, dict):
                    item = data[name][i] = {t.item.shorthand: item}
                count += _fill(item, t.item, text, urls)
        elif isinstance(t, Obj) and name in data:
            count += _fill(data[name], t, text, urls)
    return count


# --- serving -----------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that stops reading a page it left is not an error here


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port); yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
