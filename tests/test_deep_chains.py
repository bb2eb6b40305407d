"""Deep chains do not crash: a reporting chain ('cites') of a thousand sources and a 'part-of'
chain of hundreds of actors (tied to the featured event's perpetrator, so the diagram meets it)
check, link and render; a loop at the end of a long chain is still one located error."""

from __future__ import annotations

import shutil

from casekit import BASE

from generator.content.diagnostics import Report, format_text
from generator.pipeline import Settings, load_model, render_assets, render_pages

CITE = "      - antiwar-2021-03-04-anonymous-officials-blame-militia\n"


def cites_chain(content, n: int, loop: bool = False) -> None:
    for i in range(n):
        nxt = f"deep-{i + 1:04d}" if i + 1 < n else ("deep-0500" if loop else None)
        cites = f"cites:\n  - {nxt}\n" if nxt else ""
        (content / "sources" / f"deep-{i:04d}.yaml").write_text(
            f"id: deep-{i:04d}\ntitle: Report {i}\npublisher: politico\npublished: 2021-03-04\nkind: news-report\n"
            f"access: direct\narchived_text: deep-{i:04d}.txt\n{cites}",
            encoding="utf-8",
        )


def part_of_chain(content, n: int) -> None:
    for i in range(n):
        aff = (
            f"affiliations:\n  - actor: unit-{i + 1:04d}\n    relation: part-of\n    cite:\n{CITE}" if i + 1 < n else ""
        )
        (content / "actors" / f"unit-{i:04d}.yaml").write_text(
            f"id: unit-{i:04d}\nname: Unit {i}\nkind: armed-group\nsummary:\n  text: A unit.\n  cite:\n{CITE.strip()}\n{aff}".replace(
                "cite:\n- ", "cite:\n    - "
            ),
            encoding="utf-8",
        )
    kh = content / "actors" / "kataib-hezbollah.yaml"
    text = kh.read_text(encoding="utf-8")
    assert "\naffiliations:\n" in text
    kh.write_text(
        text.replace(
            "\naffiliations:\n", f"\naffiliations:\n  - actor: unit-0000\n    relation: part-of\n    cite:\n{CITE}"
        ),
        encoding="utf-8",
    )


def test_a_thousand_relays_and_hundreds_of_units_check_and_render(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE / "content", content)
    cites_chain(content, 1000)
    part_of_chain(content, 600)
    report = Report()
    settings = Settings(content=content, base=tmp_path)
    model = load_model(settings, report)
    assert format_text(report.sorted()) == "0 errors, 0 warnings\n"
    assert [o.id for o in model.by_id["deep-0000"].origins] == ["deep-0999"]
    assert [o.id for o in model.by_id["deep-0998"].origins] == ["deep-0999"]
    pages = render_pages(model, settings)
    assert "actors/unit-0599.md" in pages and "sources/deep-0999.md" in pages
    assert "graph.svg" in "".join(render_assets(model, settings))


def test_a_loop_at_the_end_of_a_long_chain_is_one_located_error(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE / "content", content)
    cites_chain(content, 1000, loop=True)
    report = Report()
    assert load_model(Settings(content=content, base=tmp_path), report) is None
    [d] = report.sorted()
    assert (d.code, d.file, d.line, d.col, d.path) == ("self-cite", "content/sources/deep-0500.yaml", 9, 3, "cites")
    chain = " -> ".join(f"deep-{i:04d}" for i in range(500, 1000)) + " -> deep-0500"
    assert d.message == f"the reporting chain loops: {chain}"
