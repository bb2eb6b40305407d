"""A Markdown extension that stops an engine from building the site without the explainer plugin.

The site's pages come from content/ through the plugin, which replaces docs/index.md (a
placeholder holding PLACEHOLDER) with the generated front page, so with MkDocs this extension
never meets it. Zensical reads mkdocs.yml but skips MkDocs plugins it does not know: without this
guard `zensical build` on our mkdocs.yml would exit 0 with a single 404 page. With it, the
placeholder is the only page it renders, and the build stops with REASON (exit 1).
The supported path is `explainer build --engine zensical` (generator/zensical_build.py).
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

EXTENSION = "generator.engine_guard"
PLACEHOLDER = "<!-- explainer: placeholder; the explainer plugin replaces this page -->"
REASON = (
    "explainer: the pages of this site come from content/ through the explainer plugin, and this build "
    "did not run it (Zensical skips MkDocs plugins). Build with `explainer build --engine zensical` "
    "(or `explainer build` for MkDocs)."
)


class PluginNotRun(RuntimeError):
    """The engine rendered the placeholder: the explainer plugin did not run."""


class _Guard(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        # Editor text never reaches Markdown as a raw HTML comment (it is made inert), so only
        # the placeholder file has this line.
        if PLACEHOLDER in lines:
            raise PluginNotRun(REASON)
        return lines


class EngineGuard(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_Guard(md), "explainer_engine_guard", 40)  # before every other preprocessor


def makeExtension(**kwargs) -> EngineGuard:  # noqa: N802 (the name Python-Markdown looks for)
    return EngineGuard(**kwargs)
