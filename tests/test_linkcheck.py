"""The weekly link check: dead source addresses reported with their archived copies."""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import sys
import threading
import time

import pytest
from casekit import BASE

from generator.content.diagnostics import Report
from generator.editors import linkcheck
from generator.editors.linkcheck import Status, check_sources, dead_link_annotations, fetch, report
from generator.pipeline import Settings, load_model

POLITICO = "content/sources/politico-2021-03-04-officials-blame-militia.yaml"
AMN = "content/sources/amn-2021-03-04-iran-backed-militia-behind-attack.yaml"


def test_dead_links_are_reported_with_the_archived_copy(tmp_path):
    shutil.copytree(BASE / "content", tmp_path / "content")
    with open(tmp_path / POLITICO, "a") as f:
        f.write(
            "url: https://www.politico.com/gone\narchived_url: https://web.archive.org/web/2021/https://www.politico.com/gone\n"
        )
    with open(tmp_path / AMN, "a") as f:
        f.write("url: https://americanmilitarynews.com/a_(b)\n")
    model = load_model(Settings(content=tmp_path / "content", base=tmp_path), Report())
    answers = {
        "https://www.politico.com/gone": Status("dead", "HTTP 404"),
        "https://web.archive.org/web/2021/https://www.politico.com/gone": Status("ok", "200"),
        "https://americanmilitarynews.com/a_(b)": Status("blocked", "HTTP 403"),
    }
    results = check_sources(model, answers.__getitem__)
    assert report(results) == (
        "## Link check: 1 dead, 1 not checkable, 1 fine\n\n"
        "| source | address | problem | archived copy |\n| --- | --- | --- | --- |\n"
        "| Politico report on US and Iraqi officials blaming an Iran-backed militia (`politico-2021-03-04-officials-blame-militia`) "
        "| `url` <https://www.politico.com/gone> | HTTP 404 | <https://web.archive.org/web/2021/https://www.politico.com/gone> |\n\n"
        "Not checkable (the site turns automated requests away; open them by hand):\n\n"
        "- Report&#58; Iran-backed militia is behind rocket attack on US troops in Iraq and past attacks "
        "(`amn-2021-03-04-iran-backed-militia-behind-attack`): <https://americanmilitarynews.com/a_%28b%29> (HTTP 403)\n"
    )
    assert dead_link_annotations(results) == [
        "::warning file=content/sources/politico-2021-03-04-officials-blame-militia.yaml,line=7,col=6,title=dead link::"
        "url: https://www.politico.com/gone is dead (HTTP 404); archived copy: https://web.archive.org/web/2021/https://www.politico.com/gone"
    ]


REDIRECTS = {
    "/to-private": "http://10.0.0.1/",
    "/to-metadata": "http://169.254.169.254/latest/meta-data/",
    "/to-router": "https://192.168.1.1/admin",
    "/to-loopback-v6": "http://[::1]/",
    "/to-other-loopback": "http://127.0.0.2/",
    "/to-localhost": "http://localhost/",
    "/to-sub-localhost": "http://x.localhost/",
    "/to-hex-loopback": "http://0x7f.0.0.2/",
    "/to-internal-name": "http://intranet.example.org/",
    "/to-file": "file:///etc/passwd",
    "/hop-1": "/hop-2",
    "/hop-2": "/ok",
}


SENT = {"endless": 0}


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self):
        if self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        elif self.path == "/endless":  # a body that never ends: the checker reads 64 KiB of it at most
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(64 * 1024):  # 64 MiB
                    self.wfile.write(b"x" * 1024)
                    SENT["endless"] += 1024
            except OSError:
                pass
            return
        elif self.path == "/drip":  # headers that never end, a byte at a time, each in time for a read timeout
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(40):
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.1)
            return
        else:
            code = {"/ok": 200, "/gone": 404, "/robots-only": 403, "/get-only": 405 if self.command == "HEAD" else 200}[
                self.path
            ]
            self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _test_server_only(ip) -> bool:
    """The tests' own server is the one non-public address the checker may reach here."""
    return str(ip) == "127.0.0.1"


# The tests' resolver: the checker looks names up in a child process (linkcheck.RESOLVER), so the
# fake is a script too. It knows three names and reads numbers; it never asks the network.
FAKE_RESOLVER = """
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
fake = {"intranet.example.org": "10.20.30.40", "localhost": "127.0.0.1", "x.localhost": "127.0.0.1"}
if host in fake:
    sys.exit(print(fake[host]))
try:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
except OSError:
    sys.exit(f"the tests' resolver knows no {host}")
print("\\n".join(info[4][0] for info in infos))
"""


@pytest.fixture
def connections(monkeypatch):
    """Every address the checker connects to; names resolve only as the test says."""
    made = []
    real_connect = socket.create_connection

    def connect(address, *args, **kwargs):
        made.append(address[0])
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    monkeypatch.setattr(linkcheck, "RESOLVER", (sys.executable, "-I", "-S", "-c", FAKE_RESOLVER))
    return made


def test_fetch_reads_what_servers_answer(server, connections):
    assert fetch(f"{server}/ok", allow=_test_server_only) == Status("ok", "200")
    assert fetch(f"{server}/gone", allow=_test_server_only) == Status("dead", "HTTP 404")
    assert fetch(f"{server}/robots-only", allow=_test_server_only) == Status("blocked", "HTTP 403")
    assert fetch(f"{server}/get-only", allow=_test_server_only) == Status("ok", "200")
    assert fetch(f"{server}/hop-1", allow=_test_server_only) == Status("ok", "200")
    assert fetch(f"{server}/loop", allow=_test_server_only) == Status("dead", "more than 5 redirects")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert fetch(f"http://127.0.0.1:{closed}/x", timeout=2, allow=_test_server_only).state == "dead"
    assert set(connections) == {"127.0.0.1"}


@pytest.mark.parametrize(
    "path,detail",
    [
        ("/to-private", "10.0.0.1 is not a public address"),
        ("/to-metadata", "169.254.169.254 is not a public address"),
        ("/to-router", "192.168.1.1 is not a public address"),
        ("/to-loopback-v6", "::1 is not a public address"),
        ("/to-other-loopback", "127.0.0.2 is not a public address"),
        ("/to-hex-loopback", "127.0.0.2 is not a public address"),
        ("/to-localhost", "names localhost, this computer, not a public host"),
        ("/to-sub-localhost", "names x.localhost, this computer, not a public host"),
        ("/to-internal-name", "intranet.example.org resolves to 10.20.30.40, not a public address"),
        ("/to-file", "file:///etc/passwd is not a web address"),
    ],
)
def test_a_redirect_to_a_non_public_address_is_refused_before_connecting(server, connections, path, detail):
    # HEAD and GET both follow the redirect to the refusal; only the test's server is ever connected to.
    assert fetch(f"{server}{path}", allow=_test_server_only) == Status("dead", f"not followed: redirected: {detail}")
    assert connections == ["127.0.0.1"]


@pytest.mark.parametrize(
    "url,detail",
    [
        ("https://169.254.169.254/", "169.254.169.254 is not a public address"),
        ("https://127.0.0.1/", "127.0.0.1 is not a public address"),
        ("https://10.0.0.1/x", "10.0.0.1 is not a public address"),
        ("https://localhost/", "names localhost, this computer, not a public host"),
        ("https://intranet.example.org/", "intranet.example.org resolves to 10.20.30.40, not a public address"),
    ],
)
def test_by_default_only_public_addresses_are_reached(connections, url, detail):
    assert fetch(url) == Status("dead", f"not followed: {detail}")
    assert connections == []


def test_an_endless_answer_is_read_only_so_far(server, connections):
    SENT["endless"] = 0
    assert fetch(f"{server}/endless", timeout=5, allow=_test_server_only) == Status("ok", "200")
    time.sleep(0.3)
    assert SENT["endless"] < 16 * 1024 * 1024  # closed long before 64 MiB (what is sent counts socket buffers too)


BLOCKING_RESOLVER = """
import os, pathlib, time
pathlib.Path({pidfile!r}).write_text(str(os.getpid()))
time.sleep(60)
"""


def test_a_resolver_that_never_answers_is_given_up_at_the_deadline_and_leaves_nothing_running(monkeypatch, tmp_path):
    made = []
    pidfile = tmp_path / "resolver.pid"
    script = BLOCKING_RESOLVER.format(pidfile=str(pidfile))
    monkeypatch.setattr(linkcheck, "RESOLVER", (sys.executable, "-I", "-S", "-c", script))
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: made.append(a))
    threads = threading.active_count()
    start = time.monotonic()
    assert fetch("https://slow.example.org/", timeout=1) == Status("dead", "no complete answer within 1 s")
    assert time.monotonic() - start < 1.5 and made == []
    pid = int(pidfile.read_text())  # the lookup did start, in its own process
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped, not left running or as a zombie
    assert threading.active_count() == threads


def test_a_run_against_a_stuck_resolver_ends_in_bounded_time(monkeypatch, tmp_path):
    """Many addresses, every lookup stuck: the run still ends by the addresses' deadlines and no
    lookup's thread or process is left (with a thread per lookup, each one stayed behind)."""
    script = BLOCKING_RESOLVER.format(pidfile=str(tmp_path / "resolver.pid"))
    monkeypatch.setattr(linkcheck, "RESOLVER", (sys.executable, "-I", "-S", "-c", script))
    shutil.copytree(BASE / "content", tmp_path / "content")
    for source in (POLITICO, AMN):
        with open(tmp_path / source, "a") as f:
            f.write(
                "url: https://slow.example.org/a\narchived_url: https://web.archive.org/web/2021/https://slow.example.org/a\n"
            )
    model = load_model(Settings(content=tmp_path / "content", base=tmp_path), Report())
    threads = threading.active_count()
    start = time.monotonic()
    results = check_sources(model, lambda url: fetch(url, timeout=0.5), workers=4)
    assert len(results) == 4 and {r.status for r in results} == {Status("dead", "no complete answer within 0.5 s")}
    assert time.monotonic() - start < 1.5  # four at a time: one round of 0.5 s, and the processes' start
    assert threading.active_count() == threads


def test_the_resolver_reads_an_address_and_says_why_a_name_does_not_resolve(monkeypatch):
    # The real resolver script on a number (no lookup on the network), then a failing one.
    assert linkcheck._resolve("127.0.0.1", 80, 10) == ["127.0.0.1"]
    monkeypatch.setattr(linkcheck, "RESOLVER", (sys.executable, "-I", "-S", "-c", FAKE_RESOLVER))
    with pytest.raises(OSError) as failed:
        linkcheck._resolve("gone.example.org", 443, 10)
    assert str(failed.value) == "cannot resolve gone.example.org (the tests' resolver knows no gone.example.org)"


def test_a_slow_dripping_server_is_cut_off_at_the_deadline(server, connections):
    start = time.monotonic()
    assert fetch(f"{server}/drip", timeout=1.5, allow=_test_server_only) == Status(
        "dead", "no complete answer within 1.5 s"
    )
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize(
    "url,problem",
    [
        (
            "https://169.254.169.254/latest/meta-data/",
            "points at 169.254.169.254, a private, loopback, link-local or reserved address, not a public host",
        ),
        (
            "https://127.0.0.1/",
            "points at 127.0.0.1, a private, loopback, link-local or reserved address, not a public host",
        ),
        (
            "https://127.1/",
            "points at 127.0.0.1, a private, loopback, link-local or reserved address, not a public host",
        ),
        (
            "https://0x7f.0.0.1/",
            "points at 127.0.0.1, a private, loopback, link-local or reserved address, not a public host",
        ),
        (
            "https://10.1.2.3/",
            "points at 10.1.2.3, a private, loopback, link-local or reserved address, not a public host",
        ),
        (
            "https://[::ffff:192.168.0.1]/",
            "points at 192.168.0.1, a private, loopback, link-local or reserved address, not a public host",
        ),
        (
            "https://100.64.0.1/",
            "points at 100.64.0.1, a private, loopback, link-local or reserved address, not a public host",
        ),
        ("https://localhost./", "names localhost, this computer, not a public host"),
        ("https://admin.localhost/", "names admin.localhost, this computer, not a public host"),
    ],
)
def test_check_rejects_source_addresses_that_are_not_public_hosts(tmp_path, url, problem):
    shutil.copytree(BASE / "content", tmp_path / "content")
    with open(tmp_path / POLITICO, "a") as f:
        f.write(f"url: {url}\n")
    report_ = Report()
    assert load_model(Settings(content=tmp_path / "content", base=tmp_path), report_) is None
    assert [d.text() for d in report_.sorted()] == [
        f"{POLITICO}:7:6: error[bad-url] url: '{url}' {problem}; expected a full address starting with https://"
    ]


@pytest.mark.parametrize("url", ["https://8.8.8.8/report", "https://999.1.1.1/", "https://[2001:4860:4860::8888]/"])
def test_a_source_address_names_its_site_not_a_number(tmp_path, url):
    # Public or not: a number is not an address a reader can judge or cite.
    shutil.copytree(BASE / "content", tmp_path / "content")
    with open(tmp_path / POLITICO, "a") as f:
        f.write(f"url: {url}\n")
    report_ = Report()
    assert load_model(Settings(content=tmp_path / "content", base=tmp_path), report_) is None
    assert [d.text() for d in report_.sorted()] == [
        f"{POLITICO}:7:6: error[bad-url] url: '{url}' names its host by number; write the site's name, as readers see it; "
        "expected a full address starting with https://"
    ]


def test_addresses_past_the_run_budget_are_listed_as_not_checked(tmp_path):
    shutil.copytree(BASE / "content", tmp_path / "content")
    with open(tmp_path / POLITICO, "a") as f:
        f.write("url: https://www.politico.com/gone\n")
    model = load_model(Settings(content=tmp_path / "content", base=tmp_path), Report())
    results = check_sources(model, lambda url: pytest.fail("fetched past the budget"), budget=0)
    assert [r.status for r in results] == [Status("blocked", "not checked: the run's 0-minute budget was spent")]
