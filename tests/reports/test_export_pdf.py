"""The Word draft as colleagues see it: rendered to PDF by LibreOffice (headless),
from the course's template and from a county's own. Checks A4 pages, that no
table column is narrower than 2 cm (read from the .docx), that no word is
broken inside a cell, page numbers and the footer, and that the learner's text
is on the pages. The first two pages are kept as PNG in tests/artefakter/
(git-ignored) for a person to look at.

LibreOffice and poppler-utils come from the distribution (.ci/run installs
them). On a learner's machine without them the tests are skipped with the
reason; under CI (CI=true) a missing piece is a failure.
"""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import require
from docx.shared import Pt, RGBColor
from every_chapter import NORDLAND_MOVE, NORDLAND_NICHE, NORDLAND_PICKS, NORDLAND_PRIORITIES, nordland
from workbooks import COMMENT

from exercises.reports.draft import word
from exercises.reports.draft.files import main as export_main
from exercises.reports.draft.files import write_draft

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefakter"
DAY = dt.date(2026, 11, 30)
MIN_COLUMN_TWIPS = 2 / 2.54 * 1440  # 2 cm


def tools() -> dict[str, str]:
    found = {name: shutil.which(name) for name in ("soffice", "pdfinfo", "pdftotext", "pdftoppm")}
    missing = [name for name, path in found.items() if path is None]
    require(missing, "PDF-testen av Word-utkastet", f"Mangler {', '.join(missing)} (LibreOffice og poppler-utils: "
            "apt-get install libreoffice-writer-nogui poppler-utils)")
    return found


def to_pdf(path: Path, tool: dict) -> Path:
    profile = path.parent / "lo-profil"  # a profile of its own: no clash with a LibreOffice the user has open
    subprocess.run([tool["soffice"], f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(path.parent), str(path)], check=True, capture_output=True, timeout=180)
    return path.with_suffix(".pdf")


def pdf_text(pdf: Path, tool: dict) -> str:
    return subprocess.run([tool["pdftotext"], "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def keep_pages(pdf: Path, name: str, tool: dict) -> list[Path]:
    ARTEFACTS.mkdir(exist_ok=True)
    subprocess.run([tool["pdftoppm"], "-r", "70", "-png", "-f", "1", "-l", "2", str(pdf), str(ARTEFACTS / name)],
                   check=True, timeout=60)
    return sorted(ARTEFACTS.glob(f"{name}-*.png"))


def column_twips(path: Path) -> list[list[int]]:
    document = docx.Document(str(path))
    return [[int(col.get(docx.oxml.ns.qn("w:w"))) for col in table._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))]
            for table in document.tables]


def check_rendered(docx_path: Path, tool: dict, artefact: str) -> str:
    pdf = to_pdf(docx_path, tool)
    info = subprocess.run([tool["pdfinfo"], str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = pdf_text(pdf, tool)
    assert f"Side 1 av {pages}" in text and f"Side {pages} av {pages}" in text
    assert text.count("Nordland · 30.11.2026 · Utkast – ikke vedtatt") == pages
    for widths in column_twips(docx_path):
        assert min(widths) >= MIN_COLUMN_TWIPS - 1, widths
    assert len(keep_pages(pdf, artefact, tool)) == 2
    return text


def words_in_cells(path: Path) -> set[str]:
    document = docx.Document(str(path))
    return {w for t in document.tables for r in t.rows for c in r.cells for w in re.findall(r"[\wæøåÆØÅ]{6,}", c.text)}


def test_the_draft_renders_on_a4_with_readable_tables(real, workbook, tmp_path):
    tool = tools()
    nordland(workbook, real)
    _, files = write_draft(workbook, tmp_path, DAY)
    text = check_rendered(files["docx"], tool, "utkast-kursmal")
    for reason in [*(r for _, r in NORDLAND_PICKS), NORDLAND_NICHE[1], NORDLAND_MOVE,
                   *(p["reason"] for p in NORDLAND_PRIORITIES), COMMENT]:
        assert " ".join(reason.split()[:4]) in " ".join(text.split()), reason  # the learner's text is on the pages
    on_pages = set(re.findall(r"[\wæøåÆØÅ]+", text))
    broken = sorted(w for w in words_in_cells(files["docx"]) if w not in on_pages)
    assert broken == [], f"ord delt inne i en celle: {broken}"
    assert "Elektrisitets-, gass- og varmtvannsforsyning" in " ".join(text.split())
    first = " ".join(page_text(files["docx"].with_suffix(".pdf"), tool, 1).split())
    assert "Sammendrag" in first and "Fylke: 18 Nordland" in first  # the first page is the summary ...
    for priority in NORDLAND_PRIORITIES:
        assert priority["title"] in first
    assert "Hovedtall" in first and "LQ" in first
    assert "Rangering av næringer" not in first and "Tiltak og ansvar" not in first  # ... and only the summary


def page_text(pdf: Path, tool: dict, page: int) -> str:
    return subprocess.run([tool["pdftotext"], "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def test_a_county_template_keeps_its_styles(real, workbook, tmp_path):
    tool = tools()
    nordland(workbook, real)
    template = tmp_path / "fylkets-mal.docx"
    assert export_main(["--lag-mal", str(template)]) == 0
    county = docx.Document(str(template))
    county.styles["Normal"].font.name = "DejaVu Serif"
    county.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x55, 0x3A)
    county.styles["Heading 1"].font.size = Pt(16)
    county.add_paragraph("Eksempeltekst i malen som ikke skal med i utkastet")
    section = county.sections[0]
    section.page_width, section.page_height = docx.shared.Inches(8.5), docx.shared.Inches(11)  # US Letter
    county.save(str(template))
    _, files = write_draft(workbook, tmp_path / "ut", DAY, template=template)
    document = docx.Document(str(files["docx"]))
    assert document.styles["Normal"].font.name == "DejaVu Serif"
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x55, 0x3A)
    text = check_rendered(files["docx"], tool, "utkast-fylkesmal")
    assert "Eksempeltekst i malen" not in text and "Grønn prosessindustri" in text


def test_a_template_that_is_not_a_word_file_gives_a_message(workbook, tmp_path):
    bad = tmp_path / "mal.docx"
    bad.write_text("ikke et Word-dokument", encoding="utf-8")
    with pytest.raises(word.TemplateError, match="kan ikke brukes som Word-mal"):
        word.new_document(bad)
    with pytest.raises(word.TemplateError, match="Finner ikke Word-malen"):
        word.new_document(tmp_path / "finnes-ikke.docx")


def test_missing_libreoffice_is_a_failure_in_ci_and_a_skip_elsewhere(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI krever PDF-testen"):
        tools()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="hoppes over"):
        tools()
