"""The generator as a newsroom installs it: the wheel built from this repository, installed
(not editable) into a fresh virtual environment with its dependencies pinned by
requirements.lock, builds an explainer from a folder outside the repository that holds only
content/ and a short mkdocs.yml (README, "Use it for your own explainer").

The wheel is built from a copy of the files pyproject.toml packages, so the test writes
nothing into the checkout; pip fetches what the wheel depends on as a newsroom's pip would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import BASE, ROOT
from mkdocs.config import load_config

from generator.mkdocs_support import add_what_every_explainer_needs

GOLDEN = ROOT / "tests" / "golden"  # the fixture content's pages, as Markdown
# What pyproject.toml builds the wheel from.
SOURCES = ("pyproject.toml", "generator", "templates", "overrides", "docs")
ASSETS = ("stylesheets/explainer.css", "javascripts/timeline-filter.js", "javascripts/legend-fold.js")
# The mkdocs.yml a newsroom writes (the README shows it): the plugin adds the rest.
MINIMAL = """\
site_name: A newsroom's explainer
# The pages come from content/ through the explainer plugin; nothing in it is published as is.
docs_dir: content
theme:
  name: material
plugins:
  - explainer
"""


def _run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _newsroom_env(venv: Path) -> dict[str, str]:
    """The environment of a newsroom's shell: this venv first on PATH, none of ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EXPLAINER_", "PYTHON")) and k != "VIRTUAL_ENV"}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(ROOT / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist, src])
    (built,) = dist.glob("explainer-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv (no system site-packages, nothing of ours) with the wheel and its pinned dependencies."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--clear", venv])
    _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "-c", ROOT / "requirements.lock", wheel])
    return venv


@pytest.fixture(scope="module")
def newsroom(venv, tmp_path_factory) -> Path:
    """A newsroom's repository outside ours, built with the installed `explainer build`."""
    project = tmp_path_factory.mktemp("newsroom")
    shutil.copytree(BASE / "content", project / "content")
    (project / "mkdocs.yml").write_text(MINIMAL, encoding="utf-8")
    result = _run([venv / "bin" / "explainer", "build"], cwd=project, env=_newsroom_env(venv))
    assert result.stdout.startswith("built 27 pages into site in "), result.stdout
    return project


def test_the_wheel_holds_every_module_template_override_and_asset(wheel):
    names = {n for n in zipfile.ZipFile(wheel).namelist() if not n.startswith("explainer-0.1.0.dist-info/")}
    modules = {f"generator/{p.relative_to(ROOT / 'generator').as_posix()}" for p in ROOT.glob("generator/**/*.py")}
    templates = {f"generator/templates/{p.name}" for p in (ROOT / "templates").glob("*.j2")}
    overrides = {
        f"generator/overrides/{p.relative_to(ROOT / 'overrides').as_posix()}" for p in ROOT.glob("overrides/**/*.html")
    }
    assert len(templates) >= 20 and len(overrides) >= 4  # the globs found the folders
    assert names == modules | templates | overrides | {f"generator/assets/{a}" for a in ASSETS}


def test_the_installed_package_is_the_wheel_not_this_checkout(venv):
    where = _run(
        [
            venv / "bin" / "python",
            "-c",
            "import generator.site.resources as r; print(r.TEMPLATES, r.OVERRIDES, r.ASSETS)",
        ],
        cwd=venv,
        env=_newsroom_env(venv),
    ).stdout.split()
    package = next(venv.glob("lib/python3*/site-packages/generator")).resolve()
    assert where == [str(package / "templates"), str(package / "overrides"), str(package / "assets")]


def test_a_newsroom_builds_every_page(newsroom):
    site = newsroom / "site"
    pages = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert len(pages) == 27
    for page in pages:
        html = page[: -len(".md")] + ("/index.html" if not page.endswith("index.md") else ".html")
        assert (site / html).is_file(), html
    assert (site / "pagefind" / "pagefind.js").is_file()  # the search index
    assert (site / "data" / "datapackage.json").is_file() and (site / "relationships" / "graph.svg").is_file()
    assert list(site.rglob("*.yaml")) == []  # content/ is the docs_dir, but its files are not published


def test_a_newsroom_site_has_the_stylesheet_scripts_and_overrides(newsroom):
    site = newsroom / "site"
    for asset in ASSETS:
        assert (site / asset).read_bytes() == (ROOT / "docs" / asset).read_bytes(), asset
    front = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="stylesheets/explainer.css">' in front
    assert '<script src="javascripts/timeline-filter.js"></script>' in front
    assert '<script src="javascripts/legend-fold.js"></script>' in front
    assert "fonts.googleapis.com" not in front  # no Google Fonts: nothing from another host
    actor = (site / "actors" / "kataib-hezbollah" / "index.html").read_text(encoding="utf-8")
    assert '<script type="application/ld+json">' in actor  # overrides/main.html
    assert '<span hidden data-pagefind-meta="kind:Actor"></span>' in actor
    assert 'id="explainer-search"' in actor  # overrides/partials/header.html: Pagefind's search
    assert "<title>Kataib Hezbollah - A newsroom&#39;s explainer</title>" in actor
    # The sections are the navigation, as in ours: tabs, not every page.
    assert actor.count('class="md-tabs__link"') == 10
    assert 'class="md-top md-icon"' in actor  # navigation.top
    assert 'class="footnote-ref"' in actor and 'class="headerlink"' in actor  # footnotes, toc permalinks


def test_nothing_refers_into_this_repository(newsroom, venv):
    installed = [p for p in venv.glob("lib/python3*/site-packages/*") if p.name.startswith(("generator", "explainer"))]
    assert len(installed) == 2
    files = [p for p in (newsroom / "site").rglob("*") if p.is_file()]
    files += [p for folder in installed for p in folder.rglob("*") if p.is_file() and p.suffix != ".pyc"]
    assert len(files) > 100
    repo = str(ROOT).encode()
    assert [p for p in files if repo in p.read_bytes()] == []


def test_zensical_gets_the_same_stylesheet_and_scripts_for_a_newsroom(tmp_path):
    """`explainer build --engine zensical` on the short mkdocs.yml (this checkout's package: the
    wheel's venv has no Zensical, an optional extra)."""
    shutil.copytree(BASE / "content", tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text(MINIMAL, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXPLAINER_")} | {"NO_MKDOCS_2_WARNING": "1"}
    explainer = Path(sys.executable).parent / "explainer"
    _run([explainer, "build", "--engine", "zensical"], cwd=tmp_path, env=env)
    site = tmp_path / "site"
    for asset in ASSETS:
        assert (site / asset).read_bytes() == (ROOT / "docs" / asset).read_bytes(), asset
    actor = (site / "actors" / "kataib-hezbollah" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../stylesheets/explainer.css"' in actor
    assert 'src="../../javascripts/timeline-filter.js"' in actor
    assert '<script type="application/ld+json">' in actor
    assert list(site.rglob("*.yaml")) == []


def test_this_repositorys_mkdocs_yml_spells_out_all_of_it():
    """So the plugin adds nothing here, and this site builds exactly as its mkdocs.yml says."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    before = _settings(config)
    add_what_every_explainer_needs(config)
    after = _settings(config)
    assert after == before


def _settings(config) -> tuple:
    """What add_what_every_explainer_needs may fill in, as plain values to compare."""
    return (
        list(config.theme.dirs),
        dict(config.theme.items()),
        list(config.extra_css),
        list(config.extra_javascript),
        list(config.markdown_extensions),
        dict(config.mdx_configs),
        config.nav,
    )
