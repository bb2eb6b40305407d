"""The real explainer in content/ builds strictly, with every link and anchor resolving."""

from __future__ import annotations

from conftest import ROOT
from sitecheck import broken_links, off_host_fetches


def test_every_entity_has_a_page(real_site):
    files = sorted((ROOT / "content").glob("*/*.yaml"))
    assert len(files) >= 15
    missing = [f for f in files if not (real_site / f.parent.name / f.stem / "index.html").is_file()]
    assert missing == []


def test_no_broken_link_or_anchor(real_site):
    assert broken_links(real_site) == []


def test_nothing_from_another_host(real_site):
    assert off_host_fetches(real_site) == []
