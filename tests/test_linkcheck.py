"""The weekly link check: dead source addresses reported with their archived copies."""

from __future__ import annotations

import http.server
import shutil
import socket
import threading

import pytest

from casekit import BASE
from generator.diagnostics import Report
from generator.linkcheck import Status, annotations, check_sources, fetch, report
from generator.pipeline import Settings, load_model

POLITICO = "content/sources/politico-2021-03-04-officials-blame-militia.yaml"
AMN = "content/sources/amn-2021-03-04-iran-backed-militia-behind-attack.yaml"


def test_dead_links_are_reported_with_the_archived_copy(tmp_path):
    shutil.copytree(BASE / "content", tmp_path / "content")
    with open(tmp_path / POLITICO, "a") as f:
        f.write("url: https://www.politico.com/gone\narchived_url: https://web.archive.org/web/2021/https://www.politico.com/gone\n")
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
        "(`amn-2021-03-04-iran-backed-militia-behind-attack`): <https://americanmilitarynews.com/a_%28b%29> (HTTP 403)\n")
    assert annotations(results) == [
        "::warning file=content/sources/politico-2021-03-04-officials-blame-militia.yaml,line=7,col=6,title=dead link::"
        "url: https://www.politico.com/gone is dead (HTTP 404); archived copy: https://web.archive.org/web/2021/https://www.politico.com/gone"]


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self):
        code = {"/ok": 200, "/gone": 404, "/robots-only": 403, "/get-only": 405 if self.command == "HEAD" else 200}[self.path]
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


def test_fetch_reads_what_servers_answer(server):
    assert fetch(f"{server}/ok") == Status("ok", "200")
    assert fetch(f"{server}/gone") == Status("dead", "HTTP 404")
    assert fetch(f"{server}/robots-only") == Status("blocked", "HTTP 403")
    assert fetch(f"{server}/get-only") == Status("ok", "200")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert fetch(f"http://127.0.0.1:{closed}/x", timeout=2).state == "dead"
