"""Text an editor may write but that must stay text: tests/inert/<name>/ holds input.yaml
(one field, `text:` for one-line text such as names and notes, `prose:` for paragraphs),
expected.md (the exact generated Markdown) and expected.html (the exact HTML the site's
Markdown extensions make of it).

The same HTML must come out when every syntax extension of Python-Markdown and pymdownx
is switched on as well (snippets, attribute lists, HTML in Markdown, magic links, ...):
nothing in editor text depends on an extension staying off.
"""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from generator.content.diagnostics import Report
from generator.content.text import ProseType, Text
from generator.content.types import Ctx
from generator.content.yamlio import load
from generator.model import entities as m
from generator.site.page import PageContext
from generator.site.text import inert

INERT = Path(__file__).resolve().parent / "inert"
ROOT = Path(__file__).resolve().parent.parent

# Every block and inline syntax extension that could be enabled on the site one day.
# Typography-only extensions (smarty, smartsymbols) are left out: they change quote marks
# and arrows, not structure.
EVERY_EXTENSION = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "fenced_code",
    "pymdownx.snippets",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.details",
    "pymdownx.magiclink",
    "pymdownx.emoji",
    "pymdownx.arithmatex",
    "pymdownx.caret",
    "pymdownx.mark",
    "pymdownx.tilde",
    "pymdownx.keys",
    "pymdownx.critic",
    "pymdownx.betterem",
    "pymdownx.inlinehilite",
    "pymdownx.highlight",
    "pymdownx.tasklist",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.html",
    "pymdownx.blocks.tab",
    "wikilinks",
    "nl2br",
    "sane_lists",
]
EVERY_CONFIG = {
    "pymdownx.magiclink": {
        "repo_url_shorthand": True,
        "social_url_shorthand": True,
        "provider": "github",
        "user": "someone",
        "repo": "project",
    },
    "pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": False},
}


def site_markdown():
    """The extensions MkDocs really uses for this site, from mkdocs.yml."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def case_names() -> list[str]:
    return sorted(p.name for p in INERT.iterdir() if (p / "input.yaml").exists())


def generated_markdown(name: str) -> str:
    """input.yaml -> the Markdown the generator writes for it, through the real field types."""
    report = Report()
    doc = load((INERT / name / "input.yaml").read_bytes(), "input.yaml", report)
    assert report.diagnostics == [] and doc is not None
    [(key, node)] = doc.root.value
    ctx = Ctx("input.yaml", report)
    if key.value == "text":
        # One-line text (a description, a note): names and titles refuse markup outright (markup-in-title).
        out = inert(Text(max_len=400).check(node, "text", ctx))
    else:
        prose = ProseType().check(node, "prose", ctx)
        out = PageContext("actors/x.md").prose(m.Text(prose.paragraphs))
    assert [d.code for d in report.diagnostics] == []
    return out + "\n"


def to_html(text: str, extensions, configs) -> str:
    return markdown.markdown(text, extensions=extensions, extension_configs=configs) + "\n"


@pytest.fixture(scope="module")
def site_md():
    return site_markdown()


@pytest.mark.parametrize("name", case_names())
def test_inert(name, site_md):
    md = generated_markdown(name)
    assert md == (INERT / name / "expected.md").read_text(encoding="utf-8")
    expected_html = (INERT / name / "expected.html").read_text(encoding="utf-8")
    assert to_html(md, *site_md) == expected_html
    assert to_html(md, EVERY_EXTENSION, EVERY_CONFIG) == expected_html


def test_the_catalogue_is_there():
    assert len(case_names()) >= 30


def test_every_extension_would_act_on_raw_text():
    """The paranoid extension set is live: unescaped, these inputs do become structure."""
    raw = {
        "[x](javascript:alert(1))": "<a ",
        "www.evil.example": "<a ",
        'Iran\n{: onclick="x" }': "onclick",
        "!!! danger\n    Body": "admonition",
        '--8<-- "README.md"': "Explainer",
        '<div markdown="1">**x**</div>': "<strong>",
    }
    for text, mark in raw.items():
        assert mark in to_html(text, EVERY_EXTENSION, EVERY_CONFIG), text
