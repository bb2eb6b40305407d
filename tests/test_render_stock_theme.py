"""`explainer render` output is safe on an engine or theme that is not ours: its Markdown,
built by plain `mkdocs build` with the stock Material theme (no overrides/, so no escaped
<title> block of our own), opened in headless Chromium, runs nothing.

What makes it safe is that no markup-shaped text reaches a page title: check refuses '<' before
a letter, '/', '!' or '?' in names, aliases, titles, propositions and questions
(markup-in-title; tests/cases/markup-in-title shows the located errors), and the rest of a
title is written as inert text."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import sitekit
from test_hostile_build import CONTROL_URLS, PAYLOADS, browser, one_line, visit_all  # noqa: F401 (browser is a fixture)

pytestmark = pytest.mark.browser

# Payloads aimed at a page title, as a title may hold them: ending <title> and tags (with the
# space check requires after '<'), and entities that a decoding filter (Material's `striptags`)
# would turn into tags, with alert() (a dialog) and a flag on window.
TITLE_PAYLOADS = {
    "close-title": sitekit.title_safe(one_line(PAYLOADS["close-title"])),
    "img-onerror": sitekit.title_safe(one_line(PAYLOADS["img-onerror"])),
    "entity-decoding": one_line(PAYLOADS["entity-decoding"]),
    "entity-close-title": "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;",
    "numeric-entities": "&#60;/title&#62;&#60;svg onload=alert(2)&#62; &#x3c;script&#x3e;alert(3)&#x3c;/script&#x3e;",
    "double-entities": "&amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;alert(4)&amp;lt;/script&amp;gt;",
}
STOCK = "site_name: Stock theme\ndocs_dir: md\nsite_dir: site\ntheme:\n  name: material\n"


def test_raw_markup_in_every_title_is_refused(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(sitekit.BASE_CONTENT, content)
    titles = 0
    for path in sorted(content.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for field in ("name", "title", "proposition"):
            if text.startswith(f"id: {path.stem}\n{field}: "):
                line = text.splitlines()[1]
                path.write_text(
                    text.replace(line, f'{field}: "x </title><script>alert(1)</script>"', 1), encoding="utf-8"
                )
                titles += 1
    result = sitekit.explainer(tmp_path, "check", "--content", "content")
    assert result.returncode == 1
    assert result.stdout.count("error[markup-in-title]") == titles > 15
    assert result.stdout.count("'</' at character 3 would start an HTML tag in a page title") == titles


@pytest.mark.parametrize("name", sorted(TITLE_PAYLOADS))
def test_render_output_runs_nothing_with_the_stock_theme(name, tmp_path, browser):  # noqa: F811 (browser is the imported fixture)
    payload = TITLE_PAYLOADS[name]
    content = tmp_path / "content"
    shutil.copytree(sitekit.BASE_CONTENT, content)
    assert sitekit.inject(content, payload, CONTROL_URLS) > 100
    rendered = sitekit.explainer(tmp_path, "render", "--content", "content", "--out", "md")
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    (tmp_path / "mkdocs.yml").write_text(STOCK, encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=tmp_path,
        env=sitekit.env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert not (tmp_path / "site" / "overrides").exists()
    states, dialogs, offhost = visit_all(browser, tmp_path / "site")
    assert len(states) > 20
    assert dialogs == []
    # The stock theme fetches Google Fonts (ours turns them off); nothing else leaves the host.
    assert {u.split("/")[2] for u in offhost} <= {"fonts.googleapis.com", "fonts.gstatic.com"}
    assert [rel for rel, s in states.items() if s["pwned"]] == []
    assert states["actors/iran/index.html"]["heading"] == payload  # the reader sees the name as written
