"""«Styrker over tid» (chapter Analysere): every industry's LQ in one county
over all the years in the data, the specialisations that appeared and
disappeared (:mod:`exercises.analysis.trends`: LQ from below 0.9 to at
least 1.1, or back), and a plain reading. Hidden cells are gaps, never 0.
The ranking's feedback cites the entries and exits of the industries the
learner marks (:mod:`exercises.models.ranking`)."""

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from exercises.analysis import trends
from exercises.analysis.trends import ENTER, ENTRY, LEAVE, Crossing
from exercises.core.numbers import number, percent
from exercises.core.parsing import listing as quoted_listing
from exercises.data.counties import resolve_region
from exercises.data.dataset import Dataset

# Employment (thousands) below which an event is flagged: rounding to the
# nearest hundred alone can then move the LQ by 10 % or more.
SMALL = 0.5
SORTS = {"last": "Høyest LQ siste år", "change": "Størst endring i LQ", "name": "Næringens navn"}


@dataclass(frozen=True)
class Event:
    industry: str
    name: str
    crossing: Crossing
    small: bool  # fewer than SMALL thousand employed in either year of the crossing

    @property
    def entry(self) -> bool:
        return self.crossing.kind == ENTRY


def listing(items) -> str:
    """a, b og c."""
    return quoted_listing(items, quote=False)


def spans(years: list[int]) -> str:
    """Years as runs: [2008, 2009, 2010, 2019] → «2008–2010 og 2019»."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return listing(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def band_text() -> str:
    return f"fra under {number(LEAVE, 1)} til minst {number(ENTER, 1)}"


@dataclass(frozen=True)
class Panel:
    """What every county's series is cut from: all regions' LQ and
    employment in every year, and the reference shortfall."""
    lq: dict[int, pd.DataFrame]
    employment: dict[int, pd.DataFrame]
    shortfall: pd.DataFrame


_PANELS: dict[int, tuple[Dataset, Panel]] = {}  # by id(dataset); the data set is kept so that the id stays its own


def panel(dataset: Dataset) -> Panel:
    """The :class:`Panel` of ``dataset``, computed once (a live kernel keeps
    one data set, and the warm-up computes this before a learner arrives)."""
    known = _PANELS.get(id(dataset))
    if known is not None and known[0] is dataset:
        return known[1]
    made = Panel({y: dataset.location_quotients(y) for y in dataset.years},
                 {y: dataset.matrix(y) for y in dataset.years}, dataset.reference_shortfall)
    if len(_PANELS) >= 4:
        _PANELS.clear()
    _PANELS[id(dataset)] = (dataset, made)
    return made


class StrengthsOverTime:
    """One county's LQ by industry (rows) and year (columns), on the
    published totals and the national reference of every LQ in the course
    (:meth:`Dataset.location_quotients`)."""

    def __init__(self, dataset: Dataset, county):
        self.dataset = dataset
        self.county = resolve_region(county, dataset.regions)
        self.county_name = dataset.regions[self.county]
        self.years = list(dataset.years)
        self.names = pd.Series(dataset.industries())
        figures = panel(dataset)
        self.lq = pd.DataFrame({y: figures.lq[y].loc[self.county] for y in self.years}).reindex(self.names.index)
        self.employment = pd.DataFrame({y: figures.employment[y].loc[self.county] for y in self.years}
                                       ).reindex(self.names.index)
        self.shortfall = figures.shortfall.reindex(index=self.names.index, columns=self.years)
        self.short = self.shortfall >= trends.SHORT  # the reference is estimated (Dataset.reference): a gap
        # said under every table of this county's LQs (the last year's hidden cells; made once)
        self.note = dataset.reference_note(self.years[-1], self.county)

    @property
    def comparable(self) -> pd.DataFrame:
        """The LQs that can be compared over time: without the years whose
        national reference is estimated, because SSB hid the industry in large counties (:attr:`short`)."""
        return self.lq.where(~self.short)

    @property
    def period(self) -> str:
        return f"{self.years[0]}–{self.years[-1]}"

    @cached_property
    def events(self) -> list[Event]:
        """Every entry and exit, in time order (then by name)."""
        found = []
        for industry in self.names.index:
            for c in trends.crossings(self.comparable.loc[industry]):
                jobs = self.employment.loc[industry, [c.since, c.year]]
                found.append(Event(industry, self.names[industry], c, bool((jobs < SMALL).any())))
        return sorted(found, key=lambda e: (e.crossing.year, e.name.casefold()))

    def last_event(self, industry: str) -> Event | None:
        own = [e for e in self.events if e.industry == industry]
        return own[-1] if own else None

    def hidden_years(self, industry: str) -> list[int]:
        """The years the source hides the industry's employment in the county."""
        row = self.employment.loc[industry]
        return [int(y) for y in row.index[row.isna()]]

    @property
    def hidden(self) -> list[str]:
        """Industries with at least one hidden year."""
        return [i for i in self.names.index if self.hidden_years(i)]

    def change(self) -> pd.Series:
        """LQ in the last year minus LQ in the first (missing if either is
        missing or not comparable)."""
        comparable = self.comparable
        return comparable[self.years[-1]] - comparable[self.years[0]]

    def order(self, by: str = "last", specialised_only: bool = False) -> list[str]:
        """The industries sorted for the table: by the last year's LQ, by the
        change since the first year, or by name; missing values last. With
        ``specialised_only``, only those with LQ ≥ 1 in at least one year."""
        if by not in SORTS:
            raise ValueError(f"unknown sort {by!r}")
        rows = self.names.index
        if specialised_only:
            rows = [i for i in rows if (self.lq.loc[i] >= 1).any()]
        key = {"last": self.lq[self.years[-1]], "change": self.change().abs()}.get(by)
        if key is None:
            return sorted(rows, key=lambda i: self.names[i].casefold())
        return sorted(rows, key=lambda i: (pd.isna(key[i]), -(key[i] if pd.notna(key[i]) else 0),
                                           self.names[i].casefold()))

    def reading(self) -> list[str]:
        """The table in plain Norwegian: entries, exits, the steady strengths,
        the largest rise and fall, and the gaps."""
        where, period = self.county_name, self.period
        entries = [e for e in self.events if e.entry]
        exits = [e for e in self.events if not e.entry]
        lines = []
        if len(self.years) < 2:
            return [f"Dataene har bare ett år ({self.years[0]}), så det er ingen endring å lese."]
        for found, what in ((entries, "Nye spesialiseringer"), (exits, "Spesialiseringer som forsvant")):
            direction = band_text() if found is entries else (
                f"fra minst {number(ENTER, 1)} til under {number(LEAVE, 1)}")
            by_industry: dict[str, list[str]] = {}
            for e in found:
                by_industry.setdefault(e.name, []).append(str(e.crossing.year))
            if by_industry:
                lines.append(f"{what} i {where} {period} (LQ {direction}): "
                             f"{listing(f'{name} ({listing(years)})' for name, years in by_industry.items())}.")
        if not entries and not exits:
            lines.append(f"Ingen næring i {where} gikk {band_text()} i LQ eller tilbake i {period}: {where} er "
                         "spesialisert i de samme næringene i hele perioden, så langt tallene viser.")
        small = list(dict.fromkeys(e.name for e in self.events if e.small))
        if small:
            lines.append(f"{listing(small)} {'er små næringer' if len(small) > 1 else 'er en liten næring'} "
                         f"(under {number(SMALL * 1000, 0)} sysselsatte): der kan avrundingen alene flytte LQ mye, "
                         "så les endringen med forsiktighet.")
        comparable = self.comparable
        steady = [i for i in self.names.index if trends.always(comparable.loc[i])]
        steady.sort(key=lambda i: -comparable.loc[i].mean())
        if steady:
            shown = [f"{self.names[i]} ({number(comparable.loc[i].min(), 2)}–{number(comparable.loc[i].max(), 2)})"
                     for i in steady[:5]]
            if len(steady) > 5:
                shown.append("én annen" if len(steady) == 6 else f"{len(steady) - 5} andre")
            lines.append(f"Spesialisert (LQ minst {number(ENTER, 1)}) i alle årene med tall: {listing(shown)}.")
        first, last = self.years[0], self.years[-1]
        large = (self.employment[[first, last]] >= SMALL).all(axis=1)
        change = self.change()[large].dropna()
        if len(change):
            up, down = change.idxmax(), change.idxmin()
            parts = []
            if change[up] > 0:
                parts.append(f"Størst økning i LQ fra {first} til {last}: {self.names[up]} "
                             f"({number(self.lq.loc[up, first], 2)} til {number(self.lq.loc[up, last], 2)}).")
            if change[down] < 0:
                parts.append(f"Størst nedgang: {self.names[down]} ({number(self.lq.loc[down, first], 2)} til "
                             f"{number(self.lq.loc[down, last], 2)}).")
            if parts:
                lines.append(" ".join(parts) + f" Bare næringer med minst {number(SMALL * 1000, 0)} sysselsatte "
                             "både første og siste år er med.")
        short = [(i, y) for i in self.names.index for y in self.years if self.short.loc[i, y]]
        if short:
            cells = "; ".join(f"{self.names[i]} {y} (summen av fylkene mangler {percent(self.shortfall.loc[i, y], 0)})"
                              for i, y in short)
            lines.append(f"Ikke sammenlignbare år: {cells}. SSB har skjult næringen i fylker med mange sysselsatte "
                         "det året, så landstallet er anslått (se under tabellen). Året er regnet som et hull når "
                         "kurset ser etter nye og tapte spesialiseringer.")
        if self.hidden:
            gaps = "; ".join(f"{self.names[i]} {spans(self.hidden_years(i))}" for i in self.hidden)
            lines.append(f"Hull i rekkene ({self.dataset.missing_label}): {gaps}. Et hull er ikke 0, og en "
                         "endring leses mellom de publiserte årene på hver side av hullet.")
        return lines


def ranking_notes(trend: StrengthsOverTime, strengths: list[str], niches: list[str]) -> list[str]:
    """Feedback for the ranking: the marked industries whose specialisation
    appeared or disappeared in the data (their last entry or exit)."""
    notes = []
    for industry, kind in [(i, "Styrken") for i in strengths] + [(i, "Kandidatnisjen") for i in niches]:
        event = trend.last_event(industry) if industry in trend.names.index else None
        if event is None:
            continue
        c = event.crossing
        if event.entry:
            notes.append(f"{kind} «{event.name}» er en ny spesialisering i {trend.county_name}: LQ steg fra "
                         f"{number(c.before, 2)} i {c.since} til {number(c.after, 2)} i {c.year} (se «Styrker over tid»).")
        else:
            notes.append(f"{kind} «{event.name}» var en spesialisering, men LQ falt fra {number(c.before, 2)} i "
                         f"{c.since} til {number(c.after, 2)} i {c.year} (se «Styrker over tid»). Hva skal snu utviklingen?")
        if event.small:
            notes[-1] += f" Næringen har under {number(SMALL * 1000, 0)} sysselsatte, så avrundingen kan spille inn."
    return notes
