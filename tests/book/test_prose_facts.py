"""What the chapters claim, checked where it can be: the numbers they state
in their text («egne beregninger»), recomputed from the data; the counts,
times and dates they state about the course and its sources; the wording
the language list asks for; and that no page of the live course sends the
learner to cells, menus or JupyterLab it does not have."""

import pytest

from exercises.analysis import indicators as ind
from exercises.core.numbers import number, percent
from exercises.reports.analysis_report import groups


def test_related_variety_extremes_2019(real):
    related = real.variety(2019, groups(real)).related
    assert real.regions[related.idxmin()] == "Oslo"
    assert real.regions[related.idxmax()] == "Møre og Romsdal"


def test_health_is_specialised_in_most_county_years(real):
    present = sum(int((real.location_quotients(y)["helse_omsorg"] >= 1).sum()) for y in real.years)
    assert present == 143 and len(real.years) * len(real.regions) == 180


def test_oil_and_gas_value_added_fell_2014_to_2016(real):
    va = {y: real.national(y, "main", "value_added")["olje_gass"] / 1000 for y in (2014, 2016)}
    assert va[2014] == pytest.approx(610, abs=5) and va[2016] == pytest.approx(396, abs=5)


def test_value_added_per_employed_2019(real):
    va, e = real.national(2019, "main", "value_added"), real.national(2019, "main")
    per_person = va / e / 1000  # NOK million per thousand employed -> NOK million per person
    assert per_person["olje_gass"] == pytest.approx(8.8, abs=0.05)
    assert per_person["finans"] == pytest.approx(3.3, abs=0.05)
    assert va.sum() / e.sum() / 1000 == pytest.approx(1.1, abs=0.05)


def test_rogaland_above_six_in_both_oil_industries_2019(real):
    lq = real.location_quotients(2019).loc["11"]
    assert lq["olje_gass_utvinning"] > 6 and lq["olje_gass_tjenester"] > 6


def test_kystby_worked_examples(fjordland):
    E0, E1 = fjordland.matrix(2020), fjordland.matrix(2023)
    v = ind.variety(E1, groups(fjordland))
    assert (round(v.loc["F1", "unrelated"], 2), round(v.loc["F1", "related"], 2)) == (1.88, 1.39)
    assert v.related.idxmax() == "F2" and v.related.idxmin() == "F6"  # Fjorddal highest, Sletteby lowest
    assert v.unrelated.idxmin() == "F6"
    parts = ind.shift_share(E0, E1)
    assert parts["regional"].loc["F1", "ikt"] == pytest.approx(2.0)
    assert parts["change"].loc["F1", "ikt"] == 4


def test_public_administration_is_specialised_in_60_county_years(real):
    present = sum(int((real.location_quotients(y)["offentlig_adm"] >= 1).sum()) for y in real.years)
    assert present == 60


def test_sletteby_has_60_percent_in_ict_and_business_services(fjordland):
    share = ind.shares(fjordland.matrix(2023)).loc["F6"]
    assert share["ikt"] + share["forretning"] == pytest.approx(0.60)
    assert share["reiseliv"] == 0


def test_kystby_krugman_is_0_32(fjordland):
    assert ind.krugman_index(fjordland.matrix(2023))["F1"] == pytest.approx(0.32)


def test_quiz_lq_table_matches_the_data(real):
    from exercises.models.quiz import BY_KEY
    from exercises.models.specialisation import county_profile
    question = BY_KEY["lq_tabell"]
    profile = county_profile(real, "11", 2019).set_index("name")
    for name, employment, share, lq in question.table[1:]:
        row = profile.loc[name]
        assert number(row.employment, 1) == employment
        assert percent(row.share).replace("\u00a0", " ") == share
        assert number(row.lq, 2) == lq
    assert "2019" in question.source and "11713" in question.source
    assert number(profile.loc["Tjenester tilknyttet utvinning av råolje og naturgass"].lq, 2) in question.why
    oil = profile.loc[["Tjenester tilknyttet utvinning av råolje og naturgass", "Utvinning av råolje og naturgass"]]
    health = profile.loc["Helse- og omsorgstjenester"].employment
    assert round(1000 * oil.employment.sum()) == 29_800 and round(1000 * health) == 49_500
    assert "29 800" in question.wrong["c"] and "49 500" in question.wrong["c"] and "49 500" in question.wrong["a"]


def test_kystby_krugman_half_is_16_percent(fjordland):
    assert ind.krugman_index(fjordland.matrix(2023))["F1"] / 2 == pytest.approx(0.16)


def test_nordland_worked_reading_2019(real):
    from exercises.models.specialisation import MIN_SHARE, county_profile
    p = county_profile(real, "18", 2019)
    assert real.region_totals(2019)["18"] == pytest.approx(123.7)  # the published total the shares divide by
    assert p.index[0] == "fiske_havbruk"  # highest LQ
    assert (round(p.loc["fiske_havbruk", "lq"], 2), round(100 * p.loc["fiske_havbruk", "share"], 1)) == (4.99, 3.1)
    assert p.loc["fiske_havbruk", "employment"] == pytest.approx(3.8)
    assert (round(p.loc["bergverk", "lq"], 2), round(100 * p.loc["bergverk", "share"], 1)) == (4.44, 0.6)
    assert p.loc["bergverk", "employment"] == pytest.approx(0.7) and p.loc["bergverk", "share"] < MIN_SHARE
    assert p.employment.idxmax() == "helse_omsorg" and p.loc["helse_omsorg", "employment"] == pytest.approx(31.2)
    assert (round(100 * p.loc["helse_omsorg", "share"], 1), round(p.loc["helse_omsorg", "lq"], 2)) == (25.2, 1.20)
    k = real.specialisation(2019).krugman
    assert round(k["18"], 2) == 0.26 and list(k.sort_values(ascending=False).index).index("18") == 5  # sixth
    assert round(100 * k["18"] / 2) == 13
    assert set(real.hidden(2019, "18")) == {"transport", "post"}
    assert round(real.hidden_share(2019, "18") * real.region_totals(2019)["18"], 1) == 7.6
    # «ville alle de andre andelene blitt 6,5 prosent for høye» (fiske «5,22»: tests/data/test_data_import.py)
    assert round(100 * (123.7 / real.matrix(2019, "main").loc["18"].sum() - 1), 1) == 6.5


# --- claims about the course itself, its sources and its wording ---------------

import ast  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from exercises.live import build  # noqa: E402

BOOK = Path(__file__).resolve().parents[2] / "book"
NUMBERS = {"To": 2, "Tre": 3, "Fire": 4, "Fem": 5, "to": 2, "tre": 3, "fire": 4, "fem": 5}


def chapter_text(name: str) -> str:
    return (BOOK / f"{name}.md").read_text(encoding="utf-8")


def sentence_with(text: str, start: str) -> str:
    """The sentence of ``text`` that begins with ``start``."""
    return re.search(re.escape(start) + r"[^.]*\.", text)[0]


def timing_table() -> dict[str, str]:
    """Chapter title -> the workshop cell of the timing table in «For lærere»."""
    rows = re.findall(r"^\| ([^|]+?) \| [^|]+ \| \d+ min \| ([^|]+?) \|$", chapter_text("for-laerere"), re.M)
    return dict(rows)


def test_the_homework_counts_are_the_chapters_listed():
    guide = chapter_text("for-laerere")
    whole = sentence_with(guide, "Tre kapitler går helt som hjemmearbeid")
    partly = sentence_with(guide, "To kapitler går delvis hjemme")
    assert len(re.findall(r"\{doc\}", whole)) == NUMBERS[whole.split()[0]] == 3
    assert len(re.findall(r"\{doc\}", partly)) == NUMBERS[partly.split()[0]] == 2
    table = timing_table()
    assert sum(cell == "hjemme" for cell in table.values()) == 3
    assert sum(cell.endswith("og hjemme") for cell in table.values()) == 2
    total = re.search(r"går (\w+) av kapitlene helt eller delvis som hjemmearbeid", guide)[1]
    assert NUMBERS[total] == 3 + 2


def minutes(span: str) -> int:
    start, end = (int(h) * 60 + int(m) for h, m in re.findall(r"(\d\d)\.(\d\d)", span))
    return end - start


def test_the_day_plan_gives_each_chapter_the_minutes_of_the_timing_table():
    guide = chapter_text("for-laerere")
    plan = re.findall(r"^\| (\d\d\.\d\d–\d\d\.\d\d) \| (.+?) \|$", guide, re.M)
    assert plan[0][0].startswith("08.30") and plan[-1][0].endswith("16.00")
    for (before, _), (after, _) in zip(plan, plan[1:]):
        assert before[-5:] == after[:5], f"a gap or an overlap at {after}"
    for title, cell in timing_table().items():
        given = sum(minutes(span) for span, what in plan if what.startswith(title))
        wanted = int(re.match(r"(\d+) min", cell)[1]) if cell[0].isdigit() else 0
        assert given == wanted, f"{title}: {given} min in the day plan, {cell} in the table"


def test_velkommen_gives_its_own_time_not_the_whole_course_in_minutes():
    text = chapter_text("velkommen")
    whole = text.split("```{admonition} Læringsmål for hele kurset", 1)[1].split("\n```\n", 1)[0]
    assert "**Tid:**" not in whole and "vel ni timer" in whole
    own = text.split("```{admonition} Læringsmål\n", 1)[1].split("\n```\n", 1)[0]
    assert "**Tid:** omtrent 10 minutter" in own


def test_krugman_is_the_sum_of_the_absolute_differences():
    for name in ("region-og-spesialisering", "ordliste"):
        text = chapter_text(name)
        sums = re.findall(r"[Ss]ummen av (?:de )?(\w+ )?forskjellene mellom (?:fylkets|regionens) og landets", text)
        assert sums and all(word == "absolutte " for word in sums), name


def test_relatedness_density_leaves_out_the_industry_itself():
    assert r"\sum_{j \neq i} M_{rj}\, \varphi_{ij}}{\sum_{j \neq i} \varphi_{ij}}" in chapter_text("beslektet-mangfold")
    assert r"\sum_{j \neq i} M_{rj}\varphi_{ij} / \sum_{j \neq i} \varphi_{ij}" in chapter_text("ordliste")


def test_the_eu_dating_of_smart_specialisation():
    text = chapter_text("hva-er-smart-spesialisering")
    assert "COM(2010) 553 av 6. oktober 2010" in text and "i juni 2011" in text and "kom i 2012" in text
    from exercises.models.quiz import QUESTIONS
    quiz = " ".join(q.why + " ".join(q.wrong.values()) for q in QUESTIONS)
    for name, body in [(p.stem, p.read_text(encoding="utf-8")) for p in BOOK.glob("*.md")] + [("quiz", quiz)]:
        for match in re.finditer(r"lanserte smart spesialisering i 2012", body):
            sentence_start = body.rfind(".", 0, match.start())
            assert "veilederen skriver" in body[sentence_start:match.start()], f"{name}: 2012 as the course's own date"


def test_the_regional_planning_strategy_takes_a_stand_on_long_term_goals():
    assert "ta stilling til langsiktige utviklingsmål" in chapter_text("plan-og-bygningsloven")
    assert "langsiktige utviklingsmål" in chapter_text("ordliste")


def test_the_regional_research_funds_are_described_as_ended():
    for name in ("gjennomfore", "norge-og-eu"):
        text = chapter_text(name)
        row = re.search(r"^\| Regionale forskningsfond \| (.+) \|$", text, re.M)[1]
        assert re.search(r"avviklet [^.]*fra 2024", row) and "Prop. 1 S (2023–2024)" in row, name
        assert not row.startswith("Skal "), f"{name}: the funds described as active"


def test_the_regional_reform_went_from_19_to_11_counties_as_its_source_says():
    text = chapter_text("region-og-spesialisering")
    assert "fra 19 til 11" in text and "fra 18 til 11" not in text


# The language list (issue 20): one term per concept, no calques, one form per word.
AVOID = {
    r"\brelatert tetthet": "beslektet tetthet",
    r"\bprosentil": "persentil",
    r"\bhelix(?!\)| \()": "heliks (quadruple helix only in English, in brackets)",
    r"\bfila\b": "filen",
    r"\blisten\b": "lista",
    r"\bverksted": "workshop",
    r"\bkursleder": "kursholder",
    r"er til stede i": "er spesialisert i / har LQ ≥ 1",
    r"tallene tar feil": "tallene gir et galt bilde",
    r"klokka tikkende": "der tiden er knapp",
}


def prose(text: str) -> str:
    """A chapter without its code: code cells and `inline code` (commands, folder names)."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S))


def norwegian_strings(path: Path) -> list[str]:
    """The string constants of a module that a learner may see: not docstrings
    (English), and only those with a Norwegian letter; an f-string's literal parts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and re.search(r"[æøåÆØÅ«]", node.value)]


def test_the_language_list_holds_in_the_book_and_the_widget_texts():
    places = {p.name: prose(p.read_text(encoding="utf-8")) for p in BOOK.glob("*.md")}
    # the widget texts: the Norwegian strings of the models, views and reports (the data layer is another's)
    for folder in ("models", "views", "reports", "workbook", "live"):
        for path in (BOOK.parent / "exercises" / folder).rglob("*.py"):
            places[str(path.relative_to(BOOK.parent))] = "\n".join(norwegian_strings(path))
    found = [f"{where}: «{re.search(pattern, text, re.I)[0]}», skriv {better}"
             for where, text in places.items() for pattern, better in AVOID.items() if re.search(pattern, text, re.I)]
    assert not found, found
    fasit = sum(text.count("Tilbakemeldingen er ikke en fasit") for text in places.values())
    assert fasit == 1


# The live course shows every chapter in the toc (exercises/live/build.py), as
# HTML made from the chapter's Markdown; there is no menu, no cell and no
# JupyterLab on those pages, so no chapter may send the learner to them.
LIVE_FORBIDDEN = [
    r"\bRun\s*(→|->|&gt;)",
    r"\bRun All\b",
    r"\bkjør\w*\s+(alle\s+)?(kode)?cellene",
    r"\bcellene på nytt",
    r"\båpn\w*\s+(?:\w+\s+){0,2}i JupyterLab",
    r"\bi JupyterLab må du",
    r"Shift\s*\+\s*Enter",
]


def live_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def instructions_for_jupyterlab(text: str) -> list[str]:
    return [re.search(p, text, re.I)[0] for p in LIVE_FORBIDDEN if re.search(p, text, re.I)]


def test_the_check_finds_the_old_instructions():
    old = ("For å gjøre øvelsene må du åpne kurset i JupyterLab. 1. Åpne kapitlet i JupyterLab. "
           "2. Velg <strong>Run → Run All Cells</strong> i menyen. Da kjøres alle cellene ovenfra og ned. "
           "Du kan kjøre alle cellene på nytt.")
    assert len(instructions_for_jupyterlab(live_text(old))) >= 4
    assert instructions_for_jupyterlab("Kapitlene finnes også som notatbøker for JupyterLab.") == []


def test_no_live_chapter_tells_the_learner_to_run_cells_or_open_jupyterlab():
    course = build.chapters()
    links = build.links_for(course)
    assert [c.slug for c in course][0] == "velkommen" and {"for-laerere", "ordliste"} <= {c.slug for c in course}
    for chapter in course:
        notebook = build.chapter_notebook(chapter, course, links)
        shown = live_text(" ".join(c.source for c in notebook.cells if c.cell_type == "raw"))
        assert shown.strip(), chapter.slug
        assert instructions_for_jupyterlab(shown) == [], chapter.slug


# «Styrker over tid» and «Fylker som ligner ditt» (Analysere), and «Hvor er rollene uenige?» (For lærere)
def test_the_band_and_the_rounding_it_matches():
    from exercises.analysis import trends
    from exercises.models.lq_trends import SMALL

    assert (trends.LEAVE, trends.ENTER, trends.SHORT) == (0.9, 1.1, 0.1)
    assert 0.05 / SMALL == pytest.approx(0.10)  # 500 employed, rounded to the nearest hundred: up to 10 %


def test_kystby_over_time_and_its_peers(fjordland):
    from exercises.models.lq_trends import StrengthsOverTime
    from exercises.models.peers import PeerComparison

    E0, E1 = fjordland.matrix(2020), fjordland.matrix(2023)
    assert (E0.loc["F1", "ikt"], E0.loc["F1"].sum(), E0["ikt"].sum(), E0.sum().sum()) == (8, 91, 48, 572)
    assert (E1.loc["F1", "ikt"], E1.loc["F1"].sum(), E1["ikt"].sum(), E1.sum().sum()) == (12, 100, 60, 600)
    trend = StrengthsOverTime(fjordland, "F1")
    assert [number(v, 2) for v in trend.lq.loc["ikt"]] == ["1,05", "1,20"] and trend.events == []
    peers = PeerComparison(fjordland, "F1", 2023).peers()
    assert list(peers["name"][:2]) == ["Fjorddal", "Øyrike"]
    assert [number(k, 2) for k in peers.K[:2]] == ["0,28", "0,42"] and percent(peers.moved.iloc[0], 0) == "14\u00a0%"


def test_nordland_over_time_2008_2019(real):
    from exercises.models.lq_trends import SMALL, StrengthsOverTime

    trend = StrengthsOverTime(real, "18")
    for industry in ("fiske_havbruk", "bergverk", "ind_metaller"):
        assert (trend.comparable.loc[industry] >= 1.1).all()
    change = trend.change()[(trend.employment[[2008, 2019]] >= SMALL).all(axis=1)]
    assert change.idxmax() == "bergverk"
    assert [number(trend.lq.loc["bergverk", y], 2) for y in (2008, 2019)] == ["3,09", "4,44"]
    assert {e.industry for e in trend.events} == {"ind_trykking"}
    jobs = trend.employment.loc["ind_trykking"]
    assert (jobs.min(), jobs.max()) == pytest.approx((0.1, 0.3))
    assert sorted(trend.short.index[trend.short[2019]]) == ["post", "transport"]


def test_nordlands_peers_2019(real):
    from exercises.models.peers import CLOSE, PeerComparison

    comparison = PeerComparison(real, "18", 2019)
    peers = comparison.peers(3)
    assert list(peers["name"]) == ["Troms", "Innlandet", "Finnmark"]
    assert [number(k, 2) for k in peers.K] == ["0,13", "0,15", "0,16"] and percent(peers.moved.iloc[0], 0) == "7\u00a0%"
    gaps = comparison.gaps("34")
    assert len(gaps) == 4 and list(gaps[gaps.quadrant == CLOSE]["name"]) == [
        "Produksjon av metallvarer, elektrisk utstyr og maskiner", "Trelast-, trevare- og papirvareindustri"]


def test_the_small_group_rule_for_kendalls_w():
    from exercises.models.workshop import AGREEMENT, SMALL_GROUP

    assert SMALL_GROUP == 4
    assert [number(1 / n, 2) for n in (2, 3)] == ["0,50", "0,33"]
    label = {n: next(text for limit, text in AGREEMENT if 1 / n >= limit) for n in (2, 3, 4)}
    assert label == {2: "moderat enighet", 3: "svak enighet", 4: "svært svak enighet"}
