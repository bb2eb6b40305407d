"""Every output stays well-formed: each XML, SVG, JSON and CSV file of a built site parses,
with names full of the characters each format must escape (and the characters check lets
through, astral ones included). What no XML file may hold is refused by check: see
tests/cases/xml-chars."""

from __future__ import annotations

import csv
import gzip
import io
import json
import xml.etree.ElementTree as ET

import pytest
import sitekit

from generator.site.search import indexed_pages

# '< Co>', not '<Co>': a name may not hold '<' before a letter (markup-in-title), but every '<' must be escaped.
NAME = "Iran & < Co> \"Q\" 'A' ]]> \U0001f680 \ufffd \u00e9\u0301"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = sitekit.make_project(tmp_path_factory.mktemp("well-formed") / "p")
    iran = project / "content" / "actors" / "iran.yaml"
    iran.write_text(
        iran.read_text(encoding="utf-8").replace("name: Iran\n", f"name: {json.dumps(NAME, ensure_ascii=False)}\n"),
        encoding="utf-8",
    )
    result = sitekit.explainer(
        project, "build", EXPLAINER_SITE_URL="https://example.org/explainer/"
    )  # a sitemap with pages
    assert (result.returncode, result.stderr) == (0, "")
    return project / "site"


def test_every_xml_svg_json_and_csv_file_parses(site):
    parsed = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix in (".xml", ".svg"):
            parsed[rel] = ET.fromstring(path.read_bytes())
        elif path.name.endswith(".xml.gz"):
            parsed[rel] = ET.fromstring(gzip.decompress(path.read_bytes()))
        elif path.suffix == ".json":
            parsed[rel] = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            parsed[rel] = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert {
        "sitemap.xml",
        "sitemap.xml.gz",
        "relationships/graph.svg",
        "data/actors.csv",
        "data/explainer.json",
        "data/datapackage.json",
        "pagefind/pagefind-entry.json",
    } <= set(parsed)
    # The name came through each format whole.
    svg_text = "".join(parsed["relationships/graph.svg"].itertext())
    assert "Iran & < Co>" in svg_text
    [iran] = [row for row in parsed["data/actors.csv"] if row[0] == "iran"]
    assert iran[1] == NAME
    assert [a["name"] for a in parsed["data/explainer.json"]["actors"] if a["id"] == "iran"] == [NAME]
    assert indexed_pages(site)["/actors/iran/"] == {"title": NAME, "kind": "Actor"}  # the search index's title
