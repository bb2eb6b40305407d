"""Built pages as a reader's browser sees their structure: the article of a page as a small tree,
an indented outline of it for golden files, and the checks a claim page must pass.

Markdown can look right and still build wrong (a quote block that swallows the next list item),
so these read the HTML that MkDocs wrote, not the Markdown the generator produced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        """All text inside, whitespace collapsed, as a reader sees it."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def own_text(self) -> str:
        """Text inside, except what nested blocks (lists, quotes, paragraphs) hold."""
        parts = [
            c if isinstance(c, str) else ("" if c.tag in BLOCKS or c.tag == "sup" else c.text()) for c in self.children
        ]
        return " ".join("".join(parts).split())

    def iter(self, tag: str | None = None):
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.iter(tag)

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


BLOCKS = {
    "p",
    "ul",
    "ol",
    "li",
    "blockquote",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "details",
    "figure",
    "pre",
    "dl",
    "dt",
    "dd",
}


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.open = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.open)
        self.open.children.append(node)
        if tag not in VOID:
            self.open = node

    def handle_startendtag(self, tag, attrs):
        self.open.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.open))

    def handle_endtag(self, tag):
        node = self.open
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.open = node.parent

    def handle_data(self, data):
        self.open.children.append(data)


def parse(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    b.close()
    return b.root


def article(html: str) -> Node:
    """The page's content (Material's <article>), or the whole document for a bare fragment."""
    root = parse(html)
    return next((n for n in root.iter("article")), root)


# --- the outline golden files hold -----------------------------------------------------

SHOWN = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "table", "tr", "th", "td", "a"}
BADGES = ("status", "position", "verdict")


def outline(node: Node) -> str:
    """An indented outline of the content: headings, paragraphs, lists, quote blocks, tables,
    links (text -> address) and badges, each with its text. What a reader would see as the
    page's structure, without the theme's markup."""
    lines: list[str] = []

    def walk(n: Node, depth: int) -> None:
        for c in n.elements():
            if c.tag == "a" and "headerlink" in c.classes:
                continue
            if c.tag == "sup" and c.attrs.get("id", "").startswith("fnref"):
                lines.append("  " * depth + f"note {c.text()}")
                continue
            badge = next((b for b in BADGES if b in c.classes), None) if c.tag == "span" else None
            if badge:
                lines.append("  " * depth + f"{badge} [{' '.join(c.classes)}] {c.text()}")
                continue
            if c.tag in SHOWN:
                if c.tag == "a":
                    lines.append("  " * depth + f"a {c.text()} -> {c.attrs.get('href', '')}")
                    continue
                own = c.own_text().rstrip("¶ ")
                lines.append(
                    "  " * depth
                    + c.tag
                    + (f": {own}" if own and c.tag not in ("ul", "ol", "table", "tr", "blockquote") else "")
                )
                walk(c, depth + 1)
            else:
                walk(c, depth)

    walk(node, 0)
    return "\n".join(lines) + "\n"


# --- what a claim page must be -----------------------------------------------------------


def _section(root: Node, heading: str) -> list[Node]:
    """The elements after the <h2> whose text is `heading`, up to the next <h2>."""
    body = root
    h2 = next((h for h in root.iter("h2") if h.text().rstrip("¶ ") == heading), None)
    if h2 is None:
        return []
    body = h2.parent
    sibs = body.elements()
    out = []
    for el in sibs[sibs.index(h2) + 1 :]:
        if el.tag == "h2":
            break
        out.append(el)
    return out


def positions(root: Node) -> list[tuple[str, list[Node]]]:
    """The "Who says what" section as [(position heading, [<li> of each list under it])]."""
    out: list[tuple[str, list[Node]]] = []
    for el in _section(root, "Who says what"):
        if el.tag == "h3":
            out.append((el.text().rstrip("¶ "), []))
        elif el.tag in ("ul", "ol") and out:
            out[-1][1].extend(li for li in el.elements() if li.tag == "li")
    return out


def _is_actor(a: Node) -> bool:
    return "/actors/" in a.attrs.get("href", "")


QUOTATION = re.compile(r"^“[^“”]*(?:“[^“”]*”[^“”]*)*”$")


def claim_problems(root: Node) -> list[str]:
    """What is wrong with a claim page's structure, as a reader would meet it: every position
    entry is its own list item whose first link is its actor, outside any quote block; a quote
    block holds one quotation and nothing else (no actor, no list, no second paragraph)."""
    problems = []
    for position, items in positions(root):
        for i, li in enumerate(items, 1):
            where = f"{position}, item {i}"
            links = [a for a in li.iter("a") if "footnote-ref" not in a.classes]
            if not links or not _is_actor(links[0]):
                problems.append(f"{where}: does not begin with an actor link")
            outside = [a for a in links if _is_actor(a) and not any(p.tag == "blockquote" for p in a.ancestors())]
            if len(outside) != 1:
                problems.append(
                    f"{where}: {len(outside)} actor links outside quote blocks: {[a.text() for a in outside]}"
                )
            if any(li2 is not li for li2 in li.iter("li")):
                problems.append(f"{where}: holds another list item")
    for bq in root.iter("blockquote"):
        where = f"quote block {bq.text()[:50]!r}"
        kids = bq.elements()
        if [k.tag for k in kids] != ["p"]:
            problems.append(f"{where}: holds {[k.tag for k in kids]}, not one paragraph")
        if any(_is_actor(a) for a in bq.iter("a")):
            problems.append(f"{where}: holds an actor link {[a.text() for a in bq.iter('a') if _is_actor(a)]}")
        if not QUOTATION.match(bq.text()):
            problems.append(f"{where}: is not a quotation alone")
    return problems
