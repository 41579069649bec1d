"""Tables and figures for the chapters «Beslektet mangfold og
entreprenørielle oppdagelser» and «Analysere», as HTML (pure functions)."""

import numpy as np
import pandas as pd

from exercises.analysis import indicators
from exercises.core.numbers import number, percent
from exercises.data.dataset import Dataset, load_map
from exercises.models.niches import NicheExercise
from exercises.models.ranking import BY_KEY, RankingExercise, RankingState
from exercises.reports import charts, display

def groups(dataset: Dataset) -> pd.Series:
    """Broad group of each detailed industry: its main group."""
    meta = dataset.frame.drop_duplicates("industry").set_index("industry")
    return meta.parent.where(meta.parent != "", meta.index.to_series())


def variety_table(dataset: Dataset, year: int) -> str:
    v = dataset.variety(year, groups(dataset)).sort_values("related", ascending=False)
    v.index = pd.Index([dataset.regions[r] for r in v.index], name="Region")
    v.columns = ["Entropi i alt (bit)", "Ubeslektet mangfold", "Beslektet mangfold"]
    caption = (f"Mangfold i næringslivet, {year}: entropien delt i ubeslektet mangfold (mellom hovedgrupper) "
               f"og beslektet mangfold (innenfor hovedgruppene). De to delene summerer seg til entropien. "
               f"{dataset.reference_note()} {dataset.hidden_notes(year)}").strip()
    return display.table(v, caption, dataset.provenance, year, formats={c: lambda x: number(x, 2) for c in v.columns})


def neighbours_table(exercise: NicheExercise, industry: str) -> str:
    n = exercise.neighbours(industry)
    shown = pd.DataFrame({"Nærhet (φ)": n.proximity, "Cosinus": n.cosine, "LQ i fylket": n.lq,
                          "Relatert tetthet": n.density, "Plassering": n.quadrant})
    shown.index = pd.Index(n["name"], name="Næring")
    caption = (f"Næringene nærmest «{exercise.names[industry]}», målt ved hvor ofte de samme fylkene er "
               f"spesialisert i begge (alle år 2008–{exercise.year} samlet). LQ og tetthet for "
               f"{exercise.county_name} {exercise.year}. {exercise.dataset.reference_note(exercise.year, exercise.county)}")
    two = lambda x: number(x, 2)  # noqa: E731
    return display.table(shown, caption, exercise.dataset.provenance, exercise.year,
                         formats={"Nærhet (φ)": two, "Cosinus": two, "LQ i fylket": two, "Relatert tetthet": two})


def quadrant_figure(exercise: NicheExercise) -> str:
    t = exercise.table
    counts = t.quadrant.value_counts()
    closest = t[t.quadrant == "Mulighet nær styrkene"].sort_values("density", ascending=False)
    near = ", ".join(closest["name"].head(3)) or "ingen"
    alt = (f"Punktdiagram for {exercise.county_name} {exercise.year}: spesialisering (LQ) langs x-aksen og "
           f"relatert tetthet langs y-aksen, {len(t)} næringer. "
           + "; ".join(f"{k}: {v}" for k, v in counts.items())
           + f". Mulighetene nærmest styrkene: {near}.")
    title = f"Styrker og muligheter, {exercise.county_name} {exercise.year}"
    return charts.quadrant_chart(t, title, exercise.dataset.provenance, exercise.year, alt,
                                 note=exercise.dataset.reference_note(exercise.year, exercise.county))


def proximity_heatmap(exercise: NicheExercise, strengths: int = 6, chances: int = 6) -> str:
    """Proximity between the county's strongest industries and the
    opportunities closest to them."""
    t = exercise.table
    chosen = list(t[t.lq >= 1].sort_values("lq", ascending=False).index[:strengths])
    near = t[(t.quadrant == "Mulighet nær styrkene") & ~t.index.isin(chosen)]
    chosen += list(near.sort_values("density", ascending=False).index[:chances])
    phi = exercise.phi.loc[chosen, chosen]
    phi.index = phi.columns = [exercise.names[i] for i in chosen]
    pairs = phi.where(np.triu(np.ones(phi.shape, dtype=bool), k=1)).stack().sort_values(ascending=False)
    strongest = "; ".join(f"{a} og {b} ({number(v, 2)})" for (a, b), v in pairs.head(3).items())
    alt = (f"Varmekart over nærheten φ mellom {len(chosen)} næringer i {exercise.county_name}: de sterkeste "
           f"næringene og mulighetene nærmest dem. Mørkere og høyere tall betyr at de samme fylkene oftere er "
           f"spesialisert i begge. Nærmeste par: {strongest}.")
    title = f"Hvor nær hverandre ligger næringene? {exercise.county_name}"
    return charts.heatmap(phi, title, exercise.dataset.provenance, exercise.year, alt)


def quadrant_table(exercise: NicheExercise, quadrant: str) -> str:
    t = exercise.table[exercise.table.quadrant == quadrant].sort_values("density", ascending=False)
    shown = pd.DataFrame({"LQ": t.lq, "Relatert tetthet": t.density})
    shown.index = pd.Index(t["name"], name="Næring")
    caption = (f"«{quadrant}» i {exercise.county_name} {exercise.year}, sortert etter tetthet. "
               f"{exercise.dataset.reference_note(exercise.year, exercise.county)}")
    two = lambda x: number(x, 2)  # noqa: E731
    return display.table(shown, caption, exercise.dataset.provenance, exercise.year,
                         formats={"LQ": two, "Relatert tetthet": two})


def profile_vs_nation(dataset: Dataset, county: str, year: int, top: int = 12) -> str:
    county_shares, national_shares = dataset.shares(year)
    frame = pd.DataFrame({"county": county_shares.loc[county] * 100, "nation": national_shares * 100})
    frame = frame.sort_values("county", ascending=False).head(top)
    frame.index = [dataset.industries()[i] for i in frame.index]
    name = dataset.regions[county]
    biggest = frame.index[0]
    alt = (f"Liggende stolpediagram: andel av sysselsettingen i de {top} største næringene i {name} {year}, "
           f"med landets andel ved siden av. Størst er {biggest} med {number(frame.iloc[0, 0], 1)} prosent "
           f"mot {number(frame.iloc[0, 1], 1)} prosent i landet.")
    return charts.paired_bars(frame, (name, "Landet"), f"Næringsstruktur, {name} og landet, {year}",
                              "Andel av sysselsatte (prosent)", dataset.provenance, year, alt,
                              note=dataset.reference_note(year, county))


SHIFT_SHARE_NOTE = "Landet = summen av regionene; næringer der et tall er {missing} det ene året, er utelatt."


def shift_share_parts(dataset: Dataset, county: str, start: int, end: int) -> pd.DataFrame:
    parts = indicators.shift_share(dataset.matrix(start), dataset.matrix(end))
    frame = pd.DataFrame({k: v.loc[county] for k, v in parts.items()}).dropna()
    frame.index = [dataset.industries()[i] for i in frame.index]
    return frame


def shift_share_table(dataset: Dataset, county: str, start: int, end: int) -> str:
    frame = shift_share_parts(dataset, county, start, end)
    frame = frame[["change", "national", "mix", "regional"]]
    frame.columns = ["Endring i alt", "Nasjonal vekst", "Næringsstruktur", "Regional forskyvning"]
    frame.index.name = "Næring"
    caption = (f"Skift-andel for {dataset.regions[county]} {start}–{end}, sysselsatte i tusen. "
               f"De tre delene summerer seg til endringen. {SHIFT_SHARE_NOTE.format(missing=dataset.missing_label)}")
    return display.table(frame, caption, dataset.provenance, end,
                         formats={c: lambda x: number(x, 2) for c in frame.columns})


def shift_share_figure(dataset: Dataset, county: str, start: int, end: int, top: int = 12) -> str:
    frame = shift_share_parts(dataset, county, start, end)
    frame = frame.loc[frame.change.abs().sort_values(ascending=False).index[:top]]
    name = dataset.regions[county]
    total = frame.sum()
    best = frame.regional.idxmax()
    alt = (f"Stablet stolpediagram: endringen i sysselsatte {start}–{end} i de {top} næringene i {name} som endret "
           f"seg mest, delt i nasjonal vekst, næringsstruktur og regional forskyvning. Størst regional forskyvning "
           f"oppover: {best} ({number(frame.regional.max(), 1)} tusen). Sum for disse næringene: "
           f"{number(total.change, 1)} tusen.")
    title = f"Hva forklarer endringen? {name} {start}–{end}"
    return charts.shift_share_chart(frame, title, dataset.provenance, end, alt, note=SHIFT_SHARE_NOTE.format(
        missing=dataset.missing_label))


MAP_INDICATORS = {
    "krugman": "Krugman-indeks (spesialisering)",
    "related": "Beslektet mangfold",
    "unrelated": "Ubeslektet mangfold",
    "lq": "LQ for valgt næring",
    "growth": "Vekst i sysselsatte for valgt næring",
}


def indicator_by_region(dataset: Dataset, indicator: str, year: int, industry: str | None = None,
                        start: int | None = None) -> pd.Series:
    if indicator == "krugman":
        return dataset.specialisation(year).krugman
    if indicator in ("related", "unrelated"):
        return dataset.variety(year, groups(dataset))[indicator]
    if indicator == "lq":
        return dataset.location_quotients(year)[industry]
    if indicator == "growth":
        return indicators.growth(dataset.matrix(start or dataset.years[0]), dataset.matrix(year))[industry]
    raise ValueError(f"unknown indicator {indicator!r}")


def map_figure(dataset: Dataset, indicator: str, year: int, industry: str | None = None,
               start: int | None = None) -> str:
    """A map of the counties coloured by the indicator; where no boundaries
    are available (fictional data, or not imported) a sorted bar chart."""
    values = indicator_by_region(dataset, indicator, year, industry, start)
    label = MAP_INDICATORS[indicator]
    if indicator in ("lq", "growth"):
        label = f"{label.replace('valgt næring', '')}«{dataset.industries()[industry]}»"
    period = f"{start or dataset.years[0]}–{year}" if indicator == "growth" else str(year)
    known = values.dropna().sort_values(ascending=False)
    names = dataset.regions
    ranking = ", ".join(f"{names[r]} {number(v, 2)}" for r, v in known.items())
    hidden = [names[r] for r in values.index[values.isna()]]
    note = "" if indicator == "growth" else dataset.reference_note()
    if hidden:
        note = f"{note} Ingen verdi ({dataset.missing_label}): {', '.join(hidden)}.".strip()
    shapes = None if dataset.fictional else load_map()
    if shapes and set(values.index) <= set(shapes["counties"]):
        alt = f"Kart over fylkene farget etter {label.lower()}, {period}. Fra høyest til lavest: {ranking}."
        return charts.choropleth(values, shapes["counties"], f"{label}, {period}", label,
                                 dataset.provenance, year, alt, shapes["credit"], note)
    series = values.rename(index=names)
    alt = f"Liggende stolpediagram: {label.lower()} per region, {period}. Fra høyest til lavest: {ranking}."
    return charts.value_bars(series, f"{label}, {period}", label, dataset.provenance, year, alt, note)


def ranking_table(exercise: RankingExercise, ranked: pd.DataFrame, state: RankingState, top: int | None = 15) -> str:
    shown_rows = ranked if top is None else ranked.head(top)
    raw = exercise.table.loc[shown_rows.index]
    labels = {i: "Styrke" for i in state.strengths} | {i: "Kandidatnisje" for i in state.niches}
    shown = pd.DataFrame({
        "Plass": shown_rows.position,
        "Poeng (0–1)": shown_rows.score,
        "Sysselsatte (1000)": raw.masse,
        "LQ": raw.spesialisering,
        "Vekst": raw.vekst,
        "Produktivitet": raw.produktivitet,
        "Relatert tetthet": raw.beslektethet,
        "Merket som": [labels.get(i, "") for i in shown_rows.index],
        "Merknad": [_remark(r) for _, r in shown_rows.iterrows()],
    })
    shown.index = pd.Index(shown_rows["name"], name="Næring")
    weights = ", ".join(f"{BY_KEY[k].label.lower()} {number(w, 0)}" for k, w in state.weights.items() if w)
    caption = (f"Rangering av næringene i {exercise.county_name} {exercise.end} (vekst {exercise.start}–{exercise.end}). "
               f"Vekter: {weights}. {exercise.dataset.reference_note(exercise.end, exercise.county)}")
    two = lambda x: number(x, 2)  # noqa: E731
    return display.table(shown, caption, exercise.dataset.provenance, exercise.end, formats={
        "Plass": lambda x: number(x, 0), "Poeng (0–1)": two, "Sysselsatte (1000)": lambda x: number(x, 1),
        "LQ": two, "Vekst": percent, "Produktivitet": two, "Relatert tetthet": two},
        hidden=shown.index[raw.masse.isna().values], missing=exercise.dataset.missing_label)


def _remark(row) -> str:
    parts = [] if row.score == row.score else ["For lite data til å gi poeng"]
    if row.moved:
        parts.append(f"Flyttet fra plass {int(row['rank'])}: {row.moved}")
    if row.missing:
        parts.append("Mangler: " + ", ".join(row.missing).lower())
    return ". ".join(parts)


def sensitivity_table(exercise: RankingExercise, state: RankingState) -> str:
    table = exercise.sensitivity(state)
    caption = (f"Hvor følsom er rangeringen? Plassen til dagens ti øverste når ett kriterium tas bort om gangen "
               f"({exercise.county_name}).")
    return display.table(table, caption, exercise.dataset.provenance, exercise.end,
                         formats={c: lambda x: number(x, 0) for c in table.columns})
