"""Tables and figures for chapter «Region og spesialisering», as HTML."""

import pandas as pd

from exercises.analysis import indicators
from exercises.core.numbers import number, percent
from exercises.data.dataset import NATION, TOTAL, Dataset
from exercises.models.specialisation import county_profile
from exercises.reports import charts, display


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
    caption = (f"Næringer i {name} {year}, sortert etter lokaliseringskvotient (LQ). "
               f"{dataset.reference_note(year, county)}")
    return display.table(shown, caption, dataset.provenance, year, formats={
        "Sysselsatte (1000)": lambda v: number(v, 1),
        "Andel i regionen": percent,
        "Andel i landet": percent,
        "LQ": lambda v: number(v, 2),
    }, hidden=p.name[p.employment.isna()], missing=dataset.missing_label)


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
    hidden = lq.index[lq.isna()]
    if len(hidden):
        alt += f" Ingen stolpe for {', '.join(hidden)} ({dataset.missing_label})."
    title = f"Lokaliseringskvotient (LQ) etter næring, {name} {year}"
    return charts.lq_bar_chart(lq, title, dataset.provenance, year, alt, note=dataset.reference_note(year, county))


def region_summary(dataset: Dataset, year: int, level: str = "detailed") -> str:
    """Krugman, Herfindahl and entropy for every region."""
    indices = dataset.specialisation(year, level)
    table = pd.DataFrame({
        "Sysselsatte (1000)": dataset.region_totals(year),
        "Krugman-indeks": indices.krugman,
        "Herfindahl-indeks": indices.herfindahl,
        "Entropi (bit)": indices.entropy,
    })
    table.index = pd.Index([dataset.regions[r] for r in table.index], name="Region")
    caption = (f"Hvor spesialisert er hver region, {year}? Høy Krugman- og Herfindahl-indeks og lav "
               f"entropi betyr mer spesialisert. {len(dataset.industries(level))} næringer. "
               f"{dataset.reference_note()} {dataset.hidden_notes(year)}").strip()
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
    shown["I alt"] = dataset.region_totals(year).reindex(E.index).values
    national, total = dataset.reference(year, level)
    shown.loc["Landet"] = (shown.sum(axis=0) if national is None else
                           pd.concat([national.rename(names), pd.Series({"I alt": total})]))
    caption = (f"Sysselsatte (1000 personer) etter region og næring, {year}. «I alt» er "
               + ("fylkets publiserte total, og næringene summerer seg til mindre der tall er skjult. "
                  if dataset.published_totals else "summen av næringene. ")
               + dataset.reference_note())
    return display.table(shown, caption, dataset.provenance, year,
                         formats={c: lambda v: number(v, 0) for c in shown.columns}, hidden=shown.index,
                         missing=dataset.missing_label)



def reference_comparison(dataset: Dataset, year: int) -> str | None:
    """Each region's highest main-group LQ against both national references:
    the sum of the regions, and the published national total. None if the
    source has no national total."""
    E = dataset.matrix(year, "main")
    national = dataset.national(year, "main")
    if national is None:
        return None
    totals = dataset.region_totals(year)
    by_sum = dataset.location_quotients(year, "main")
    whole = dataset.frame[(dataset.frame.year == year) & (dataset.frame.region == NATION)
                          & (dataset.frame.industry == TOTAL)].employment
    by_nation = indicators.location_quotient(E, national, totals, whole.iloc[0] if len(whole) else None)
    names = dataset.industries("main")
    rows = []
    for region in E.index:
        top = by_sum.loc[region].idxmax()
        rows.append((dataset.regions[region], names[top], by_sum.loc[region, top], by_nation.loc[region, top]))
    table = pd.DataFrame(rows, columns=["Region", "Hovednæring med høyest LQ", "LQ mot summen av fylkene",
                                        "LQ mot «Hele landet»"]).set_index("Region")
    caption = (f"Samme tall, to referanser, {year}. «Hele landet» tar med sokkelen, som ikke hører til noe fylke. "
               "Begge er regnet av fylkenes og landets publiserte totaler.")
    return display.table(table, caption, dataset.provenance, year, formats={
        "LQ mot summen av fylkene": lambda v: number(v, 2),
        "LQ mot «Hele landet»": lambda v: number(v, 2),
    })
