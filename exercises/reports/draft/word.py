"""Word (.docx) layout for the draft: a document a county can circulate.

The course's neutral template is built here in code, not kept as a binary
file in the repository: a .docx cannot be reviewed in a diff, and code keeps
the template and the layout rules in one place. ``python kurs.py utkast
--lag-mal FIL`` writes it out, so that a county can restyle it in Word and
hand it back with ``--mal``. A county's own template keeps its styles
(python-docx opens it with ``Document(template)``); only the styles the
draft needs and the template lacks are added, and the page is set to A4.

Layout of the neutral template: A4 with 2.5 cm margins (common Norwegian
practice), one font family (Arial, which LibreOffice shows as the
metric-compatible Liberation Sans), headings, captions, source lines and
table text in styles of their own, page numbers and a footer naming the
county, the date and that the document is a draft. Tables span the text
width; each column is as wide as its longest word at least (no word broken
inside a cell), and at least 2 cm; names get the rest, numbers are narrow
and right-aligned; the header row repeats on each page.
"""

import io
import re
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor

from exercises.reports.draft.blocks import Bullets, Draft, Heading, Missing, PageBreak, Paragraph, Table, clean

FONT = "Arial"
BODY_PT, TABLE_PT = 11, 9
A4 = (Mm(210), Mm(297))
MARGIN = Cm(2.5)
MIN_COLUMN_CM = 2.0
CELL_PADDING_CM = 0.4     # Word's default cell margins, 0.19 cm each side, and a little air
CHAR_CM = 0.19            # a generous width of one character at TABLE_PT (bold header letters are wider)
DARK = RGBColor(0x1F, 0x2A, 0x44)  # headings: contrast 14:1 on white (WCAG AA needs 4.5:1)
DRAFT_MARK = "Utkast – ikke vedtatt"
MAX_PROPERTY = 255        # Word's limit for a core property such as the title

# Paragraph styles the draft uses; those the template lacks are added.
TABLE_TEXT, SOURCE, CAPTION, LIST = "Tabelltekst", "Kildelinje", "Caption", "List Bullet"

_NUMBER = re.compile(r"^[-–−+]?[\d\s\u00a0,.%]*\d[\d\s\u00a0,.%]*( \(\d{4}\))?$|^–$")


class TemplateError(ValueError):
    """A county template that cannot be used; the message is Norwegian."""


# the document and its styles -------------------------------------------------
def new_document(template: Path | str | bytes | None = None) -> docx.document.Document:
    """The neutral template, or the county's own ``template``: the path of a
    .docx, or its bytes (uploaded in the browser)."""
    if template is None:
        return neutral_template()
    if isinstance(template, bytes):
        source, name = io.BytesIO(template), "Filen du lastet opp"
    else:
        path = Path(template)
        if not path.is_file():
            raise TemplateError(f"Finner ikke Word-malen {path}. Oppgi stien til en .docx-fil, eller lag utkastet "
                                "uten egen mal.")
        source, name = str(path), path.name
    try:
        document = docx.Document(source)
    except Exception as error:  # python-docx raises several kinds for a file that is not a .docx
        raise TemplateError(f"{name} kan ikke brukes som Word-mal ({type(error).__name__}). Lagre malen som "
                            "Word-dokument (.docx) og prøv igjen, eller lag utkastet uten egen mal.") from None
    _clear_body(document)
    _ensure_styles(document)
    _page(document.sections[0], margins=False)
    return document


def neutral_template() -> docx.document.Document:
    document = docx.Document()
    _neutral_styles(document)
    _ensure_styles(document)
    _page(document.sections[0], margins=True)
    properties = document.core_properties
    properties.author = properties.last_modified_by = properties.comments = ""
    return document


def _clear_body(document) -> None:
    """A template may hold sample text; the draft starts on an empty page."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page(section, margins: bool) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    if margins:
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
        section.header_distance = section.footer_distance = Cm(1.25)


def _set_font(element, name: str) -> None:
    """One font for every script, with the template's theme fonts removed
    (a theme font wins over a named one)."""
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(key), None)
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), name)


def _neutral_styles(document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _set_font(rpr_default, FONT)
    for fonts in styles.element.iter(qn("w:rFonts")):  # every style, also a table style's parts
        _set_font(fonts.getparent().getparent(), FONT)
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (("Title", 20, 0), ("Heading 1", 15, 18), ("Heading 2", 12.5, 12), ("Heading 3", 11, 10)):
        style = styles[name]
        style.font.size, style.font.bold, style.font.color.rgb = Pt(size), True, DARK
        style.font.italic = False
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(4)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"].element.find(qn("w:pPr"))
    border = title.find(qn("w:pBdr")) if title is not None else None
    if border is not None:  # the default template's blue rule under the title
        title.remove(border)
    caption = styles[CAPTION]
    caption.font.size, caption.font.bold, caption.font.italic = Pt(10), True, False
    caption.font.color.rgb = DARK
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(8), Pt(3)
    caption.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)


def _ensure_styles(document) -> None:
    styles = document.styles
    names = {s.name for s in styles}
    if CAPTION not in names:
        caption = styles.add_style(CAPTION, WD_STYLE_TYPE.PARAGRAPH)
        caption.base_style = styles["Normal"]
        caption.font.bold = True
        caption.paragraph_format.keep_with_next = True
    if TABLE_TEXT not in names:
        table_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = styles["Normal"]
        table_text.font.size = Pt(TABLE_PT)
        table_text.paragraph_format.space_before = table_text.paragraph_format.space_after = Pt(1)
        table_text.paragraph_format.line_spacing = 1.0
    if SOURCE not in names:
        source = styles.add_style(SOURCE, WD_STYLE_TYPE.PARAGRAPH)
        source.base_style = styles["Normal"]
        source.font.size, source.font.italic = Pt(9), True
        source.paragraph_format.space_before, source.paragraph_format.space_after = Pt(3), Pt(10)


def style_or_none(document, name: str):
    try:
        return document.styles[name]
    except KeyError:
        return None


# footer ----------------------------------------------------------------------
def _field(paragraph, instruction: str, shown: str) -> None:
    """A field Word and LibreOffice fill in when the page is laid out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def footer(document, county: str, date_text: str) -> None:
    """«County · date · Utkast – ikke vedtatt» on the left, «Side n av m» on the right."""
    section = document.sections[0]
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.style = style_or_none(document, "Footer") or paragraph.style
    tabs = paragraph.paragraph_format.tab_stops
    for stop in (paragraph.style.paragraph_format.tab_stops if paragraph.style is not None else []):
        tabs.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)  # the template's tabs (Letter width) go
    tabs.add_tab_stop(text_width(section), WD_TAB_ALIGNMENT.RIGHT)
    parts = [p for p in (clean(county)[:80], date_text, DRAFT_MARK) if p]
    paragraph.add_run(" · ".join(parts) + "\tSide ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" av ")
    _field(paragraph, "NUMPAGES", "1")


def text_width(section) -> Length:
    return Length(section.page_width - section.left_margin - section.right_margin)


# tables ------------------------------------------------------------------------
def is_number_column(cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(_NUMBER.match(c.strip()) for c in filled)


def _words(text: str) -> list[str]:
    return re.split(r"[ \u00a0\n]+|(?<=-)", text) if text else []


def _text_cm(text: str) -> float:
    return len(text) * CHAR_CM + CELL_PADDING_CM


def column_widths(header, rows, total_cm: float) -> tuple[list[float], list[bool]]:
    """Widths (cm) summing to ``total_cm``, and which columns hold numbers.

    A number column is as wide as its widest number; a text column at least
    as wide as its longest word; every column at least 2 cm. Text columns
    share what is left in proportion to how much text they hold."""
    columns = list(zip(header, *rows)) if rows else [(h,) for h in header]
    numbers = [is_number_column(list(col[1:])) for col in columns]
    need = []
    for col, number in zip(columns, numbers):
        words = [w for cell in col for w in _words(cell)]
        longest = max((_text_cm(w) for w in words), default=0)
        if number:
            longest = max([longest] + [_text_cm(cell.replace(" (", "\u00a0(")) for cell in col[1:]])
        need.append(max(MIN_COLUMN_CM, longest))
    text_cols = [i for i, n in enumerate(numbers) if not n] or list(range(len(columns)))
    weight = {i: max(1.0, sum(len(c) for c in columns[i]) / len(columns[i])) ** 0.5 for i in text_cols}
    widths = list(need)
    spare = total_cm - sum(need)
    if spare > 0:
        total_weight = sum(weight.values())
        for i in text_cols:
            widths[i] += spare * weight[i] / total_weight
    else:  # more columns than the page holds: shrink alike (a word may break)
        widths = [w * total_cm / sum(need) for w in need]
    return widths, numbers


def _cell_width(cell, width) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcw = tcpr.find(qn("w:tcW"))
    if tcw is None:
        tcw = OxmlElement("w:tcW")
        tcpr.insert(0, tcw)
    tcw.set(qn("w:w"), str(int(width.twips)))
    tcw.set(qn("w:type"), "dxa")


def _row_flags(row, header: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    trpr.append(keep)
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _fixed_layout(table, total) -> None:
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    width = tblpr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tblpr.append(width)
    width.set(qn("w:w"), str(int(total.twips)))
    width.set(qn("w:type"), "dxa")


def _joined(text: str) -> str:
    """Number ranges («2008–2019», «0–1») kept on one line: word joiners
    around the dash, which Word and LibreOffice otherwise break after."""
    return re.sub(r"(?<=\d)–(?=\d)", "\u2060–\u2060", text)


def add_table(document, header, rows, caption: str, source: str) -> None:
    """A captioned table as wide as the text, the source under it."""
    header = [_joined(clean(h)) for h in header]
    rows = [[_joined(clean(c)) for c in row] for row in rows]
    document.add_paragraph(clean(caption), style=style_or_none(document, CAPTION))
    section = document.sections[-1]
    total = text_width(section)
    widths, numbers = column_widths(header, rows, total.cm)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    grid_style = style_or_none(document, "Table Grid")
    if grid_style is not None:
        table.style = grid_style
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    _fixed_layout(table, total)
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    text_style = style_or_none(document, TABLE_TEXT)
    for r, (row, values) in enumerate(zip(table.rows, [header, *rows])):
        _row_flags(row, header=r == 0)
        for cell, value, width, number in zip(row.cells, values, widths, numbers):
            _cell_width(cell, Cm(width))
            paragraph = cell.paragraphs[0]
            if text_style is not None:
                paragraph.style = text_style
            if number:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(value)
            run.bold = r == 0 or None
    document.add_paragraph(clean(source), style=style_or_none(document, SOURCE))


def heading(document, text: str, level: int) -> None:
    """Level 1 is the document's title."""
    name = "Title" if level == 1 else f"Heading {level - 1}"
    style = style_or_none(document, name)
    if style is None:
        document.add_paragraph().add_run(clean(text)).bold = True
    else:
        document.add_paragraph(clean(text), style=style)


def bullets(document, items) -> None:
    style = style_or_none(document, LIST)
    for item in items:
        if style is None:
            document.add_paragraph(f"• {clean(item)}")
        else:
            document.add_paragraph(clean(item), style=style)


def labelled(document, label: str, text: str) -> None:
    paragraph = document.add_paragraph()
    if label:
        paragraph.add_run(f"{clean(label)}: ").bold = True
    paragraph.add_run(clean(text))


def properties(document, title: str, author: str = "") -> None:
    """Title, language and author (the learner's name, or empty; never the
    name of the program that wrote the file)."""
    core = document.core_properties
    core.title = clean(title)[:MAX_PROPERTY]
    core.language = "nb-NO"
    core.author = clean(author)[:MAX_PROPERTY]
    core.last_modified_by = core.author
    core.comments = ""
    core.keywords = ""
    core.subject = DRAFT_MARK


__all__ = ["new_document", "neutral_template", "add_table", "heading", "bullets", "labelled", "footer",
           "properties", "clean", "TemplateError", "column_widths"]


def to_docx(draft: Draft, template: Path | str | bytes | None = None) -> bytes:
    """The draft as a Word file, on the course's neutral template or on a
    county's own ``template`` (raises TemplateError if it cannot be used)."""
    document = new_document(template)
    properties(document, draft.title, draft.author)
    footer(document, draft.county, f"{draft.date:%d.%m.%Y}")
    for block in draft.blocks:
        if isinstance(block, Heading):
            heading(document, block.text, block.level)
        elif isinstance(block, Paragraph):
            labelled(document, block.label, block.text)
        elif isinstance(block, Bullets):
            bullets(document, block.items)
        elif isinstance(block, Table):
            add_table(document, block.header, block.rows, block.caption, block.source)
        elif isinstance(block, Missing):
            labelled(document, "Mangler", block.text)
        elif isinstance(block, PageBreak):
            document.add_page_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()



def template_bytes() -> bytes:
    buffer = io.BytesIO()
    neutral_template().save(buffer)
    return buffer.getvalue()

