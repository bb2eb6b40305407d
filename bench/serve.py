"""The editor's loop: save one YAML file, wait for the preview server to show the change.

A copy of the corpus is served on 127.0.0.1 by `explainer serve` (what an editor runs) or,
for comparison, plain `mkdocs serve` in a subprocess, through the project's own mkdocs.yml.
Each edit appends a marker to one event's title and polls that event's page until the marker
is there. The server holds a request while a build is under way, so the page arrives when a
browser's live reload would fetch it: the time is save-to-reloaded-page. The plugin logs how
many pages each edit changed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>", re.S)
_CHANGED = re.compile(r"explainer: (\d+) of (\d+) pages changed")
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 600) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return _LIVERELOAD.sub(b"", r.read())  # the injected script differs on every request
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


MODES = {"explainer_serve": "explainer serve", "mkdocs_serve": "mkdocs serve"}


def command(mode: str, port: int) -> list[str]:
    """The server's command line: `explainer serve` (the CLI) or plain `mkdocs serve`."""
    config = ["--config-file", str(ROOT / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    if mode == "explainer_serve":
        return [sys.executable, "-m", "generator", "serve", *config]
    return [sys.executable, "-m", "mkdocs", "serve", *config]


def measure(corpus: Path, work: Path, *, edits: int, mode: str, startup_timeout: float = 1800) -> dict:
    content = work / f"serve-{mode}" / "content"
    shutil.rmtree(content.parent, ignore_errors=True)
    shutil.copytree(corpus / "content", content)
    events = sorted((content / "events").glob("*.yaml"))
    target = events[len(events) // 2]
    others = sorted(p for kind in ("actors", "claims", "sources") for p in (content / kind).glob("*.yaml"))[
        :: max(1, len(events) // 10)
    ][:30]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/events/{target.stem}/"
    sample = [f"{base}/{p.parent.name}/{p.stem}/" for p in others]
    env = dict(
        os.environ, EXPLAINER_CONTENT=str(content), EXPLAINER_ARCHIVE=str(corpus / "archive"), NO_MKDOCS_2_WARNING="1"
    )
    cmd = command(mode, port)
    log_path = content.parent / "serve.log"
    started = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        first = _wait(url, lambda body: body is not None, proc, log_path, startup_timeout)
        startup = time.perf_counter() - started
        before = [_get(u) for u in sample]
        latencies, changed, rebuilds = [], [], []
        for i in range(1, edits + 1):
            marker = f"bench edit {i}"
            text = target.read_text(encoding="utf-8")
            text = re.sub(
                r"^title: (.*?)( \(bench edit \d+\))?$",
                lambda m, marker=marker: f"title: {m.group(1)} ({marker})",
                text,
                count=1,
                flags=re.M,
            )
            logged = log_path.read_text(encoding="utf-8")
            saved = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            _wait(
                url,
                lambda body, marker=marker: body is not None and marker.encode() in body,
                proc,
                log_path,
                startup_timeout,
            )
            latencies.append(time.perf_counter() - saved)
            time.sleep(1.0)  # let the watcher settle before the next save
            new = log_path.read_text(encoding="utf-8")[len(logged) :]
            changed += [[int(a), int(b)] for a, b in _CHANGED.findall(new)]
            rebuilds += [float(x) for x in _BUILT.findall(new)]
        after = [_get(u) for u in sample]
        return {
            "mode": mode,
            "command": MODES[mode],
            "startup": startup,
            "latencies": latencies,
            "pages_changed": changed,
            "rebuild_times": rebuilds,
            "page_bytes": len(first or b""),
            "sample_pages": len(sample),
            "sample_pages_changed": sum(a != b for a, b in zip(before, after, strict=False)),
        }
    finally:
        _stop(proc)


def _wait(url: str, ok, proc: subprocess.Popen, log_path: Path, timeout: float) -> bytes | None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            tail = log_path.read_text(encoding="utf-8")[-3000:]
            raise RuntimeError(f"the server exited with {proc.returncode}:\n{tail}")
        body = _get(url)
        if ok(body):
            return body
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show the change within {timeout:.0f} s; see {log_path}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    # The server's own process group (start_new_session): `explainer serve` runs MkDocs in a child.
    os.killpg(proc.pid, signal.SIGINT)  # lets MkDocs remove its temporary site folder
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
