"""The weekly link check: which sources' addresses no longer answer, and their archived copies.

    python -m generator.editors.linkcheck [--content DIR]

Prints a Markdown report (also to the GitHub job summary, with a warning annotation at each
dead `url:`). It connects to public hosts only: every address, redirects included, is resolved
and checked before connecting (no localhost, private, loopback, link-local or reserved
address), at most 5 redirects, 30 seconds and 64 KiB per address, 20 minutes per run
(addresses left over are listed as not checked). Each name lookup runs in a child process killed
at the deadline, so a slow resolver leaves nothing running behind the run. lychee was considered: its private-address
exclusions judge the address as written, not what a name resolves to (lycheeverse/lychee#7),
so a name pointing inward, or a redirect to one, would be fetched. It reports and never fails:
a dead link is a job for an editor, not a broken build, and the check runs on a schedule, never
on a pull request.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..content.diagnostics import Report
from ..content.hosts import host_problem, is_public, literal_ip
from ..model import entities as m
from ..pipeline import Settings, load_model
from ..site.text import inert, md_url
from .ghsummary import annotation, append_summary

USER_AGENT = "explainer-linkcheck/1 (+https://github.com; checks that cited sources are still online)"
# Answers that say "not for robots" rather than "gone": reported apart, not as dead.
BLOCKED = {401, 403, 429}


@dataclass(frozen=True)
class Status:
    state: str  # "ok", "dead" or "blocked"
    detail: str


MAX_REDIRECTS = 5
URL_SECONDS = 30.0  # the whole of one address: every redirect, every connection, every byte
STEP_SECONDS = 10.0  # one connection or read without progress
MAX_BODY = 64 * 1024  # what is read of an answer's body (the status is all we need)


class Refused(Exception):
    """An address the checker will not connect to; the message says why."""


# The lookup runs in a child process of its own, killed at the deadline: the system resolver
# has no deadline of its own, and a thread stuck in it could not be stopped, so every slow
# lookup would leave one behind. The child prints the host's addresses, one a line.
RESOLVER_SCRIPT = """
import socket, sys
try:
    infos = socket.getaddrinfo(sys.argv[1], int(sys.argv[2]), type=socket.SOCK_STREAM)
except (OSError, UnicodeError) as exc:
    sys.exit(str(exc))
print("\\n".join(dict.fromkeys(info[4][0] for info in infos)))
"""
RESOLVER = (sys.executable, "-I", "-S", "-c", RESOLVER_SCRIPT)


def _resolve(host: str, port: int, seconds: float) -> list[str]:
    """The host's addresses from the system resolver (getaddrinfo), or TimeoutError after
    `seconds`, when the lookup's process is killed: nothing of it outlives the call."""
    if seconds <= 0:
        raise TimeoutError
    try:
        done = subprocess.run([*RESOLVER, host, str(port)], capture_output=True, text=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise TimeoutError from None
    if done.returncode:
        raise OSError(f"cannot resolve {host} ({done.stderr.strip() or f'exit status {done.returncode}'})")
    if not done.stdout.split():
        raise OSError(f"cannot resolve {host} (no address)")
    return done.stdout.split()


def _addresses(host: str, port: int, allow: Callable, deadline: float) -> list[str]:
    """The host's addresses, every one of them allowed, or Refused: decided before any
    connection, and the connection goes to exactly these (no second lookup to rebind)."""
    literal = literal_ip(host) is not None
    if not literal and host_problem(host, names_only=True):  # localhost and its subdomains, whatever they resolve to
        raise Refused(host_problem(host, names_only=True))
    addrs = _resolve(host.strip("[]"), port, deadline - time.monotonic())
    for a in addrs:
        if not allow(ipaddress.ip_address(a.split("%", 1)[0])):
            raise Refused(
                f"{a} is not a public address" if literal else f"{host} resolves to {a}, not a public address"
            )
    return addrs


class _Pinned(http.client.HTTPSConnection):
    """An HTTP(S) connection to an address checked beforehand, with the host's name for TLS
    (certificate and SNI) and the Host header."""

    def __init__(self, scheme: str, host: str, port: int, ip: str, timeout: float):
        tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=tls)
        self._scheme, self._ip, self._tls = scheme, ip, tls  # our own name for it: http.client's _context is private

    def connect(self):
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host) if self._scheme == "https" else sock


def _hop(url: str, method: str, deadline: float, allow: Callable) -> tuple[int, str | None]:
    """One request: (status, Location header). Raises Refused, OSError or TimeoutError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"{url[:80]} is not a web address")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addrs = _addresses(parts.hostname, port, allow, deadline)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    conn = _Pinned(parts.scheme, parts.hostname, port, addrs[0], min(STEP_SECONDS, remaining))
    # A server may drip a byte at a time, each in time for the read timeout: past the
    # deadline the connection is shut, whatever it is doing.
    timer = threading.Timer(remaining, _shut, (conn,))
    timer.start()
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, headers={"User-Agent": USER_AGENT, "Range": "bytes=0-0"})
        resp = conn.getresponse()
        resp.read(MAX_BODY)
        if time.monotonic() >= deadline:  # shut mid-answer: what was read is not the answer
            raise TimeoutError
        return resp.status, resp.getheader("Location")
    except (OSError, http.client.HTTPException) as exc:
        if time.monotonic() >= deadline:
            raise TimeoutError from exc
        raise OSError(str(exc) or type(exc).__name__) from exc
    finally:
        timer.cancel()
        conn.close()


def _shut(conn) -> None:
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def fetch(url: str, timeout: float = URL_SECONDS, allow: Callable = is_public) -> Status:
    """HEAD, then GET when a server does not do HEAD. Redirects are followed by hand (at most
    MAX_REDIRECTS), each target checked like the first address: public hosts only, decided
    before connecting. `timeout` bounds the whole address; `allow` is for tests."""
    deadline = time.monotonic() + timeout
    for method in ("HEAD", "GET"):
        current = url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                status, location = _hop(current, method, deadline, allow)
                if status in (301, 302, 303, 307, 308) and location:
                    current = urljoin(current, location)
                    continue
                break
            else:
                return Status("dead", f"more than {MAX_REDIRECTS} redirects")
        except Refused as exc:
            where = "" if current == url else "redirected: "
            return Status("dead", f"not followed: {where}{exc}")
        except TimeoutError:
            return Status("dead", f"no complete answer within {timeout:g} s")
        except OSError as exc:
            return Status("dead", f"no answer ({exc})")
        if method == "HEAD" and status in (400, 403, 405, 501):
            continue
        if status >= 400:
            return Status("blocked" if status in BLOCKED else "dead", f"HTTP {status}")
        if status in (301, 302, 303, 307, 308):
            return Status("dead", f"HTTP {status} without a Location")
        return Status("ok", str(status))
    return Status("dead", "no answer")


@dataclass(frozen=True)
class Result:
    source: m.Source
    field: str
    url: str
    status: Status


RUN_SECONDS = 20 * 60  # the workflow's job stops at 30 minutes; the report must be written before


def check_sources(
    model: m.Model, get: Callable[[str], Status] = fetch, workers: int = 4, budget: float = RUN_SECONDS
) -> list[Result]:
    """Every source address's status. An address whose turn comes after `budget` seconds is
    not fetched and is listed as not checked, so the report always reaches the job summary."""
    todo = [(s, f, getattr(s, f)) for s in model.sources for f in ("url", "archived_url") if getattr(s, f)]
    end = time.monotonic() + budget

    def one(t) -> Status:
        if time.monotonic() >= end:
            return Status("blocked", f"not checked: the run's {budget / 60:g}-minute budget was spent")
        return get(t[2])

    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = list(pool.map(one, todo))
    return [Result(s, f, url, st) for (s, f, url), st in zip(todo, statuses, strict=True)]


def report(results: list[Result]) -> str:
    dead = [r for r in results if r.status.state == "dead"]
    blocked = [r for r in results if r.status.state == "blocked"]
    out = [
        f"## Link check: {len(dead)} dead, {len(blocked)} not checkable, {len(results) - len(dead) - len(blocked)} fine\n"
    ]
    if dead:
        out.append("| source | address | problem | archived copy |\n| --- | --- | --- | --- |")
        for r in dead:
            archived = r.source.archived_url if r.field == "url" else None
            copy = (
                f"<{md_url(archived)}>"
                if archived
                else ("none: add `archived_url`" if r.field == "url" else "this is the archived copy")
            )
            out.append(
                f"| {inert(r.source.title)} (`{r.source.id}`) | `{r.field}` <{md_url(r.url)}> | {inert(r.status.detail)} | {copy} |"
            )
        out.append("")
    if blocked:
        out.append("Not checkable (the site turns automated requests away; open them by hand):\n")
        out += [
            f"- {inert(r.source.title)} (`{r.source.id}`): <{md_url(r.url)}> ({inert(r.status.detail)})"
            for r in blocked
        ]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def dead_link_annotations(results: list[Result]) -> list[str]:
    """A GitHub warning annotation at the field of each dead address. (Not named `annotations`:
    that name is bound by `from __future__ import annotations`.)"""
    lines = []
    for r in results:
        if r.status.state != "dead":
            continue
        loc = r.source.locs.get(r.field)
        line, col = (loc.line, loc.col) if loc else (1, 1)
        archived = r.source.archived_url if r.field == "url" else None
        hint = f"; archived copy: {archived}" if archived else ("; add archived_url" if r.field == "url" else "")
        lines.append(
            annotation(
                "warning",
                r.source.file,
                line,
                col,
                "dead link",
                f"{r.field}: {r.url} is dead ({r.status.detail}){hint}",
            )
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.editors.linkcheck", description="Check the sources' addresses."
    )
    parser.add_argument("--content", type=Path, default=Path("content"))
    args = parser.parse_args(argv)
    problems = Report()
    model = load_model(Settings(content=args.content), problems)
    if model is None:
        print(f"the content does not build ({len(problems.errors)} errors); run `explainer check`", file=sys.stderr)
        return 0
    results = check_sources(model)
    text = report(results)
    sys.stdout.write(text)
    if append_summary(text):
        for line in dead_link_annotations(results):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
