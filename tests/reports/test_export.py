"""«Ditt utkast»: the draft from a full, a partly filled, an empty and a damaged
workbook, in Markdown, HTML and Word; learner text stays text; and the view."""

import io

import docx
import pytest
from workbooks import ACTIONS, DAY, EVIL, PRIORITIES, docx_text, full, with_priorities
from workbooks import vision as answer

from exercises.models.actions import ActionsExercise
from exercises.models.analysis_links import data_source
from exercises.models.priorities import PrioritiesExercise
from exercises.models.vision import VisionExercise
from exercises.reports.draft.content import build_draft
from exercises.reports.draft.files import save_draft, write_draft
from exercises.reports.draft.html import to_html
from exercises.reports.draft.markdown import to_markdown
from exercises.reports.draft.word import to_docx
from exercises.views.export_view import ExportView
from exercises.workbook.store import Workbook


def docx_text_of(draft) -> str:
    document = docx.Document(io.BytesIO(to_docx(draft)))
    return "\n".join(p.text for p in document.paragraphs)


def test_full_workbook_gives_a_whole_draft(workbook):
    draft = build_draft(full(workbook), DAY)
    assert draft.missing == []
    text = to_markdown(draft)
    assert text.startswith("# Utkast til prioriteringer for smart spesialisering – Kystby\n\nDato: 27.11.2026.")
    for expected in ("## Om utkastet", "**Fylke:** F1 Kystby", "## Styrker og nisjer fra analysen",
                     "| 3 | IKT og forretningstjenester (nisje) | 0,50 | – | – | – |",
                     "| IKT og forretningstjenester | – | 3 | Flyttet opp: sporing av sjømat |",
                     "## Aktører", "| Havbruk AS | Næringsliv | Høy | Høy |", "**Visjon:** Kystby skal leve av havet",
                     "### 2. Sporbar sjømat med IKT", "**Aktører som driver den:** Havbruk AS (næringsliv), "
                     "Fylkeskommunen (offentlig sektor)", "## Tiltak og ansvar",
                     "| Felles merkevare for sjømat fra Kystby |",
                     "**Antatt sammenheng:** Hvis flere bedrifter", "| 6,0 (2023) | 7,5 (2030) |",
                     "| Tiltak og ansvar | Handlingsprogram (§ 8-1) |", "## Kilder"):
        assert expected in text, expected
    assert "Mangler" not in text


def test_every_table_states_its_source(workbook):
    draft = build_draft(full(workbook), DAY)
    tables = [b for b in draft.blocks if type(b).__name__ == "Table"]
    assert len(tables) == 12 and all(t.source.startswith(("Kilde:", "Fiktive undervisningsdata")) for t in tables)
    ranking = next(t for t in tables if t.caption.startswith("Rangering av næringer"))
    assert "Fiktive undervisningsdata (2023)" in ranking.source  # Fjordland is labelled as fictional


def test_every_table_in_the_html_is_a_named_region(workbook):
    """Screen readers announce each table frame by its caption (the same
    frame as the chapters' tables: display.table_frame)."""
    import re

    html = to_html(build_draft(full(workbook), DAY))
    frames = re.findall(r'<div class="kurs-tabell" role="region" tabindex="0" aria-label="([^"]+)"><table>'
                        r'<caption>([^<]+)</caption>', html)
    assert len(frames) == html.count('class="kurs-tabell"') == 12
    assert all(label == caption for label, caption in frames)


def test_real_county_names_ssb_as_the_source():
    line = data_source({"county": "46", "year": 2019})
    assert line.startswith("Kilde: Statistisk sentralbyrå (SSB), tabell 11713") and "CC BY 4.0" in line
    own = "Kilde: SSB, tabell 11713, 2019."
    assert data_source({"county": "46", "source": own}) == own
    assert data_source({}).startswith("Kilde: Statistisk sentralbyrå (SSB), tabell 11713")  # county unknown
    assert data_source({"county": "F3", "year": 2021}).startswith("Fiktive undervisningsdata (2021)")


def test_learner_text_is_escaped_in_html_and_markdown(workbook):
    draft = build_draft(full(workbook), DAY)
    html = to_html(draft)
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; **fet** | rad" in html
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nb-NO">' in html
    markdown = to_markdown(draft)
    assert "<script>" not in markdown and r"\<script\>alert('x')\</script\> \& \*\*fet\*\* \| rad" in markdown
    fragment = to_html(draft, standalone=False)
    assert fragment.startswith('<div class="kurs-utkast"><h3>') and "<script>" not in fragment


def test_three_files_are_written_and_the_word_file_opens(workbook, tmp_path):
    draft, files = write_draft(full(workbook), tmp_path / "ut", DAY)
    assert sorted(p.name for p in files.values()) == ["utkast-kystby.docx", "utkast-kystby.html", "utkast-kystby.md"]
    text = docx_text(files["docx"])
    assert EVIL in text and "Sjømat med merkevare" in text and "Pilot: sporing av levende sjømat til kunden" in text
    assert docx.Document(str(files["docx"])).core_properties.title == draft.title
    assert files["md"].read_text(encoding="utf-8") == to_markdown(draft)
    assert [p.name for p in (tmp_path / "ut").iterdir() if p.name.endswith(".tmp")] == []


def test_partly_filled_workbook_names_each_missing_part_and_its_chapter(workbook):
    with_priorities(workbook)
    ActionsExercise(workbook).save(workbook, PRIORITIES[0]["title"], ACTIONS)
    draft = build_draft(workbook, DAY)
    assert draft.missing == [
        "Visjon og mål: gjøres i kapitlet «Visjon og mål»",
        "Tiltak for «Sporbar sjømat med IKT»: gjøres i kapitlet «Gjennomføre»",
        "Tiltak for «Grønne verft»: gjøres i kapitlet «Gjennomføre»",
        "Indikatorer for «Sjømat med merkevare»: gjøres i kapitlet «Måle og lære»",
        "Indikatorer for «Sporbar sjømat med IKT»: gjøres i kapitlet «Måle og lære»",
        "Indikatorer for «Grønne verft»: gjøres i kapitlet «Måle og lære»",
        "Plassering i plansystemet: gjøres i kapitlet «Smart spesialisering og plan- og bygningsloven»",
        "Egenvurdering: gjøres i kapitlet «Fylkeskommunens roller»"]
    text = to_markdown(draft)
    assert "## Dette mangler i utkastet" in text
    assert "> **Mangler:** Visjon og mål mangler. Gjør kapitlet «Visjon og mål»." in text
    assert "| Felles merkevare for sjømat fra Kystby |" in text
    assert "Mangler:" in docx_text_of(draft)


def test_empty_workbook_gives_a_document_that_lists_every_chapter(workbook):
    draft = build_draft(workbook, DAY)
    assert [m.split(": gjøres i kapitlet ")[1] for m in draft.missing] == [
        "«Velkommen»", "«Analysere»", "«Organisere»", "«Visjon og mål»", "«Prioritere»", "«Gjennomføre»",
        "«Måle og lære»", "«Smart spesialisering og plan- og bygningsloven»", "«Fylkeskommunens roller»"]
    assert draft.title.endswith("– fylket ditt")
    text = to_markdown(draft)
    assert "Lag prioriteringer i kapitlet «Prioritere», og deretter tiltak i kapitlet «Gjennomføre»" in text
    assert "Mangler:" in docx_text_of(draft)


def test_earlier_picks_are_shown_when_the_ranking_is_missing(workbook):
    workbook.put("spesialisering", {"county": "46", "year": 2019, "picks": [
        {"industry": "fiske_havbruk", "name": "Fiske og havbruk", "lq": 2.1, "reason": "Havbruk"}]})
    workbook.put("nisjer", {"county": "46", "year": 2019, "niches": [
        {"industry": "ikt", "name": "IKT", "density": 0.35, "reason": "Sporing"}]})
    text = to_markdown(build_draft(workbook, DAY))
    assert "| 1 | Fiske og havbruk | 2,10 | Havbruk |" in text and "| IKT | 0,35 | Sporing |" in text
    assert "Rangeringen mangler. Den lager du i kapitlet «Analysere»" in text
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 11713" in text


@pytest.mark.parametrize("section,value", [
    ("prioriteringer", "ødelagt"), ("prioriteringer", {"priorities": [{"title": 5}, "x", None]}),
    ("tiltak", {"by_priority": {"sjømat med merkevare": {"actions": "x"}}}), ("tiltak", {"by_priority": []}),
    ("indikatorer", {"by_priority": {"sjømat med merkevare": {"indicators": [{"baseline": "mye"}]}}}),
    ("visjon", {"statement": ["liste"], "goals": {"a": 1}}), ("aktorer", {"actors": [{"name": None}]}),
    ("analyse", {"ranking": [{"rank": "1"}, {"rank": 2, "score": "høy"}]}), ("plan", {"placements": 3}),
    ("profil", ["46"]), ("roller", {"scores": {"analysere": "mye"}}), ("roller", [3]),
])
def test_damaged_sections_never_break_the_files(workbook, tmp_path, section, value):
    with_priorities(workbook)
    workbook.data["sections"][section] = {"saved": "", "value": value}  # as if the file had been edited by hand
    draft, files = write_draft(workbook, tmp_path, DAY)
    assert docx.Document(str(files["docx"])).paragraphs
    assert files["html"].read_text(encoding="utf-8").endswith("</html>\n")


def test_self_assessment_is_a_table_with_the_weakest_elements(workbook):
    text = to_markdown(build_draft(full(workbook), DAY))
    assert "## Egenvurdering av arbeidet i fylket" in text
    assert "| Analysere | 1 | Svak |" in text and "| Prioritere | 4 | Sterk |" in text
    assert "**Svakest:** Analysere, Måle og lære" in text and "**Begrunnelse:** Bygger på handlingsprogrammet" in text
    assert "*Kilde: egen vurdering; vurderingene er skjønn, ikke en måling." in text  # no course words
    alone = build_draft(Workbook(workbook.path.with_name("tom.json")), DAY)
    assert "Egenvurdering: gjøres i kapitlet «Fylkeskommunens roller»" in alone.missing


def test_text_word_cannot_hold_is_left_out(workbook, tmp_path):
    with_priorities(workbook)
    VisionExercise(workbook).save(workbook, *answer(statement="Visjon\x00 med\x0b kontrolltegn\x1f"))
    _, files = write_draft(workbook, tmp_path, DAY)
    assert "Visjon med kontrolltegn" in docx_text(files["docx"])


def test_actions_of_a_renamed_priority_are_kept_in_the_draft(workbook):
    with_priorities(workbook)
    ActionsExercise(workbook).save(workbook, PRIORITIES[0]["title"], ACTIONS)
    PrioritiesExercise(workbook).save(workbook, [dict(PRIORITIES[0], title="Sjømat fra Kystby")] + PRIORITIES[1:])
    text = to_markdown(build_draft(workbook, DAY))
    assert "### Sjømat med merkevare (prioriteringen finnes ikke lenger)" in text
    assert "| Felles merkevare for sjømat fra Kystby |" in text


def test_a_folder_that_cannot_be_written_gives_a_message(workbook, tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe", encoding="utf-8")
    result, draft = save_draft(workbook, blocker / "utkast", DAY)
    assert draft is None and result.errors[0].startswith(f"Kunne ikke skrive utkastet i {blocker / 'utkast'}")
    assert "Arbeidsboka er ikke endret" in result.errors[0]


def test_view_writes_the_files_and_updates_the_preview(workbook):
    view = ExportView(workbook)
    assert "Dette mangler i utkastet" in view.preview.value
    full(workbook)
    view.button.click()
    assert "Utkastet er lagret i tre formater" in view.feedback.value
    assert "Utkastet har med alle delene" in view.feedback.value
    assert (workbook.path.parent / "utkast" / "utkast-kystby.docx").exists()
    assert "Dette mangler" not in view.preview.value and "&lt;script&gt;" in view.preview.value


COURSE_WORDS = ("arbeidsbok", "Poeng (1–5)", "Rolle i kurset", "i kapitlet", "selvstudiekurs", "du valgte",
                "du flyttet", "ditt eget", "dine egne")


def test_the_draft_opens_with_a_one_page_summary_and_ends_with_the_analysis(workbook):
    from exercises.reports.draft.blocks import Heading, PageBreak
    draft = build_draft(full(workbook), DAY)
    headings = [b.text for b in draft.blocks if isinstance(b, Heading) and b.level == 2]
    assert headings[0] == "Sammendrag"
    brk = next(n for n, b in enumerate(draft.blocks) if isinstance(b, PageBreak))
    assert headings.index("Prioriteringer") < headings.index("Tiltak og ansvar") \
        < headings.index("Indikatorer: måle og lære") < headings.index("Styrker og nisjer fra analysen (vedlegg)")
    text = to_markdown(draft)
    summary = text.split("## Visjon og mål")[0]
    assert "**Fylke:** F1 Kystby" in summary and "**Visjon:** Kystby skal leve av havet" in summary
    for p in PRIORITIES:
        assert f"- {p['title']}: {p['reason'].split('. ')[0]}" in summary
    assert "**Hovedtall:**" in summary and "LQ" in summary and "tiltak og" in summary
    assert "Rangering av næringer" not in summary
    assert brk < next(n for n, b in enumerate(draft.blocks) if isinstance(b, Heading) and b.text == "Visjon og mål")


def test_the_draft_has_no_course_vocabulary(workbook):
    draft = build_draft(full(workbook), DAY)
    for text in (to_markdown(draft), docx_text_of(draft), to_html(draft)):
        found = [w for w in COURSE_WORDS if w in text]
        assert found == [], found


def test_line_breaks_are_kept_in_every_format(workbook):
    from exercises.models.planning import save_placements
    from workbooks import PLACEMENTS
    full(workbook)
    steps = "Første steg: møte med klyngene.\nAndre steg: dialog med kommunene.\n3. tredje steg"
    assert save_placements(workbook, PLACEMENTS, "plan", steps).ok
    draft = build_draft(workbook, DAY)
    md = to_markdown(draft)
    assert "Første steg: møte med klyngene.\\\nAndre steg: dialog med kommunene.\\\n3\\. tredje steg" in md
    assert "møte med klyngene.<br>Andre steg" in to_html(draft)
    document = docx.Document(io.BytesIO(to_docx(draft)))
    paragraph = next(p for p in document.paragraphs if "Første steg" in p.text)
    assert "møte med klyngene.\nAndre steg" in paragraph.text  # a line break (w:br), not a space
