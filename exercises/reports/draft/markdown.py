"""The draft as Markdown: learner text escaped, so it is only ever text."""

import re

from exercises.reports.draft.blocks import Bullets, Draft, Heading, Missing, Paragraph, Table

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")


def _md(text: str, line_start: bool = False) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", re.sub(r"[ \t\r\n\f\v]+", " ", str(text)).strip())  # keeps no-break spaces
    if line_start:
        text = re.sub(r"^([-+=])", r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def to_markdown(draft: Draft) -> str:
    out = []
    for block in draft.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_md(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(f"**{_md(block.label)}:** {_md(block.text)}" if block.label else _md(block.text, True))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {_md(item, True)}" for item in block.items))
        elif isinstance(block, Table):
            lines = [f"*{_md(block.caption)}*", "", "| " + " | ".join(_md(h) for h in block.header) + " |",
                     "|" + "---|" * len(block.header)]
            lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in block.rows]
            lines += ["", f"*{_md(block.source)}*"]
            out.append("\n".join(lines))
        elif isinstance(block, Missing):
            out.append(f"> **Mangler:** {_md(block.text)}")
    return "\n\n".join(out) + "\n"


