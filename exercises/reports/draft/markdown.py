"""The draft as Markdown: learner text escaped, so it is only ever text."""

import re

from exercises.reports.draft.blocks import Bullets, Draft, Heading, Missing, PageBreak, Paragraph, Table

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")


def _md(text: str, line_start: bool = False) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", re.sub(r"[ \t\r\n\f\v]+", " ", str(text)).strip())  # keeps no-break spaces
    if line_start:
        text = re.sub(r"^([-+=])", r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def _lines(text: str, line_start: bool = False, indent: str = "") -> str:
    """Learner text with its line breaks kept: each line escaped (every one
    may start a line), joined by a hard line break (backslash)."""
    lines = [line for line in str(text).splitlines() if line.strip()] or [""]
    return f"\\\n{indent}".join(_md(line, line_start or n > 0) for n, line in enumerate(lines))


def to_markdown(draft: Draft) -> str:
    out = []
    for block in draft.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_md(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(f"**{_md(block.label)}:** {_lines(block.text)}" if block.label else _lines(block.text, True))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {_lines(item, True, '  ')}" for item in block.items))
        elif isinstance(block, PageBreak):
            continue
        elif isinstance(block, Table):
            lines = [f"*{_md(block.caption)}*", "", "| " + " | ".join(_md(h) for h in block.header) + " |",
                     "|" + "---|" * len(block.header)]
            lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in block.rows]
            lines += ["", f"*{_md(block.source)}*"]
            out.append("\n".join(lines))
        elif isinstance(block, Missing):
            out.append(f"> **Mangler:** {_lines(block.text, indent='> ')}")
    return "\n\n".join(out) + "\n"


