"""The live workshop's group summary (exercises/models/workshop.py): Borda count,
mean rank and Kendall's W against values computed by hand, ties, missing
and partial rankings, empty and hostile folders, a hub's course group read
from its members' homes (no link followed below a home), and the summary as
HTML, Markdown, Word and the join address as a QR code."""

import json
import os
import struct
from pathlib import Path, PurePosixPath

import docx
import pytest
from PIL import Image
from workbooks import hostile_files, read_in_time, valid

from exercises.models.workshop import (GroupSummary, load_group, load_members, qr_png, qr_terminal, read_below,
                                       summarise)
from exercises.reports.group_summary import summary_docx, summary_html, summary_markdown

FISH, TOURISM, ICT, SHIPS, ENERGY = "Fiske og havbruk", "Reiseliv", "IKT & tjenester", "Verft", "Energi"


def participant(folder: Path, key: str, ranking: list[tuple[str, int]] | None, priorities=("Sjømat",),
                strengths=(FISH,), niches=(), county="Nordland", helix: str | None = None) -> None:
    """Write ``folder/<key>.json`` as the course saves it: a profile (with the strand of the helix,
    if given), the ranking from «Analysere» as (industry, rank) rows, its strengths and niches, and priorities."""
    book = valid(priorities[0] if priorities else "x")
    book["sections"]["prioriteringer"]["value"]["priorities"] = [
        {"key": " ".join(t.split()).casefold(), "title": t} for t in priorities]
    analysis = {"county": "18", "year": 2023,
                "strengths": [{"industry": f"s{i}", "name": s} for i, s in enumerate(strengths)],
                "niches": [{"industry": f"n{i}", "name": s} for i, s in enumerate(niches)]}
    if ranking is not None:
        analysis["ranking"] = [{"industry": f"i{i}", "name": name, "rank": rank, "score": None, "label": "",
                                "reason": ""} for i, (name, rank) in enumerate(ranking)]
    profile = {"county": "18", "county_name": county, **({"helix": helix} if helix else {})}
    for name, value in (("analyse", analysis), ("profil", profile)):
        book["sections"][name] = {"saved": "2026-11-30T09:00:00", "value": value}
    folder.mkdir(exist_ok=True)
    (folder / f"{key}.json").write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")


def assert_pairs(actual: list[tuple[str, float]], expected: list[tuple[str, float]]) -> None:
    assert [name for name, _ in actual] == [name for name, _ in expected]
    assert [value for _, value in actual] == pytest.approx([value for _, value in expected])


def ranked(*names: str) -> list[tuple[str, int]]:
    return [(name, place) for place, name in enumerate(names, start=1)]


@pytest.fixture
def group(tmp_path) -> Path:
    """Three participants with known rankings of four industries A=Fiske, B=Reiseliv, C=IKT, D=Verft."""
    folder = tmp_path / "workshop"
    participant(folder, "k1", ranked(FISH, TOURISM, ICT, SHIPS), priorities=("Sjømat med merkevare", "Grønne verft"))
    participant(folder, "k2", ranked(FISH, ICT, TOURISM, SHIPS), priorities=("sjømat  MED merkevare", "Datasenter"),
                strengths=(FISH, SHIPS), niches=(ICT,))
    participant(folder, "k3", ranked(TOURISM, FISH, ICT, SHIPS), priorities=("Sjømat med merkevare", "Opplevelser"),
                strengths=(TOURISM,), niches=(ICT,))
    return folder


def test_borda_mean_rank_and_kendalls_w_equal_the_hand_computation(group):
    # By hand, n = 3 participants, m = 4 industries, places:
    #            Fiske  Reiseliv  IKT  Verft
    #   k1         1       2       3     4
    #   k2         1       3       2     4
    #   k3         2       1       3     4
    #   rank sum   4       6       8    12     mean rank 4/3, 2, 8/3, 4
    # Borda points (m - place): Fiske 3+3+2 = 8, Reiseliv 2+1+3 = 6, IKT 1+2+1 = 4, Verft 0.
    # Kendall's W: mean rank sum n(m+1)/2 = 7.5; S = 3.5² + 1.5² + 0.5² + 4.5² = 35;
    #   W = 12·S / (n²(m³ - m)) = 420 / (9·60) = 7/9 = 0.777…  -> «sterk enighet» (0.7 ≤ W < 0.9).
    people = load_group(group)
    assert [p.key for p in people] == ["k1", "k2", "k3"] and people.notes == []
    summary = summarise(people)
    assert (summary.n, summary.ranked) == (3, 3)
    assert summary.borda == [(FISH, 8), (TOURISM, 6), (ICT, 4), (SHIPS, 0)]
    assert_pairs(summary.mean_rank, [(FISH, 4 / 3), (TOURISM, 2), (ICT, 8 / 3), (SHIPS, 4)])
    assert summary.kendall_w == pytest.approx(7 / 9)
    assert summary.agreement.startswith("Kendalls W er 0,78: sterk enighet om rangeringen (3 deltakere, 4 næringer).")
    assert summary.strengths == [(FISH, 2), (TOURISM, 1), (SHIPS, 1)] and summary.niches == [(ICT, 2)]
    # priorities: case and spacing ignored (simple matching), the first spelling is shown
    assert summary.shared_priorities == [("Sjømat med merkevare", 3)]
    assert summary.single_priorities == ["Datasenter", "Grønne verft", "Opplevelser"]
    assert summary.left_out == [] and summary.notes == []


def test_tied_places_use_the_mean_place_and_kendalls_tie_correction(tmp_path):
    # k1 gives Reiseliv and IKT the same rank (2 and 2 in the file): they share places 2 and 3 -> 2.5 each.
    #            Fiske  Reiseliv  IKT  Verft
    #   k1         1      2.5     2.5    4     ties: one group of t = 2 -> T = 2³ - 2 = 6
    #   k2         1       2       3     4
    #   k3         1       2       3     4
    #   rank sum   3      6.5     8.5   12     S = 4.5² + 1² + 1² + 4.5² = 42.5
    # W = 12·42.5 / (9·60 - 3·6) = 510 / 522 = 0.977…  -> «svært sterk enighet»
    # Borda: Fiske 3·3 = 9, Reiseliv 1.5 + 2 + 2 = 5.5, IKT 1.5 + 1 + 1 = 3.5, Verft 0.
    folder = tmp_path / "likt"
    participant(folder, "k1", [(FISH, 1), (TOURISM, 2), (ICT, 2), (SHIPS, 4)])
    participant(folder, "k2", ranked(FISH, TOURISM, ICT, SHIPS))
    participant(folder, "k3", ranked(FISH, TOURISM, ICT, SHIPS))
    people = load_group(folder)
    assert people[0].ranking == ((FISH, 1), (ICT, 2.5), (TOURISM, 2.5), (SHIPS, 4))
    summary = summarise(people)
    assert summary.kendall_w == pytest.approx(510 / 522)
    assert summary.borda == [(FISH, 9), (TOURISM, 5.5), (ICT, 3.5), (SHIPS, 0)]
    assert_pairs(summary.mean_rank, [(FISH, 1), (TOURISM, 6.5 / 3), (ICT, 8.5 / 3), (SHIPS, 4)])
    assert "svært sterk enighet" in summary.agreement


def test_equal_borda_points_share_a_place_in_the_table(tmp_path):
    # Two participants with opposite rankings of two industries: 1 point each, both on place 1; W = 0.
    folder = tmp_path / "uavgjort"
    participant(folder, "a", ranked(FISH, TOURISM))
    participant(folder, "b", ranked(TOURISM, FISH))
    summary = summarise(load_group(folder))
    assert summary.borda == [(FISH, 1), (TOURISM, 1)] and summary.kendall_w == pytest.approx(0)
    assert "nesten ingen enighet" in summary.agreement
    row = "| Fiske og havbruk | 1,0 | 1 | 1,50 | 1 |"
    assert row in summary_markdown(summary) and "| Reiseliv | 1,0 | 1 | 1,50 | 1 |" in summary_markdown(summary)


def test_a_participant_without_a_ranking_counts_in_the_choices_not_in_the_ranking(group):
    participant(group, "k4", None, priorities=("Grønne  verft",), strengths=(SHIPS,))
    summary = summarise(load_group(group))
    assert (summary.n, summary.ranked) == (4, 3)
    assert summary.kendall_w == pytest.approx(7 / 9) and summary.borda[0] == (FISH, 8)
    assert (SHIPS, 2) in summary.strengths and ("Grønne verft", 2) in summary.shared_priorities
    assert "3 av 4 deltakere har lagret en rangering" in summary_markdown(summary)


def test_participants_who_ranked_different_industries_are_compared_on_those_all_ranked(group):
    # k4 ranked Energi, IKT, Fiske, Reiseliv (no Verft). Only Fiske, Reiseliv and IKT are ranked by all four;
    # places renumbered within them:
    #            Fiske  Reiseliv  IKT
    #   k1         1       2       3
    #   k2         1       3       2
    #   k3         2       1       3
    #   k4         2       3       1
    #   rank sum   6       9       9     n = 4, m = 3, mean n(m+1)/2 = 8, S = 4 + 1 + 1 = 6
    # W = 12·6 / (16·(27 - 3)) = 72 / 384 = 0.1875 -> «svært svak enighet» (0.1 ≤ W < 0.3)
    # Borda n·m - rank sum: Fiske 6, Reiseliv 3, IKT 3 (IKT and Reiseliv share place 2).
    participant(group, "k4", ranked(ENERGY, ICT, FISH, TOURISM))
    summary = summarise(load_group(group))
    assert summary.left_out == [ENERGY, SHIPS]
    assert summary.kendall_w == pytest.approx(0.1875) and "svært svak enighet" in summary.agreement
    assert summary.borda == [(FISH, 6), (ICT, 3), (TOURISM, 3)]
    assert_pairs(summary.mean_rank, [(FISH, 1.5), (ICT, 2.25), (TOURISM, 2.25)])
    assert "Ikke med i rangeringen fordi ikke alle deltakerne har rangert dem: «Energi» og «Verft»." in \
        summary_markdown(summary)


@pytest.mark.parametrize("rankings,message", [
    ([], "Enigheten kan regnes ut når minst to deltakere har lagret en rangering"),
    ([ranked(FISH, TOURISM)], "Enigheten kan regnes ut når minst to deltakere har lagret en rangering"),
    ([ranked(FISH), ranked(FISH)], "deltakerne har færre enn to næringer felles"),
    ([[(FISH, 1), (TOURISM, 1)], [(FISH, 3), (TOURISM, 3)]], "alle deltakerne har satt alle næringene på delt plass"),
])
def test_kendalls_w_that_cannot_be_computed_says_why(tmp_path, rankings, message):
    folder = tmp_path / "få"
    folder.mkdir()
    for number, ranking in enumerate(rankings):
        participant(folder, f"p{number}", ranking)
    summary = summarise(load_group(folder))
    assert summary.kendall_w is None and message in summary.agreement
    assert message in summary_markdown(summary) and "Kendalls W er" not in summary_html(summary)


def test_an_empty_folder_and_a_missing_folder(tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    people = load_group(empty)
    assert people == [] and people.notes == []
    summary = summarise(people)
    assert summary == GroupSummary(0, 0, [], [], [], [], [], None, summary.agreement, [], [], [])
    markdown = summary_markdown(summary)
    assert "Ingen av deltakerne har lagret en rangering i «Analysere» ennå." in markdown
    assert "Ingen av deltakerne har lagret prioriteringer ennå." in markdown
    missing = load_group(tmp_path / "finnes-ikke")
    assert missing == [] and missing.notes[0].startswith(f"Fant ikke workshopmappen {tmp_path / 'finnes-ikke'}.")
    summary_docx(summarise(missing), tmp_path / "tom.docx")
    assert "Fant ikke workshopmappen" in "\n".join(p.text for p in docx.Document(tmp_path / "tom.docx").paragraphs)


def test_every_hostile_file_is_skipped_and_named(group):
    reasons = hostile_files(group)
    participant(group, "god", ranked(FISH, TOURISM))  # the target of the symbolic link in hostile_files
    people = read_in_time(group, load_group)  # fails instead of hanging on the FIFO
    assert [p.key for p in people] == ["god", "k1", "k2", "k3"]
    assert [note.split(" er hoppet over: ")[0] for note in people.notes] == sorted(reasons)
    summary = summarise(people)
    assert summary.notes == people.notes and summary.n == 4
    assert all(name in summary_markdown(summary) for name in reasons)


def test_participant_text_is_escaped_in_html_and_cleaned_for_word(tmp_path):
    folder = tmp_path / "ond"
    evil = "<script>alert(1)</script>"
    participant(folder, "a", ranked(f"<b>{FISH}</b>", TOURISM), priorities=(evil, "Tiltak\x0b med\x00 NUL"),
                strengths=('Fiske" onmouseover="x',))
    participant(folder, "b", ranked(f"<b>{FISH}</b>", TOURISM), priorities=(evil,))
    summary = summarise(load_group(folder))
    assert summary.single_priorities == ["Tiltak med NUL"]
    for html in (summary_html(summary), summary_html(summary, standalone=True)):
        assert "<script>" not in html and "<b>" not in html and '" onmouseover' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;Fiske og havbruk&lt;/b&gt;" in html
    assert summary_html(summary, standalone=True).startswith("<!DOCTYPE html>")
    assert "http" not in summary_html(summary, standalone=True)  # nothing loaded from another host
    assert "\\<script\\>" in summary_markdown(summary)
    path = summary_docx(summary, tmp_path / "oppsummering.docx")
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    assert evil in "\n".join(c.text for t in docx.Document(path).tables for r in t.rows for c in r.cells)
    assert "Tiltak med NUL" in text


def test_the_word_summary_is_a4_has_no_author_and_holds_the_priorities(group, tmp_path):
    summary = summarise(load_group(group))
    path = summary_docx(summary, tmp_path / "workshop.docx")
    document = docx.Document(path)
    assert all(abs(s.page_width.mm - 210) < 0.1 and abs(s.page_height.mm - 297) < 0.1 for s in document.sections)
    assert document.core_properties.author == "" and document.core_properties.language == "nb-NO"
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Sjømat med merkevare", "3"] in cells
    assert [FISH, "8,0", "1", "1,33", "1"] in cells
    assert all(title in paragraphs for title in ("Datasenter", "Grønne verft", "Opplevelser"))
    assert "Kendalls W er 0,78: sterk enighet" in paragraphs
    assert "kommer fra deltakernes egne arbeidsbøker" in paragraphs and "Schmidt (1997)" in paragraphs
    assert not list(tmp_path.glob(".workshop.docx-*"))  # no temporary file left


def test_every_table_in_the_summary_names_its_source(group):
    html = summary_html(summarise(load_group(group)))
    assert html.count("<table>") == 4
    assert html.count('<p class="kilde">Kilde: deltakernes egne arbeidsbøker fra workshopen (3 deltakere).') == 4


def test_qr_code_for_the_join_address(tmp_path):
    url = "http://192.168.1.20:8866/bli-med?kode=K7Q2"
    path = qr_png(url, tmp_path / "bli-med.png")
    raw = path.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and raw[12:16] == b"IHDR"
    width, height = struct.unpack(">II", raw[16:24])
    with Image.open(path) as image:
        image.load()  # decodes every pixel
        assert image.size == (width, height) and width == height
        assert 21 * 8 <= width <= 1000  # at least a version 1 code at 8 px per module, small enough for a slide
        colours = {image.convert("L").getpixel((x, x)) for x in range(width)}
    assert colours == {0, 255}
    assert (width // 8 - 8 - 17) % 4 == 0  # modules = 17 + 4·version, plus a quiet zone of 4 on each side
    text = qr_terminal(url)
    lines = text.rstrip("\n").split("\n")
    assert len(lines) > 10 and len({len(line) for line in lines}) == 1 and set(text) <= set("█▀▄ \n")
    assert qr_terminal(url) != qr_terminal(url + "0")


def test_participants_built_in_code_are_cleaned_before_word(tmp_path):
    # the server may build Participant objects itself: every string is cleaned again on the way out
    from exercises.models.workshop import Participant
    dirty = Participant("a.json", "Nord\x00land", ("Fiske\x0b",), (), ("Sjø\ud800mat",), (("Fiske\x0b", 1.0),))
    summary = summarise([dirty, Participant("b.json", None, (), (), ("Sjø\ud800mat",), ())])
    path = summary_docx(summary, tmp_path / "skitten.docx")
    text = "\n".join(c.text for t in docx.Document(path).tables for r in t.rows for c in r.cells)
    assert "Sjømat" in text and "Fiske" in text and "\x0b" not in text
    assert "Sjømat" in summary_html(summary) and "\ud800" not in summary_markdown(summary)


@pytest.fixture
def helix_workshop(tmp_path) -> Path:
    """A made-up workshop: four from business, two from research, one who gave no strand, and one
    from the public sector without a ranking."""
    folder = tmp_path / "helix"
    for key, order in (("a1", (FISH, SHIPS, TOURISM, ICT)), ("a2", (FISH, SHIPS, ICT, TOURISM)),
                       ("a3", (SHIPS, FISH, TOURISM, ICT)), ("a4", (FISH, TOURISM, SHIPS, ICT))):
        participant(folder, key, ranked(*order), helix="naeringsliv")
    participant(folder, "b1", ranked(ICT, FISH, SHIPS, TOURISM), helix="kunnskap")
    participant(folder, "b2", ranked(ICT, SHIPS, TOURISM, FISH), helix="kunnskap")
    participant(folder, "c1", ranked(TOURISM, FISH, ICT, SHIPS))
    participant(folder, "d1", None, helix="offentlig")
    return folder


def test_kendalls_w_within_each_strand_equals_the_hand_computation(helix_workshop):
    # Næringsliv, n = 4, m = 4:  places        Fiske  Verft  Reiseliv  IKT
    #   a1 1 2 3 4, a2 1 2 4 3, a3 2 1 3 4, a4 1 3 2 4  -> rank sums  5      8      12      15
    #   mean rank sum n(m+1)/2 = 10; S = 25 + 4 + 4 + 25 = 58; W = 12·58 / (16·60) = 0.725 -> «sterk enighet»
    #   mean places 1.25, 2.0, 3.0, 3.75
    # Forskning og utdanning, n = 2:  b1 IKT 1 Fiske 2 Verft 3 Reiseliv 4, b2 IKT 1 Verft 2 Reiseliv 3 Fiske 4
    #   rank sums IKT 2, Verft 5, Fiske 6, Reiseliv 7; mean 5; S = 9 + 0 + 1 + 4 = 14;
    #   W = 12·14 / (4·60) = 0.7, but with two raters random rankings give W = 1/2 on average: flagged as small
    summary = summarise(load_group(helix_workshop))
    groups = {g.key: g for g in summary.roles}
    assert list(groups) == ["naeringsliv", "kunnskap", "offentlig", ""]
    business, research, public, unknown = groups["naeringsliv"], groups["kunnskap"], groups["offentlig"], groups[""]
    assert (business.participants, business.ranked, business.small) == (4, 4, False)
    assert business.kendall_w == pytest.approx(0.725)
    assert business.reading == "W = 0,72: sterk enighet (4 rangeringer)."
    assert business.mean_rank == pytest.approx({FISH: 1.25, SHIPS: 2.0, TOURISM: 3.0, ICT: 3.75})
    assert (research.ranked, research.small) == (2, True) and research.kendall_w == pytest.approx(0.7)
    assert "for liten til å lese W (2 rangeringer)" in research.reading and "i snitt 0,50" in research.reading
    assert research.mean_rank == pytest.approx({ICT: 1.0, SHIPS: 2.5, FISH: 3.0, TOURISM: 3.5})
    assert (public.participants, public.ranked, public.kendall_w) == (1, 0, None)
    assert public.reading == "Ingen i gruppen har lagret en rangering."
    assert (unknown.label, unknown.ranked, unknown.reading) == ("Ikke oppgitt", 1, "Bare én rangering: enigheten kan ikke regnes ut.")


def test_the_industries_the_strands_disagree_on_most(helix_workshop):
    # Gaps between the mean places of business and research (the only strands with rankings):
    #   IKT 3.75 - 1.0 = 2.75, Fiske 3.0 - 1.25 = 1.75, Reiseliv 3.5 - 3.0 = 0.5, Verft 2.5 - 2.0 = 0.5
    summary = summarise(load_group(helix_workshop))
    assert [(g.industry, g.high, g.low) for g in summary.role_gaps] == [
        (ICT, "kunnskap", "naeringsliv"), (FISH, "naeringsliv", "kunnskap"),
        (TOURISM, "naeringsliv", "kunnskap"), (SHIPS, "naeringsliv", "kunnskap")]
    assert [g.spread for g in summary.role_gaps] == pytest.approx([2.75, 1.75, 0.5, 0.5])
    fish = summary.role_gaps[1].reading
    assert fish.startswith("Næringslivet rangerer Fiske og havbruk høyere enn forskning og utdanning gjør: "
                           "snittplass 1,25 mot 3,00 (4 og 2 rangeringer).")
    assert "les det som enkeltpersoners syn" in fish  # research is a small group
    assert summary.role_gaps[0].reading.startswith("Forskning og utdanning rangerer IKT & tjenester høyere enn "
                                                   "næringslivet gjør")
    assert "færre enn 4 rangeringer er merket som liten" in summary.roles_reading


def test_the_strands_in_html_markdown_and_word(helix_workshop, tmp_path):
    summary = summarise(load_group(helix_workshop))
    html = summary_html(summary)
    assert "Hvor er rollene uenige?" in html and "Enighet innenfor hver rolle" in html
    # strengths, ranking and shared priorities as before (no one saved a niche), and the two of the strands
    assert html.count("<table>") == 5
    assert html.count('<p class="kilde">Kilde: deltakernes egne arbeidsbøker fra workshopen (8 deltakere).') == 5
    markdown = summary_markdown(summary)
    assert "| Næringsliv | 4 | 4 | 0,72 | W = 0,72: sterk enighet (4 rangeringer). |" in markdown
    assert "| IKT \\& tjenester | 3,75 | 1,00 | 2,75 |" in markdown
    assert "Forskning og utdanning (liten gruppe)" in markdown
    path = summary_docx(summary, tmp_path / "roller.docx")
    cells = "\n".join(c.text for t in docx.Document(path).tables for r in t.rows for c in r.cells)
    assert "sterk enighet (4 rangeringer)" in cells and "2,75" in cells


def test_without_stated_strands_the_summary_says_how_to_get_them(group):
    summary = summarise(load_group(group))
    assert [g.key for g in summary.roles] == [""] and summary.role_gaps == []
    assert "feltet «Kommer fra»" in summary.roles_reading
    assert "Enighet innenfor hver rolle" not in summary_html(summary)


def test_a_strand_whose_rankings_share_fewer_than_two_industries_says_so(tmp_path):
    folder = tmp_path / "ulike"
    participant(folder, "a", ranked(FISH, TOURISM), helix="naeringsliv")
    participant(folder, "b", ranked(FISH, ICT), helix="naeringsliv")
    business = summarise(load_group(folder)).roles[0]
    assert business.kendall_w is None and "færre enn to næringer felles" in business.reading


INSIDE = PurePosixPath("arbeidsbok/arbeidsbok.json")


def homes(tmp_path: Path, group: Path) -> Path:
    """The three participants of ``group`` as hub users, each workbook in her own home."""
    root = tmp_path / "hjem"
    for key in ("k1", "k2", "k3"):
        (root / key / "arbeidsbok").mkdir(parents=True)
        (group / f"{key}.json").rename(root / key / INSIDE)
    return root


@pytest.mark.skipif(os.name == "nt", reason="a hub's server is POSIX (read_below opens folders without links)")
def test_a_hub_group_is_read_from_its_members_homes_with_the_same_summary(group, tmp_path):
    expected = summarise(load_group(group))
    root = homes(tmp_path, group)
    people = load_members(["k3", "k1", "k2", "ny"], lambda name: root / name, INSIDE)
    assert [p.key for p in people] == ["k1", "k2", "k3"]
    assert people.notes == ["Har ikke lagret noe i kurset ennå: ny."]
    summary = summarise(people)
    assert (summary.borda, summary.mean_rank, summary.kendall_w) == (expected.borda, expected.mean_rank,
                                                                    expected.kendall_w)
    assert summary.shared_priorities == expected.shared_priorities and summary.n == 3


@pytest.mark.skipif(os.name == "nt", reason="a hub's server is POSIX (read_below opens folders without links)")
def test_a_link_below_a_home_is_not_followed(group, tmp_path):
    """A learner who makes her own workbook folder, or the workbook, a link to another's
    cannot pass it off as hers: she is skipped with the reason, and the other is read once."""
    root = homes(tmp_path, group)
    (root / "lur").mkdir()
    (root / "lur" / "arbeidsbok").symlink_to(root / "k1" / "arbeidsbok")
    (root / "lur2" / "arbeidsbok").mkdir(parents=True)
    (root / "lur2" / INSIDE).symlink_to(root / "k2" / INSIDE)
    with pytest.raises(ValueError, match="snarvei"):
        read_below(root / "lur", INSIDE)
    people = load_members(["k1", "k2", "lur", "lur2"], lambda name: root / name, INSIDE)
    assert [p.key for p in people] == ["k1", "k2"]
    assert [note.split(" er hoppet over: ")[0] for note in people.notes] == ["lur", "lur2"]
    assert all("snarvei" in note for note in people.notes)


@pytest.mark.skipif(os.name == "nt", reason="a hub's server is POSIX (read_below opens folders without links)")
def test_a_name_that_cannot_be_a_home_is_skipped_and_named(group, tmp_path):
    root = homes(tmp_path, group)

    def home(name):
        if name == "..":
            raise ValueError("et brukernavn som ikke kan være navnet på en mappe")
        return root / name

    people = load_members(["k1", ".."], home, INSIDE)
    assert [p.key for p in people] == ["k1"]
    assert people.notes == [".. er hoppet over: et brukernavn som ikke kan være navnet på en mappe."]
