"""The Word draft: hostile strings never break it, A4 pages, no program name as
author, the layout of a county document, and a county's own template."""

import base64
import datetime as dt
import io
import re

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from workbooks import DAY, docx_text, full, with_priorities

from exercises.reports.draft import word
from exercises.reports.draft.blocks import Draft, Heading, Paragraph, Table, clean
from exercises.reports.draft.content import build_draft
from exercises.reports.draft.files import save_draft, write_draft
from exercises.reports.draft.markdown import to_markdown
from exercises.reports.draft.word import to_docx

HOSTILE = ["Aktør\x0bmed linjeskift", "Nul\x00l", "Halv \ud800 surrogat", "Slutt\udfff", "Tab\tog\x1f\x7f",
           "Ikke\ufffe\uffff tegn", "Zero\u200bwidth"]


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_in_any_block_give_a_word_file(text):
    draft = Draft(f"Tittel {text}", DAY, county=text, author=text)
    draft.blocks += [Heading(text, 1), Heading(text, 3), Paragraph(text, text),
                     Table(text, (text, "Tall"), ((text, "1,0"),), text)]
    document = opened(to_docx(draft))
    shown = "\n".join(p.text for p in document.paragraphs)
    assert clean(text) in shown and "\x0b" not in shown and "\x00" not in shown
    assert document.tables[0].cell(1, 0).text == clean(text)


def test_hostile_actor_names_in_the_workbook_reach_the_word_file(workbook, tmp_path):
    with_priorities(workbook)
    actors = workbook.value("aktorer")
    actors["actors"][0]["name"] = "Havbruk\x0b AS\x00 \ud800"  # as if typed in Word and pasted, or edited by hand
    workbook.data["sections"]["aktorer"]["value"] = actors
    result, draft = save_draft(workbook, tmp_path, DAY)
    assert result.ok and draft is not None, result.errors
    assert "Havbruk AS " in docx_text(tmp_path / "utkast-kystby.docx")


def test_a_very_long_county_or_title_still_gives_files(workbook, tmp_path):
    long = "Fylke " * 2000
    draft = Draft(f"Utkast – {long}", DAY, county=long, author=long)
    document = opened(to_docx(draft))
    assert len(document.core_properties.title) == 255 and document.sections[0].footer.paragraphs[0].text
    workbook.put("profil", {"county": "F1", "county_name": long, "role": "Annet"})
    _, files = write_draft(workbook, tmp_path, DAY)
    assert files["docx"].name == "utkast-kystby.docx"  # the name comes from the course's list, not the file


def test_unknown_county_code_is_not_exported_as_a_county(workbook):
    workbook.put("profil", {"county": "99", "county_name": "Tullfylke", "role": "Annet"})
    draft = build_draft(workbook, DAY)
    assert draft.title.endswith("– fylket ditt") and draft.county == ""
    assert any("Fylket i arbeidsboka («99») er ikke et av fylkene kurset kjenner" in m.text
               for m in draft.blocks if type(m).__name__ == "Missing")


def test_a4_and_no_program_name_as_author(workbook):
    document = opened(to_docx(build_draft(full(workbook), DAY)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.cm, 2) == round(section.right_margin.cm, 2) == 2.5
    core = document.core_properties
    assert core.author == "" and core.last_modified_by == "" and "python-docx" not in (core.comments or "")
    named = Draft("Utkast", DAY, author="Kari Nordmann")
    assert opened(to_docx(named)).core_properties.author == "Kari Nordmann"


def upload(content: bytes, name: str) -> tuple[dict]:
    """What an ipywidgets FileUpload holds after the learner picked a file."""
    return ({"name": name, "type": "", "size": len(content), "content": memoryview(content),
             "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},)


def test_view_takes_an_uploaded_county_template_and_explains_a_bad_one(workbook, tmp_path):
    from exercises.views.export_view import ExportView

    full(workbook)
    view = ExportView(workbook)
    view.template.value = upload(b"dette er ikke Word", "mal.docx")
    view.button.click()
    assert "kan ikke brukes som Word-mal" in view.feedback.value and "Traceback" not in view.feedback.value
    county = word.neutral_template()
    county.styles["Normal"].font.name = "Georgia"
    buffer = io.BytesIO()
    county.save(buffer)
    view.template.value = upload(buffer.getvalue(), "fylkets-mal.docx")
    view.button.click()
    assert "Utkastet er lagret i tre formater" in view.feedback.value
    made = docx.Document(str(workbook.path.parent / "utkast" / "utkast-kystby.docx"))
    assert made.styles["Normal"].font.name == "Georgia"
    downloaded = re.search(r'href="data:[^;]+;base64,([^"]+)"', view.transfer.links.value).group(1)
    assert opened(base64.b64decode(downloaded)).styles["Normal"].font.name == "Georgia"  # the download too


def test_the_neutral_template_has_one_font_and_a4():
    document = word.neutral_template()
    fonts = {f.get(qn("w:ascii")) for f in document.styles.element.iter(qn("w:rFonts"))}
    themes = [f for f in document.styles.element.iter(qn("w:rFonts")) if f.get(qn("w:asciiTheme"))]
    assert fonts == {"Arial"} and themes == []
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm), round(section.top_margin.cm, 1)) == (210, 297, 2.5)


def test_the_command_line_writes_the_draft_or_says_what_is_wrong(workbook, tmp_path, capsys, monkeypatch):
    from exercises.reports.draft.files import main

    full(workbook)
    monkeypatch.setenv("ARBEIDSBOK", str(workbook.path))
    assert main(["--mappe", str(tmp_path / "ut"), "--mal", str(tmp_path / "borte.docx")]) == 1
    assert "Finner ikke Word-malen" in capsys.readouterr().out
    assert main(["--mappe", str(tmp_path / "ut")]) == 0
    assert "Utkastet er lagret i tre formater" in capsys.readouterr().out
    assert (tmp_path / "ut" / "utkast-kystby.docx").exists()


def test_tables_span_the_text_repeat_their_header_and_right_align_numbers(workbook):
    document = opened(to_docx(build_draft(full(workbook), DAY)))
    section = document.sections[0]
    text_twips = round((section.page_width - section.left_margin - section.right_margin) / 635)
    for table in document.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - text_twips) <= len(grid), grid  # as wide as the text
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    ranking = next(t for t in document.tables if t.rows[0].cells[0].text == "Plass")  # in the appendix
    assert [c.text for c in ranking.rows[0].cells][:3] == ["Plass", "Næring", "Poeng (0\u2060–\u20601)"]
    alignment = [c.paragraphs[0].alignment for c in ranking.rows[1].cells]
    assert alignment[0] == WD_ALIGN_PARAGRAPH.RIGHT and alignment[1] is None  # numbers right, names left
    widths = [int(c.get(qn("w:w"))) for c in ranking._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[1] == max(widths)  # the names get the room


def test_column_widths_fit_the_longest_word_and_never_go_below_2_cm():
    widths, numbers = word.column_widths(("Plass", "Næring", "LQ"), [("1", "Elektrisitets-, gass- og varmtvannsforsyning",
                                                                          "2,11")], 16.0)
    assert numbers == [True, False, True] and round(sum(widths), 6) == 16.0
    assert min(widths) >= 2.0 and widths[1] >= len("varmtvannsforsyning") * word.CHAR_CM


def test_numbers_that_are_not_numbers_show_as_a_dash(workbook):
    workbook.data["sections"]["spesialisering"] = {"saved": "", "value": {"county": "F1", "year": 2023, "picks": [
        {"industry": "fiske", "name": "Fiske", "lq": float("nan"), "reason": "a"},
        {"industry": "sjomat", "name": "Sjømat", "lq": float("inf"), "reason": "b"},
        {"industry": "verft", "name": "Verft", "lq": "høy", "reason": "c"}]}}  # a file edited by hand
    text = to_markdown(build_draft(workbook, DAY))
    assert "| 1 | Fiske | – | a |" in text and "| 2 | Sjømat | – | b |" in text and "| 3 | Verft | – | c |" in text
