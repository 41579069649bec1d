"""The 15 counties' plans and strategies for innovation and value creation
(``data/fylkenes_strategier.csv``), as the chapter «Smart spesialisering i
Norge og EU» lists them, so that an exercise can show a learner the
priorities other counties have chosen.

Every row names its sources (keys in ``book/referanser.bib``) and the date
they were checked. ``status`` says how much of the row the sources bear out:

- «verifisert»: plan, year, adopting body and priority areas are all found;
- «delvis verifisert»: some of them are not found; those fields are empty
  and ``note`` says what is missing;
- «ikke verifisert»: no current plan or strategy was found.

Nothing in the file is guessed: an unknown field is empty, never filled in.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from exercises.core.paths import DATA_DIR
from exercises.data.counties import COUNTIES_2024

STRATEGIES_CSV = DATA_DIR / "fylkenes_strategier.csv"
COLUMNS = ("county", "county_name", "plan", "year", "adopted_by", "priorities", "status", "url", "sources",
           "checked", "note")
VERIFIED, PARTLY, UNVERIFIED = "verifisert", "delvis verifisert", "ikke verifisert"
STATUSES = (VERIFIED, PARTLY, UNVERIFIED)
SEPARATOR = ";"  # between priority areas and between source keys


class StrategyTableError(ValueError):
    """The table is not as this module expects; the message names the row."""


@dataclass(frozen=True)
class CountyStrategy:
    county: str                 # county number of 2024, e.g. "46"
    county_name: str
    plan: str                   # "" if no current plan was found
    year: int | None            # the year it was adopted, if found
    adopted_by: str             # "" if not found
    priorities: tuple[str, ...]  # the named priority areas, () if not found
    status: str                 # one of STATUSES
    url: str                    # the page the row is checked against
    sources: tuple[str, ...]    # keys in book/referanser.bib
    checked: dt.date            # when the sources were checked
    note: str

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(SEPARATOR) if part.strip())


def _row(number: int, raw: dict[str, str]) -> CountyStrategy:
    where = f"rad {number} ({raw.get('county_name') or raw.get('county') or '?'})"
    county = raw["county"].strip()
    if county not in COUNTIES_2024:
        raise StrategyTableError(f"{where}: «{county}» er ikke et fylkesnummer fra 2024.")
    if raw["county_name"].strip() != COUNTIES_2024[county]:
        raise StrategyTableError(f"{where}: fylke {county} heter {COUNTIES_2024[county]}.")
    status = raw["status"].strip()
    if status not in STATUSES:
        raise StrategyTableError(f"{where}: status må være én av {', '.join(STATUSES)}, ikke «{status}».")
    year = raw["year"].strip()
    if year and not (year.isdigit() and 2000 <= int(year) <= 2100):
        raise StrategyTableError(f"{where}: «{year}» er ikke et årstall.")
    try:
        checked = dt.date.fromisoformat(raw["checked"].strip())
    except ValueError:
        raise StrategyTableError(f"{where}: «{raw['checked']}» er ikke en dato (ÅÅÅÅ-MM-DD).") from None
    strategy = CountyStrategy(
        county=county, county_name=raw["county_name"].strip(), plan=raw["plan"].strip(),
        year=int(year) if year else None, adopted_by=raw["adopted_by"].strip(), priorities=_split(raw["priorities"]),
        status=status, url=raw["url"].strip(), sources=_split(raw["sources"]), checked=checked,
        note=raw["note"].strip())
    if not strategy.sources or not strategy.url.startswith(("https://", "http://")):
        raise StrategyTableError(f"{where}: hver rad trenger en kilde og en adresse.")
    complete = all((strategy.plan, strategy.year, strategy.adopted_by, strategy.priorities))
    if status == VERIFIED and not complete:
        raise StrategyTableError(f"{where}: en verifisert rad har plan, år, vedtaksorgan og prioriterte områder.")
    if status != VERIFIED and not strategy.note:
        raise StrategyTableError(f"{where}: en rad som ikke er verifisert, sier i «note» hva som mangler.")
    if status == UNVERIFIED and (strategy.plan or strategy.priorities):
        raise StrategyTableError(f"{where}: en rad som ikke er verifisert, har verken plan eller prioriterte områder.")
    return strategy


def load_county_strategies(path: Path | str = STRATEGIES_CSV) -> list[CountyStrategy]:
    """The table, one row per county in the order of the file; every county
    of 2024 exactly once. Raises StrategyTableError on a malformed row."""
    with Path(path).open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise StrategyTableError(f"Kolonnene skal være {', '.join(COLUMNS)}.")
        strategies = [_row(number, raw) for number, raw in enumerate(reader, start=2)]
    counties = [s.county for s in strategies]
    missing = sorted(set(COUNTIES_2024) - set(counties))
    doubled = sorted({c for c in counties if counties.count(c) > 1})
    if missing or doubled:
        raise StrategyTableError(f"Hvert fylke skal stå én gang. Mangler: {missing or 'ingen'}; "
                                 f"flere ganger: {doubled or 'ingen'}.")
    return strategies


def peer_priorities(strategies: list[CountyStrategy], county: str) -> dict[str, tuple[str, ...]]:
    """The named priority areas of every other county that has them, by
    county name: what a learner's peers have chosen."""
    return {s.county_name: s.priorities for s in strategies if s.county != county and s.priorities}
