"""Tables for «Fylker som ligner ditt» and «Styrker over tid» (chapter
Analysere), as accessible HTML (pure functions). Every table says its year,
measure, national reference and source; a hidden cell reads as hidden,
never as 0."""

import math
from html import escape

import pandas as pd

from exercises.analysis.trends import ENTER, LEAVE
from exercises.core.numbers import number, percent
from exercises.data.provenance import Provenance
from exercises.models.lq_trends import SMALL, StrengthsOverTime, band_text
from exercises.models.peers import PEERS, PeerComparison, municipal_peers, municipal_scope
from exercises.reports import display

KRUGMAN = ("Krugmans avstand mellom to fylker, K = summen av forskjellene mellom fylkenes næringsandeler "
           "(0 = lik næringsstruktur, 2 = ingen næringer felles)")
COMPARED = ("Bare næringer som er publisert for begge fylkene, er sammenlignet: et tall SSB har skjult, regnes "
            "aldri som 0.")
NOT_COMPARABLE = "*"


def two(value) -> str:
    return number(value, 2)


def bullets(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


# Fylker som ligner ditt ---------------------------------------------------------------------------
def peers_table(comparison: PeerComparison, count: int = PEERS) -> str:
    """The counties most like the learner's, most similar first."""
    peers = comparison.peers(count)
    shown = pd.DataFrame({
        "Plass": range(1, len(peers) + 1),
        "Krugman-avstand (K)": peers.K.values,
        "Andel som måtte byttet næring (K/2)": peers.moved.values,
        "Næringer sammenlignet": peers.compared.values,
    }, index=pd.Index(peers["name"], name="Region" if comparison.dataset.fictional else "Fylke"))
    year = comparison.year
    what = "Regionene" if comparison.dataset.fictional else "Fylkene"
    caption = (f"{what} som ligner mest på {comparison.county_name} i næringsstruktur, {year}. Mål: {KRUGMAN}; "
               f"minst K først. {COMPARED} {comparison.note}")
    return display.table(shown, caption, comparison.dataset.provenance, year, formats={
        "Plass": lambda v: number(v, 0), "Krugman-avstand (K)": two,
        "Andel som måtte byttet næring (K/2)": lambda v: percent(v, 0), "Næringer sammenlignet": lambda v: number(v, 0)})


def gaps_table(comparison: PeerComparison, peer: str) -> str:
    """What ``peer`` is specialised in and the learner's county is not, closest to the county's strengths first."""
    gaps = comparison.gaps(peer)
    name, county = comparison.dataset.regions[peer], comparison.county_name
    shown = pd.DataFrame({f"LQ i {name}": gaps.peer_lq, f"LQ i {county}": gaps.own_lq,
                          f"Beslektet tetthet i {county}": gaps.density, "Plassering": gaps.quadrant})
    shown.index = pd.Index(gaps["name"], name="Næring")
    year = comparison.year
    notes = []
    unknown = comparison.unknown(peer)
    if unknown:
        notes.append(f"Ikke med fordi tallet for {county} er {comparison.dataset.missing_label}: {', '.join(unknown)}.")
    short = [comparison.names[i] for i in comparison.short.index if i in gaps.index]
    if short:
        notes.append(f"For {', '.join(short)} har SSB skjult næringen i store fylker i {year}, så landstallet er "
                     "anslått, og LQ er usikker.")
    caption = (f"Næringer {name} er spesialisert i (LQ minst 1), men ikke {county} (LQ under 1), {year}, sortert etter "
               f"beslektet tetthet: hvor mange av næringens naboer {county} er spesialisert i (0–1; nærhet fra "
               f"alle årene {comparison.dataset.years[0]}–{comparison.dataset.years[-1]}). «Mulighet nær styrkene»: "
               f"tettheten er over medianen for {county}. {' '.join(notes)} "
               f"{comparison.note}")
    if gaps.empty:
        return (f"<p>{escape(name)} er ikke spesialisert i noen næring som {escape(county)} ikke også er "
                f"spesialisert i ({year}).</p>" + (f"<p>{escape(' '.join(notes))}</p>" if notes else ""))
    return display.table(shown, " ".join(caption.split()), comparison.dataset.provenance, year, formats={
        f"LQ i {name}": two, f"LQ i {county}": two, f"Beslektet tetthet i {county}": two})


def peers_reading(comparison: PeerComparison) -> str:
    return (f"<p><strong>Slik leser du tabellene for {escape(comparison.county_name)}:</strong></p>"
            + bullets(comparison.reading()))


def municipal_peers_table(frame: pd.DataFrame, provenance: Provenance, municipality: str,
                          year: int | None = None) -> str:
    year = year or int(frame.year.max())
    peers = municipal_peers(frame, municipality, year)
    names = frame.drop_duplicates("municipality_2024").set_index("municipality_2024").municipality_2024_name
    shown = pd.DataFrame({"Fylke": peers.county.values, "Krugman-avstand (K)": peers.K.values,
                          "Næringsgrupper sammenlignet": peers.compared.values},
                         index=pd.Index(peers["name"], name="Kommune"))
    caption = (f"Kommunene som ligner mest på {names.get(municipality, municipality)} i {year}, målt med Krugmans "
               "avstand mellom næringsandelene (sysselsatte etter arbeidssted i tabellens 17 næringsgrupper uten "
               "«uoppgitt», andeler av summen av de 16 gruppene); minst K først. Bare grupper som er publisert for begge kommunene, er "
               f"sammenlignet. {municipal_scope(frame)}")
    return display.table(shown, caption, provenance, year, formats={
        "Krugman-avstand (K)": two, "Næringsgrupper sammenlignet": lambda v: number(v, 0)})


# Styrker over tid ------------------------------------------------------------------------------------
def sparkline(values: pd.Series, incomparable: pd.Series, label: str, width: int = 120, height: int = 36) -> str:
    """An LQ series as a small inline SVG in the text colour, on a log scale
    (a doubling looks the same at every level, and 1 sits in the middle of
    the band): the band 0,9–1,1 shaded, LQ = 1 dashed, the series as a line
    broken at every gap, a filled dot per published year and an open one
    where the year is not comparable. ``label`` is its accessible name."""
    floor = 0.05  # LQ 0 (no one employed) is drawn at the floor of the scale
    known = values.dropna().clip(lower=floor)
    low = math.log(min(0.5, known.min()) if len(known) else 0.5)
    high = math.log(max(2.0, known.max()) if len(known) else 2.0)
    pad = 3

    def x(n):
        return pad + n * (width - 2 * pad) / max(len(values) - 1, 1)

    def y(v):
        return height - pad - (math.log(max(v, floor)) - low) * (height - 2 * pad) / (high - low)

    parts = [f'<rect x="0" y="{y(ENTER):.1f}" width="{width}" height="{y(LEAVE) - y(ENTER):.1f}" '
             'fill="currentColor" fill-opacity="0.15"/>',
             f'<line x1="0" x2="{width}" y1="{y(1):.1f}" y2="{y(1):.1f}" stroke="currentColor" '
             'stroke-dasharray="2 2" stroke-opacity="0.7"/>']
    run: list[str] = []
    for n, value in enumerate(list(values) + [float("nan")]):
        if pd.isna(value):
            if len(run) > 1:
                parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="currentColor" stroke-width="1.5"/>')
            run = []
            continue
        run.append(f"{x(n):.1f},{y(value):.1f}")
    for n, (value, odd) in enumerate(zip(values, incomparable)):
        if pd.notna(value):
            fill = 'fill="none" stroke="currentColor"' if odd else 'fill="currentColor"'
            parts.append(f'<circle cx="{x(n):.1f}" cy="{y(value):.1f}" r="2" {fill}/>')
    return (f'<svg class="kurs-spark" role="img" aria-label="{escape(label)}" width="{width}" height="{height}" '
            'style="vertical-align:middle" '
            f'viewBox="0 0 {width} {height}"><title>{escape(label)}</title>{"".join(parts)}</svg>')


def _trend_label(trend: StrengthsOverTime, industry: str) -> str:
    row = trend.comparable.loc[industry].dropna()
    if row.empty:
        return f"{trend.names[industry]}: ingen LQ å vise"
    first, last = row.index[0], row.index[-1]
    way = ("stiger" if row.iloc[-1] > row.iloc[0] * 1.05 else "faller" if row.iloc[-1] < row.iloc[0] / 1.05
           else "er omtrent uendret")
    return (f"LQ for {trend.names[industry]} {way}: {two(row.iloc[0])} i {first}, {two(row.iloc[-1])} i {last}, "
            f"høyest {two(row.max())}, lavest {two(row.min())}.")


def trend_table(trend: StrengthsOverTime, by: str = "last", specialised_only: bool = False) -> str:
    """Every industry's LQ in every year, with a sparkline and the entries and exits beside the numbers."""
    years = trend.years
    rows = []
    for industry in trend.order(by, specialised_only):
        cells = []
        for year in years:
            value = trend.lq.loc[industry, year]
            if pd.isna(trend.employment.loc[industry, year]):
                cells.append(f'<td class="mangler">{escape(trend.dataset.missing_label)}</td>')
            elif trend.short.loc[industry, year]:
                cells.append(f"<td>{two(value)}{NOT_COMPARABLE}</td>")
            else:
                cells.append(f"<td>{two(value)}</td>")
        events = ", ".join(("▲ " if e.entry else "▼ ") + str(e.crossing.year) for e in trend.events
                           if e.industry == industry)
        line = sparkline(trend.lq.loc[industry], trend.short.loc[industry], _trend_label(trend, industry))
        rows.append(f'<tr><th scope="row">{escape(trend.names[industry])}</th><td>{line}</td>{"".join(cells)}'
                    f'<td>{two(round(trend.change()[industry], 2) + 0.0)}</td><td>{escape(events)}</td></tr>')
    head = ('<tr><th scope="col">Næring</th><th scope="col">Utvikling</th>'
            + "".join(f'<th scope="col">{y}</th>' for y in years)
            + f'<th scope="col">Endring {years[0]}–{years[-1]}</th><th scope="col">Inn og ut</th></tr>')
    sort = {"last": f"sortert etter LQ i {years[-1]}", "change": "sortert etter hvor mye LQ har endret seg",
            "name": "sortert etter navn"}[by]
    which = "Næringene som har hatt LQ minst 1 i minst ett år" if specialised_only else "Alle næringene"
    caption = (f"Lokaliseringskvotient (LQ) år for år, {trend.county_name} {trend.period}. {which}, {sort}. "
               f"Figuren i hver rad viser rekken på logaritmisk skala (skravert bånd: LQ {number(LEAVE, 1)}–"
               f"{number(ENTER, 1)}; stiplet linje: LQ = 1). «Inn og ut»: ▲ ny spesialisering det året (LQ "
               f"{band_text()}), ▼ ikke lenger spesialisert (tilbake). "
               + (f"{NOT_COMPARABLE} og åpen prikk: ikke sammenlignbart år, fordi SSB har skjult næringen i store "
                  "fylker, så landstallet er anslått; året er regnet som et hull. " if trend.short.any().any() else "")
               + trend.note)
    return display.table_frame(caption, head, "".join(rows), display.source_line(trend.dataset.provenance, years[-1]))


def events_table(trend: StrengthsOverTime) -> str:
    """The entries and exits, in time order; a sentence if there are none."""
    if not trend.events:
        return (f"<p>Ingen nye eller tapte spesialiseringer i {escape(trend.county_name)} {trend.period}: ingen "
                f"næring gikk {escape(band_text())} i LQ eller tilbake.</p>")
    shown = pd.DataFrame({
        "Hva skjedde": ["Ny spesialisering" if e.entry else "Ikke lenger spesialisert" for e in trend.events],
        "Fra år": [e.crossing.since for e in trend.events],
        "LQ fra": [e.crossing.before for e in trend.events],
        "Til år": [e.crossing.year for e in trend.events],
        "LQ til": [e.crossing.after for e in trend.events],
        "Merknad": [f"Under {number(SMALL * 1000, 0)} sysselsatte: avrundingen kan spille inn" if e.small else ""
                    for e in trend.events],
    }, index=pd.Index([e.name for e in trend.events], name="Næring"))
    caption = (f"Spesialiseringer som kom og gikk i {trend.county_name} {trend.period}: ny spesialisering når LQ går "
               f"{band_text()}, tapt når den går fra minst {number(ENTER, 1)} til under {number(LEAVE, 1)}. «Fra år» er "
               "det siste året på den andre siden av båndet, «Til år» det første på den nye siden. Hull og ikke "
               "sammenlignbare år er hoppet over. "
               f"{trend.note}")
    return display.table(shown, caption, trend.dataset.provenance, trend.years[-1], formats={
        "Fra år": str, "Til år": str, "LQ fra": two, "LQ til": two})


def trends_reading(trend: StrengthsOverTime) -> str:
    return (f"<p><strong>Slik leser du tallene for {escape(trend.county_name)}:</strong></p>"
            + bullets(trend.reading()))
