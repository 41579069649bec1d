"""The live course's generator and the workbook's way in and out of the
browser: fast tests, no server (the server is tested in test_live.py)."""

import base64
import datetime as dt
import json
import re

import nbformat
import pytest

from exercises.live import build, kernel, markdown
from exercises.views.export_view import ExportView
from exercises.workbook.store import Workbook
from exercises.workbook.transfer import download_link, replace_workbook

ROOT = build.ROOT


def render(text, links=None):
    return markdown.render(text, links or markdown.Links(titles={"analysere": "Analysere", "ordliste": "Ordliste"}))


def test_admonition_math_table_and_heading_levels():
    out = render("## Tittel\n\nLQ er $x_i / y$.\n\n```{admonition} Læringsmål\n:class: tip\n\nTekst\n```\n\n"
                 "| a | b |\n|---|---|\n| 1 | 2 |\n\n$$\ng = 1\n$$\n")
    assert "<h2" in out and "<h1" not in out
    assert '<aside class="admonition tip">' in out and "Læringsmål" in out
    assert out.count("<math") == 2 and 'class="math-display"' in out
    assert '<div class="kurs-tabell"><table' in out
    assert "{admonition}" not in out and ":class:" not in out


def test_sphinx_roles_link_to_live_pages():
    out = render("Se {doc}`analysere`, {doc}`kapitlet <book/analysere>` og {term}`LQ <Lokaliseringskvotient>`.")
    assert '<a class="reference external" href="analysere.ipynb">Analysere</a>' in out
    assert 'href="analysere.ipynb">kapitlet</a>' in out
    assert 'href="ordliste.ipynb#term-Lokaliseringskvotient">LQ</a>' in out


def test_unknown_chapter_is_an_error_not_a_silent_drop():
    with pytest.raises(markdown.MarkdownError, match="ukjent kapittel"):
        render("Se {doc}`finnes-ikke`.")


def test_ref_resolves_labels_across_chapters():
    links = markdown.Links(titles={"a": "A"}, labels=markdown.labels_in("a", "(vekst)=\n## Vekst og skift\n"))
    assert 'href="a.ipynb#vekst">Vekst og skift</a>' in markdown.render("Se {ref}`vekst`.", links)


def test_glossary_has_sphinx_anchors():
    out = render("```{glossary}\n:sorted:\n\nLQ\n  Lokaliseringskvotient.\n\nBeslektet mangfold\n  Mangfold.\n```\n")
    assert out.index("Beslektet mangfold") < out.index("LQ")
    assert 'id="term-Beslektet-mangfold"' in out and 'id="term-LQ"' in out


def test_every_chapter_builds_without_code_or_raw_myst(tmp_path):
    out = build.build(tmp_path / "live", force=True)
    course = build.chapters()
    assert [c.slug for c in course][0] == "velkommen" and len(course) == len(list((out / "kapitler").iterdir()))
    for chapter in course:
        nb = nbformat.read(out / "kapitler" / f"{chapter.slug}.ipynb", as_version=4)
        assert nb.metadata.kurs["title"] == chapter.title
        prose = "".join(c.source for c in nb.cells if c.cell_type == "raw")
        assert prose, chapter.slug
        assert not re.search(r"```\{|:::\{|:class:|\{(doc|term|ref)\}`", prose), chapter.slug
        assert "$$" not in prose, chapter.slug
        assert all(c.cell_type in {"raw", "code"} for c in nb.cells)
    assert (build.template_dir(out) / "static" / "kurs.css").exists()
    template = (build.template_dir(out) / "index.html.j2").read_text()
    assert "https://" not in template and "http://" not in template


def test_build_never_touches_the_chapters(tmp_path):
    before = {p: p.read_bytes() for p in (ROOT / "book").glob("*.md")}
    build.build(tmp_path / "live", force=True)
    build.build_lab(tmp_path / "lab")
    assert {p: p.read_bytes() for p in (ROOT / "book").glob("*.md")} == before
    names = sorted(p.name for p in (tmp_path / "lab").iterdir())
    assert names[0] == "01-velkommen.ipynb" and len(names) == len(before)


def test_participant_key_comes_from_the_query_string(tmp_path):
    key = "a" * 32
    assert kernel.workbook_for(str(tmp_path), f"deltaker={key}") == tmp_path / f"{key}.json"
    for bad in ["", "deltaker=../x", "deltaker=kort", "deltaker=" + "a" * 32 + "/../b"]:
        with pytest.raises(PermissionError):
            kernel.workbook_for(str(tmp_path), bad)


def test_download_link_carries_the_file():
    link = download_link("æ<b>", "utkast.md", "text/markdown", "Last ned")
    payload = re.search(r'base64,([^"]+)"', link)[1]
    assert base64.b64decode(payload).decode() == "æ<b>" and 'download="utkast.md"' in link


def good_workbook(tmp_path, county="18"):
    wb = Workbook(tmp_path / "kilde.json")
    wb.put("profil", {"county": county, "role": "rådgiver"})
    return (tmp_path / "kilde.json").read_bytes()


def test_upload_replaces_only_with_a_good_workbook(tmp_path):
    target = tmp_path / "arbeidsbok" / "arbeidsbok.json"
    target.parent.mkdir()
    target.write_bytes(good_workbook(tmp_path, "18"))
    original = target.read_bytes()
    for bad in [b"", b"not json", json.dumps({"sections": []}).encode(),
                json.dumps({"schema_version": 99, "sections": {}}).encode()]:
        result = replace_workbook(bad, target)
        assert not result.ok and result.errors
        assert target.read_bytes() == original
        left = sorted(p.name for p in target.parent.iterdir() if p.name != ".arbeidsbok.json.lock")
        assert left == ["arbeidsbok.json"]  # no temporary file left behind
    (tmp_path / "ny").mkdir()
    new = good_workbook(tmp_path / "ny", "46")
    result = replace_workbook(new, target)
    assert result.ok and Workbook(target).county == "46"


def test_export_view_offers_downloads_and_takes_an_upload(tmp_path):
    wb = Workbook(tmp_path / "arbeidsbok.json")
    view = ExportView(wb)
    links = view.transfer.links.value
    today = f"{dt.date.today():%Y-%m-%d}"  # no county chosen yet: the date alone
    for name in [f"utkast-{today}.docx", f"utkast-{today}.html", f"utkast-{today}.md", f"arbeidsbok-{today}.json"]:
        assert f'download="{name}"' in links
    (tmp_path / "ny").mkdir()
    content = good_workbook(tmp_path / "ny", "46")
    view.transfer.upload.value = ({"name": "arbeidsbok.json", "type": "application/json", "size": len(content),
                                   "content": memoryview(content), "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},)
    assert "lastet opp" in view.transfer.feedback.value
    assert Workbook(tmp_path / "arbeidsbok.json").county == "46"
    view.transfer.upload.value = ({"name": "feil.json", "type": "", "size": 3, "content": memoryview(b"{x}"),
                                   "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},)
    assert "ikke endret" in view.transfer.feedback.value
    assert Workbook(tmp_path / "arbeidsbok.json").county == "46"


def test_a_hostile_upload_is_refused_naming_the_section_and_an_upload_can_be_undone(tmp_path):
    wb = Workbook(tmp_path / "arbeidsbok.json")
    wb.put("profil", {"county": "18", "county_name": "Nordland", "role": "Ny medarbeider"})
    wb.put("prioriteringer", {"priorities": [{"title": "Havbruk", "key": "havbruk"}]})
    view = ExportView(wb)
    assert 'download="utkast-nordland-' in view.transfer.links.value
    assert 'download="arbeidsbok-nordland-' in view.transfer.links.value
    before = wb.path.read_bytes()
    hostile = json.dumps({"schema_version": 1, "sections": {"prioriteringer": 42}}).encode()
    view.transfer.upload.value = ({"name": "arbeidsbok.json", "type": "application/json", "size": len(hostile),
                                   "content": memoryview(hostile), "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},)
    said = view.transfer.feedback.value
    assert "«prioriteringer» (fra kapitlet «Prioritere»)" in said and "ikke endret" in said
    assert "lastet opp" not in said and wb.path.read_bytes() == before
    assert view.transfer.restore_button.disabled  # nothing replaced, nothing to restore
    (tmp_path / "ny").mkdir()
    content = good_workbook(tmp_path / "ny", "46")
    view.transfer.upload.value = ({"name": "arbeidsbok.json", "type": "application/json", "size": len(content),
                                   "content": memoryview(content), "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},)
    assert "lastet opp" in view.transfer.feedback.value and "sikkerhetskopi" in view.transfer.feedback.value
    assert Workbook(wb.path).county == "46"
    assert not view.transfer.restore_button.disabled and "før opplasting" in view.transfer.backups.options[0][0]
    view.transfer.restore_button.click()
    assert "hentet tilbake" in view.transfer.restore_feedback.value
    assert Workbook(wb.path).county == "18"
    assert Workbook(wb.path).value("prioriteringer") == {"priorities": [{"title": "Havbruk", "key": "havbruk"}]}


def test_admonitions_have_norwegian_titles_in_the_live_course():
    html = markdown.render("```{note}\nHei\n```\n\n```{tip}\nHallo\n```\n")
    assert "Merknad" in html and "Tips" in html and ">Note<" not in html and ">Tip<" not in html
