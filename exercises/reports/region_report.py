"""Tables and figures for chapter «Region og spesialisering», as HTML."""

import pandas as pd

from exercises.analysis import indicators
from exercises.core.numbers import number, percent
from exercises.data.dataset import Dataset
from exercises.models.specialisation import county_profile
from exercises.reports import charts, display

REFERENCE = "Landet = summen av regionene i tabellen."


def profile_table(dataset: Dataset, county: str, year: int) -> str:
    """A county's industries: employment, share, national share and LQ."""
    p = county_profile(dataset, county, year)
    shown = pd.DataFrame({
        "Sysselsatte (1000)": p.employment,
        "Andel i regionen": p.share,
        "Andel i landet": p.national_share,
        "LQ": p.lq,
    })
    shown.index = pd.Index(p.name, name="Næring")
    name = dataset.regions[county]
    caption = f"Næringer i {name} {year}, sortert etter lokaliseringskvotient (LQ). {REFERENCE} {dataset.TOTALS_NOTE}"
    if p.lq.isna().any():
        caption += " – betyr at tallet er skjult eller mangler i kilden."
    return display.table(shown, caption, dataset.provenance, year, formats={
        "Sysselsatte (1000)": lambda v: number(v, 1),
        "Andel i regionen": percent,
        "Andel i landet": percent,
        "LQ": lambda v: number(v, 2),
    })


def profile_chart(dataset: Dataset, county: str, year: int) -> str:
    """Bar chart of a county's LQ by industry, with alt text naming the top three."""
    p = county_profile(dataset, county, year)
    lq = pd.Series(p.lq.values, index=p.name.values)
    name = dataset.regions[county]
    known = lq.dropna()
    top = ", ".join(f"{i} ({number(v, 2)})" for i, v in known.head(3).items())
    above = int((known >= 1).sum())
    alt = (f"Liggende stolpediagram over lokaliseringskvotienten (LQ) for {len(known)} næringer i {name} "
           f"i {year}. {above} næringer har LQ over 1. Høyest: {top}.")
    title = f"Lokaliseringskvotient (LQ) etter næring, {name} {year}"
    return charts.lq_bar_chart(lq, title, dataset.provenance, year, alt)


def region_summary(dataset: Dataset, year: int, level: str = "detailed") -> str:
    """Krugman, Herfindahl and entropy for every region."""
    E = dataset.matrix(year, level)
    table = pd.DataFrame({
        "Sysselsatte (1000)": E.sum(axis=1),
        "Krugman-indeks": indicators.krugman_index(E),
        "Herfindahl-indeks": indicators.herfindahl_index(E),
        "Entropi (bit)": indicators.entropy(E),
    })
    table.index = pd.Index([dataset.regions[r] for r in table.index], name="Region")
    caption = (f"Hvor spesialisert er hver region, {year}? Høy Krugman- og Herfindahl-indeks og lav "
               f"entropi betyr mer spesialisert. {len(E.columns)} næringer. {REFERENCE}")
    return display.table(table, caption, dataset.provenance, year, formats={
        "Sysselsatte (1000)": lambda v: number(v, 1),
        "Krugman-indeks": lambda v: number(v, 2),
        "Herfindahl-indeks": lambda v: number(v, 3),
        "Entropi (bit)": lambda v: number(v, 2),
    })


def employment_matrix(dataset: Dataset, year: int, level: str = "detailed") -> str:
    """The raw numbers, for checking a calculation by hand."""
    E = dataset.matrix(year, level)
    names = dataset.industries(level)
    shown = E.rename(columns=names)
    shown.index = pd.Index([dataset.regions[r] for r in E.index], name="Region")
    shown["Sum"] = shown.sum(axis=1)
    shown.loc["Landet"] = shown.sum(axis=0)
    caption = f"Sysselsatte (1000 personer) etter region og næring, {year}."
    return display.table(shown, caption, dataset.provenance, year,
                         formats={c: lambda v: number(v, 0) for c in shown.columns})


def reference_comparison(dataset: Dataset, year: int) -> str | None:
    """Each region's highest main-group LQ against both national references:
    the sum of the regions, and the published national total. None if the
    source has no national total."""
    E = dataset.matrix(year, "main")
    national = dataset.national(year, "main")
    if national is None:
        return None
    by_sum = indicators.location_quotient(E)
    by_nation = indicators.location_quotient(E, national)
    names = dataset.industries("main")
    rows = []
    for region in E.index:
        top = by_sum.loc[region].idxmax()
        rows.append((dataset.regions[region], names[top], by_sum.loc[region, top], by_nation.loc[region, top]))
    table = pd.DataFrame(rows, columns=["Region", "Hovednæring med høyest LQ", "LQ mot summen av fylkene",
                                        "LQ mot «Hele landet»"]).set_index("Region")
    caption = (f"Samme tall, to referanser, {year}. «Hele landet» tar med sokkelen, som ikke hører til noe fylke.")
    return display.table(table, caption, dataset.provenance, year, formats={
        "LQ mot summen av fylkene": lambda v: number(v, 2),
        "LQ mot «Hele landet»": lambda v: number(v, 2),
    })
