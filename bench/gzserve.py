"""A static server for a built site that answers as GitHub Pages does, for Lighthouse.

GitHub Pages sends text (HTML, CSS, JavaScript, JSON, SVG ...) gzip-compressed to a browser
that accepts gzip, and everything else as it is; it caches for ten minutes. Python's own
http.server sends every file uncompressed, which would make Lighthouse's performance figures
those of a host the site is never published on. Bound to 127.0.0.1 only.

    python -m bench.gzserve SITE_DIR [--port N]    serve a site until interrupted
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_AGE = 600  # GitHub Pages' Cache-Control
# What GitHub Pages compresses; Pagefind's chunks and WebAssembly are compressed already.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Files from `directory`; text gzip-compressed when the request accepts gzip."""

    def log_message(self, *args) -> None:  # quiet: the benchmark prints its own lines
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSED
            or not path.is_file()
            or not _accepts_gzip(self.headers.get("Accept-Encoding"))
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _accepts_gzip(header: str | None) -> bool:
    """True when Accept-Encoding lists gzip without q=0."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


@contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 in a thread; yields the base URL (no trailing slash)."""
    handler = functools.partial(GzipHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.gzserve", description="Serve a built site gzip-compressed.")
    p.add_argument("site", type=Path)
    p.add_argument("--port", type=int, default=8000)
    args = p.parse_args()
    with serve(args.site.resolve(), args.port) as base:
        print(f"serving {args.site} at {base}/ (gzip as GitHub Pages); Ctrl-C stops", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
