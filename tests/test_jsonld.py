"""JSON-LD as real clients read it: schema.org's ranges, an `@id` and `url` for every entity when
the site's address is known, and a claim's first appearance at its origin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sitekit
from conftest import BASE

from generator.content.diagnostics import Report
from generator.pipeline import Settings, load_model
from generator.site import jsonld
from generator.site.render import _url_of, render_site

SITE = "https://example.org/explainer/"
AMN = "sources/amn-2021-03-04-iran-backed-militia-behind-attack.yaml"
ANTIWAR = "sources/antiwar-2021-03-04-anonymous-officials-blame-militia.yaml"
POLITICO = "sources/politico-2021-03-04-officials-blame-militia.yaml"
BEHIND = "kataib-hezbollah-behind-al-asad-attack"
MOTIVE = "kataib-hezbollah-has-motive-to-attack-us"
ORG_TYPES = {"Organization", "GovernmentOrganization", "NewsMediaOrganization"}


def _model(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None, appends: dict[str, str] | None = None):
    content = tmp_path / "content"
    shutil.copytree(BASE / "content", content)
    for rel, (old, new) in (edits or {}).items():
        text = (content / rel).read_text(encoding="utf-8")
        assert old in text, (rel, old)
        (content / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    for rel, extra in (appends or {}).items():
        with open(content / rel, "a", encoding="utf-8") as f:
            f.write(extra)
    report = Report()
    model = load_model(Settings(content=content, base=tmp_path), report)
    assert model is not None, [d.text() for d in report.sorted()]
    return model


def _claim(model, id_):
    return next(c for c in model.claims if c.id == id_)


def _first(model, id_):
    out = jsonld.jsonld(_claim(model, id_)).get("firstAppearance")
    return out and out["headline"]


POLITICO_TITLE = "Politico report on US and Iraqi officials blaming an Iran-backed militia"
ANTIWAR_TITLE = "Anonymous US Officials Blame \u2018Iranian-Backed\u2019 Militia For Latest Iraq Rocket Attack"


@pytest.mark.parametrize(
    "dates,behind,motive",
    [
        # The relaying articles a day later than the report they relay: the origin, not the earliest relay by id.
        ({AMN: "2021-03-05", ANTIWAR: "2021-03-05"}, POLITICO_TITLE, ANTIWAR_TITLE),
        # DeCamp's own analysis (cited without `via`) first appears in his article, whatever Politico's date.
        ({POLITICO: "2021-03-03"}, POLITICO_TITLE, ANTIWAR_TITLE),
        # Two origins on the same earliest day: no guess.
        ({POLITICO: "2021-03-05"}, None, ANTIWAR_TITLE),
        ({}, None, ANTIWAR_TITLE),
    ],
)
def test_first_appearance_is_the_earliest_origin(tmp_path, dates, behind, motive):
    model = _model(tmp_path, {rel: ("published: 2021-03-04", f"published: {d}") for rel, d in dates.items()})
    assert _first(model, BEHIND) == behind
    assert _first(model, MOTIVE) == motive
    heads = [a["headline"] for a in jsonld.jsonld(_claim(model, BEHIND))["appearance"]]
    assert POLITICO_TITLE in heads  # relayed via Politico: it appears there too


def _ranges_ok(node) -> list[str]:
    """Every Organization-range value in the tree that is not an organisation (Person allowed where schema.org allows it)."""
    wrong = []
    if isinstance(node, dict):
        for key, value in node.items():
            allowed = {
                "affiliation": ORG_TYPES,
                "parentOrganization": ORG_TYPES,
                "memberOf": ORG_TYPES,
                "publisher": ORG_TYPES | {"Person"},
                "author": ORG_TYPES | {"Person"},
            }.get(key)
            for v in value if isinstance(value, list) else [value]:
                if allowed and v["@type"] not in allowed:
                    wrong.append(f"{key}: {v['@type']} {v['name']}")
                wrong += _ranges_ok(v)
    return wrong


def test_organisation_properties_take_organisations(tmp_path):
    model = _model(
        tmp_path,
        appends={
            "actors/john-kirby.yaml": "  - relation: official-of\n    actor: iran\n    cite:\n      - "
            "amn-2021-03-04-iran-backed-militia-behind-attack\n"
            "  - relation: works-for\n    actor: dave-decamp\n    cite:\n      - amn-2021-03-04-iran-backed-militia-behind-attack\n",
            "actors/popular-mobilization-forces.yaml": "affiliations:\n  - relation: part-of\n    actor: iran\n    cite:\n"
            "      - antiwar-2021-03-04-anonymous-officials-blame-militia\n",
            "actors/iran.yaml": "affiliations:\n  - relation: member-of\n    actor: popular-mobilization-forces\n    cite:\n"
            "      - antiwar-2021-03-04-anonymous-officials-blame-militia\n",
        },
    )
    by_id = {e.id: jsonld.jsonld(e) for e in model.all()}
    assert by_id["john-kirby"]["affiliation"] == [
        {"@type": "GovernmentOrganization", "name": "US Department of Defense"},
        {"@type": "Organization", "name": "Iran"},
    ]
    assert by_id["popular-mobilization-forces"]["parentOrganization"] == [{"@type": "Organization", "name": "Iran"}]
    assert by_id["iran"]["@type"] == "Country" and "memberOf" not in by_id["iran"]
    assert {k: v for k, v in by_id.items() if _ranges_ok(v)} == {}


def test_every_entity_has_an_id_and_url_when_the_site_address_is_known(tmp_path):
    model = _model(tmp_path, appends={POLITICO: "url: https://www.politico.com/news/2021/03/04/x\n"})
    url_of = _url_of(SITE, True)
    ids = {}
    for e in model.all():
        if e.KIND == "site":
            continue
        data = jsonld.jsonld(e, url_of)
        page = f"{SITE}{e.KIND}/{e.id}/"
        assert (data["@id"], data.get("mainEntityOfPage", data["url"])) == (f"{page}#{e.KIND[:-1]}", page), e.id
        ids[data["@id"]] = data["name"] if "name" in data else data["headline"]

    def refs(node):  # every reference names an entity described on its own page, by the same @id
        if isinstance(node, dict):
            if "@id" in node:
                yield node
            for v in node.values():
                yield from refs(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs(v)

    for e in model.all():
        if e.KIND != "site":
            for ref in refs(jsonld.jsonld(e, url_of)):
                assert ref["@id"] in ids, ref
    source = jsonld.jsonld(next(s for s in model.sources if s.url), url_of)
    assert source["url"] == "https://www.politico.com/news/2021/03/04/x"  # the article's own address; its page here:
    assert source["mainEntityOfPage"] == f"{SITE}sources/politico-2021-03-04-officials-blame-militia/"
    assert all("@id" not in json.dumps(jsonld.jsonld(e)) for e in model.all() if e.KIND != "site")


@pytest.mark.parametrize("site_url", [None, "", "javascript:alert(1)//", "example.org/no-scheme"])
def test_no_ids_without_a_web_address_for_the_site(tmp_path, site_url):
    model = _model(tmp_path)
    pages = render_site(model, site_url=site_url)
    assert not [p for p, text in pages.items() if "\\u0040id" in text]


# --- the built site: sitemap.xml and the JSON-LD readers' clients get ---------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return sitekit.make_project(tmp_path_factory.mktemp("site-url") / "p")


def test_a_build_with_a_site_url_lists_every_page_and_names_them(project):
    r = sitekit.explainer(project, "build", "--site-dir", "with", EXPLAINER_SITE_URL=SITE, EXPLAINER_HISTORY="false")
    assert (r.returncode, r.stderr) == (0, "")
    sitemap = (project / "with" / "sitemap.xml").read_text()
    pages = sorted(p.parent.relative_to(project / "with").as_posix() for p in (project / "with").rglob("index.html"))
    for page in pages:
        assert f"<loc>{SITE}{'' if page == '.' else page + '/'}</loc>" in sitemap
    html = (project / "with" / "actors" / "iran" / "index.html").read_text()
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert (data["@id"], data["url"]) == (f"{SITE}actors/iran/#actor", f"{SITE}actors/iran/")


def test_a_build_without_a_site_url_says_so(project):
    r = sitekit.explainer(project, "build", "--site-dir", "without", EXPLAINER_HISTORY="false")
    assert (r.returncode, r.stderr) == (
        0,
        "explainer: note: no site_url (set $EXPLAINER_SITE_URL, or site_url in mkdocs.yml): "
        "sitemap.xml lists no pages, and pages name no address of their own in their JSON-LD\n",
    )
    assert "<loc>" not in (project / "without" / "sitemap.xml").read_text()
