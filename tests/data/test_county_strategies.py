"""The counties' plans and strategies (data/fylkenes_strategier.csv): every
county once, every row sourced in referanser.bib with a link taken from one
of its sources, nothing filled in that the status says is unknown, and the
table in «Smart spesialisering i Norge og EU» the same as the file."""

import csv
import re
import shutil
from pathlib import Path

import pytest

from exercises.data.counties import COUNTIES_2024
from exercises.data.county_strategies import (STATUSES, STRATEGIES_CSV, UNVERIFIED, StrategyTableError,
                                              load_county_strategies, peer_priorities)
from exercises.reports import references

BOOK = Path(__file__).resolve().parents[2] / "book"
BIB = references.load()


@pytest.fixture(scope="module")
def strategies():
    return load_county_strategies()


def test_every_county_of_2024_once_with_a_known_status(strategies):
    assert [s.county for s in strategies] == list(COUNTIES_2024)
    assert {s.status for s in strategies} <= set(STATUSES)
    assert [s.county_name for s in strategies] == list(COUNTIES_2024.values())


def test_every_row_is_sourced_and_its_link_is_one_of_its_sources(strategies):
    for s in strategies:
        assert s.sources and all(key in BIB.entries for key in s.sources), s.county_name
        links = {BIB.entries[key].fields.get("url") for key in s.sources}
        assert s.url in links, f"{s.county_name}: the row's link is not the link of any of its sources"
        assert s.checked.isoformat() == "2026-12-02"


def test_a_verified_row_is_complete_and_an_unverified_one_says_what_is_missing(strategies):
    for s in strategies:
        if s.verified:
            assert s.plan and s.year and s.adopted_by and s.priorities, s.county_name
        else:
            assert s.note, s.county_name
        if s.status == UNVERIFIED:
            assert not s.plan and not s.priorities
    assert sum(s.verified for s in strategies) == 5  # Rogaland, Agder, Vestland, Trøndelag, Troms


def test_known_rows(strategies):
    by_county = {s.county_name: s for s in strategies}
    vestland = by_county["Vestland"]
    assert vestland.plan.startswith("Berekraftig verdiskaping") and vestland.year == 2021
    assert vestland.priorities == ("Grøn næringsutvikling", "Areal til næringsutvikling",
                                   "Kompetanseutvikling i arbeidslivet", "Innovative og inkluderande samfunn")
    assert by_county["Troms"].adopted_by == by_county["Finnmark"].adopted_by == "Fylkestinget i Troms og Finnmark"
    assert by_county["Rogaland"].priorities == ("Ren energi og maritim framtid", "Mat", "Reiseliv og opplevelse")
    assert by_county["Buskerud"].status == UNVERIFIED


def test_peers_are_the_other_counties_with_named_priorities(strategies):
    peers = peer_priorities(strategies, "46")
    assert "Vestland" not in peers and "Rogaland" in peers and "Buskerud" not in peers
    assert all(peers.values())


def markdown_rows() -> dict[str, list[str]]:
    chapter = (BOOK / "norge-og-eu.md").read_text(encoding="utf-8")
    table = chapter.split("| Fylke | Plan eller strategi | Vedtatt | Prioriterte områder | Status | Kilde |", 1)[1]
    rows = {}
    for line in table.splitlines()[2:]:
        if not line.startswith("| "):
            break
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        rows[cells[0]] = cells
    return rows


def test_the_chapter_shows_the_same_table(strategies):
    rows = markdown_rows()
    assert list(rows) == [s.county_name for s in strategies]
    for s in strategies:
        _county, plan, adopted, priorities, status, source = rows[s.county_name]
        assert plan == (s.plan or "ikke funnet")
        assert adopted.startswith(str(s.year)) if s.year else not adopted[:1].isdigit()
        assert (s.adopted_by.lower() in adopted.lower()) if s.adopted_by else True
        assert priorities == ("; ".join(s.priorities) or "ikke funnet")
        assert status == s.status
        assert re.fullmatch(r"\{cite:p\}`([^`]+)`", source)[1].split(",") == list(s.sources)


def write(tmp_path, change) -> Path:
    path = tmp_path / "strategier.csv"
    shutil.copy(STRATEGIES_CSV, path)
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("change, message", [
    (lambda rows: rows[0].update(county="01"), "ikke et fylkesnummer fra 2024"),
    (lambda rows: rows[0].update(county_name="Akershus"), "heter Oslo"),
    (lambda rows: rows[1].update(priorities=""), "verifisert rad har plan"),
    (lambda rows: rows[0].update(status="sikkert"), "status må være"),
    (lambda rows: rows[6].update(plan="Noe vi tror"), "har verken plan"),
    (lambda rows: rows[0].update(note=""), "sier i «note» hva som mangler"),
    (lambda rows: rows[0].update(sources=""), "trenger en kilde"),
    (lambda rows: rows[0].update(year="snart"), "ikke et årstall"),
    (lambda rows: rows[0].update(checked="2. desember"), "ikke en dato"),
    (lambda rows: rows.append(dict(rows[0])), "flere ganger: ['03']"),
    (lambda rows: rows.pop(), "Mangler: ['56']"),
])
def test_a_malformed_table_is_refused_with_the_row(tmp_path, change, message):
    with pytest.raises(StrategyTableError, match=re.escape(message)):
        load_county_strategies(write(tmp_path, change))
