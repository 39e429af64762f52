"""Descriptions between Moodle's HTML and our plain text.

A Moodle description is HTML (Description format 1) written in Moodle's editor. We hold plain
text, shown escaped, so the import keeps the words and the paragraphs and drops every tag,
attribute, script and style: nothing of the markup can reach a page. The export writes our
text back as escaped paragraphs, so text -> HTML -> text gives back the same text.

Our level indicators travel in the description as paragraphs marked `data-level="N"`; Moodle
stores a description as it was imported and exports it unchanged, so they come back.
"""

import html
import re
from html.parser import HTMLParser

BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "blockquote",
    "pre",
    "section",
    "article",
    "dl",
    "dt",
    "dd",
    "hr",
}
DROPPED = {"script", "style", "template", "head", "title"}
LEVEL_LABEL = re.compile(r"^Level \d( \([^)]*\))?: ")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.levels: dict[int, str] = {}
        self.current: list[str] = []
        self.dropping = 0
        self.level: int | None = None

    def _break(self):
        words = " ".join("".join(self.current).split(" "))
        lines = [" ".join(line.split()) for line in words.split("\n")]
        paragraph = "\n".join(line for line in lines if line).strip()
        self.current = []
        if not paragraph:
            return
        if self.level is not None:
            self.levels[self.level] = LEVEL_LABEL.sub("", paragraph)
        else:
            self.paragraphs.append(paragraph)

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.dropping += 1
        elif tag == "br":
            self.current.append("\n")
        elif tag in BLOCKS:
            self._break()
            self.level = None
            level = dict(attrs).get("data-level") or ""
            if tag == "p" and level in {"1", "2", "3", "4", "5"}:
                self.level = int(level)
            if tag == "li":
                self.current.append("• ")

    def handle_endtag(self, tag):
        if tag in DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in BLOCKS:
            self._break()
            self.level = None

    def handle_data(self, data):
        if not self.dropping:
            # In HTML a line break in the source is a space; <br> and blocks break lines.
            self.current.append(re.sub(r"\s+", " ", data))


def html_to_text(value: str) -> tuple[str, dict[int, str]]:
    """Plain text (paragraphs separated by a blank line) and the level indicators found."""
    parser = _Text()
    parser.feed(value)
    parser.close()
    parser._break()
    return "\n\n".join(parser.paragraphs), parser.levels


def plain_to_text(value: str) -> str:
    """A description in another format (plain, Markdown, Moodle auto): kept as text, with any
    tags it holds dropped the same way."""
    if "<" in value or "&" in value:
        return html_to_text(value)[0]
    return "\n\n".join(
        p.strip() for p in re.split(r"\n\s*\n", value.replace("\r", "")) if p.strip()
    )


def _paragraph(text: str, attrs: str = "") -> str:
    body = "<br>".join(html.escape(line, quote=False) for line in text.split("\n"))
    return f"<p{attrs}>{body}</p>"


def text_to_html(text: str, levels: dict[int, tuple[str, str]] | None = None) -> str:
    """Our text as HTML paragraphs; `levels` {number: (level name, indicator)} as marked
    paragraphs after it, readable in Moodle ("Level 2 (Name): ...")."""
    parts = [_paragraph(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    for number, (name, indicator) in sorted((levels or {}).items()):
        if indicator.strip():
            label = f"Level {number} ({name}): " if name else f"Level {number}: "
            parts.append(
                _paragraph(label + indicator.strip(), f' data-level="{number}"')
            )
    return "".join(parts)
