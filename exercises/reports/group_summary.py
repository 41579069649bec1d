"""The group summary of a live workshop as a document: on the teacher's page
(HTML), and to download as Markdown and Word (chapter For lærere og
workshopledere). The numbers come from :mod:`exercises.models.workshop`."""

import datetime as dt
from pathlib import Path

from exercises.core.atomic import write_atomic
from exercises.core.numbers import number
from exercises.core.parsing import listing
from exercises.models.merge import plain
from exercises.models.workshop import AGREEMENT_SOURCE, SMALL_GROUP, SOURCE, GroupSummary
from exercises.reports.draft.blocks import Bullets, Draft, Heading, Paragraph, Table
from exercises.reports.draft.html import to_html
from exercises.reports.draft.markdown import to_markdown
from exercises.reports.draft.word import to_docx


def _places(values: list[tuple[str, float]], reverse: bool) -> dict[str, int]:
    """Place of each name; equal values share the best place (1, 2, 2, 4)."""
    result = {}
    for name, value in values:
        result[name] = 1 + sum(1 for _, other in values if (other > value if reverse else other < value))
    return result


def _blocks(summary: GroupSummary) -> Draft:
    """The summary as the blocks the draft export renders (Heading, Paragraph,
    Bullets, Table), so HTML, Markdown and Word say exactly the same."""
    source = SOURCE.format(n=summary.n)
    draft = Draft("Oppsummering av workshopen", dt.date.today())
    add = draft.blocks.append
    add(Heading(draft.title, 1))
    add(Paragraph(f"{summary.n} deltakeres arbeidsbøker er lest. Alle tallene under kommer fra deltakernes "
                         "egne arbeidsbøker: hva de har valgt og rangert i kurset."))
    if summary.notes:
        add(Paragraph("Merk:"))
        add(Bullets(tuple(plain(note, 400) for note in summary.notes[:50])))

    for heading, rows, what in (("Styrker", summary.strengths, "som styrke"),
                                ("Kandidatnisjer", summary.niches, "som kandidatnisje")):
        add(Heading(heading))
        if rows:
            add(Table(f"{heading} gruppen valgte", ("Næring", f"Antall som valgte den {what}"),
                             tuple((plain(name), str(k)) for name, k in rows), source))
        else:
            add(Paragraph(f"Ingen av deltakerne har lagret {heading.lower()} ennå."))

    add(Heading("Gruppens rangering av næringene"))
    if summary.borda:
        borda_place = _places(summary.borda, reverse=True)
        mean = dict(summary.mean_rank)
        mean_place = _places(summary.mean_rank, reverse=False)
        add(Paragraph(
            f"{summary.ranked} av {summary.n} deltakere har lagret en rangering i «Analysere». Bordatelling: "
            "på en liste med m næringer gir førsteplassen m − 1 poeng og sisteplassen 0; poengene legges sammen. "
            "Gjennomsnittlig plass: snittet av deltakernes plasseringer (1 er best). Delt plass gir snittet av "
            "plassene."))
        add(Table("Gruppens rangering: Bordapoeng og gjennomsnittlig plass",
                         ("Næring", "Bordapoeng", "Plass etter Borda", "Gjennomsnittlig plass", "Plass etter snitt"),
                         tuple((plain(name), number(points, 1), str(borda_place[name]), number(mean[name], 2),
                                str(mean_place[name])) for name, points in summary.borda), source))
    else:
        add(Paragraph("Ingen av deltakerne har lagret en rangering i «Analysere» ennå."))
    if summary.left_out:
        add(Paragraph(
            f"Ikke med i rangeringen fordi ikke alle deltakerne har rangert dem: "
            f"{listing(plain(name) for name in summary.left_out[:30])}"
            f"{' …' if len(summary.left_out) > 30 else ''}. Deltakerne har trolig brukt ulike data."))
    add(Heading("Hvor enige er deltakerne?"))
    add(Paragraph(summary.agreement))
    if summary.kendall_w is not None:
        add(Paragraph(f"Kendalls W (samstemmighetskoeffisient) er regnet med korreksjon for delte plasser. "
                             f"{AGREEMENT_SOURCE} Med få deltakere sier W bare noe om denne gruppen."))

    draft.blocks.extend(role_blocks(summary))

    add(Heading("Prioriteringer"))
    add(Paragraph("Prioriteringer med samme navn er slått sammen når bare store og små bokstaver eller "
                         "mellomrom skiller dem. Det er enkel tekstlikhet: ulike ord for det samme telles hver for seg."))
    if summary.shared_priorities:
        add(Table("Prioriteringer flere har foreslått", ("Prioritering", "Antall deltakere"),
                         tuple((plain(title), str(k)) for title, k in summary.shared_priorities), source))
    else:
        add(Paragraph("Ingen prioritering er foreslått av mer enn én deltaker."))
    if summary.single_priorities:
        add(Paragraph("Prioriteringer bare én deltaker har foreslått:"))
        add(Bullets(tuple(plain(title) for title in summary.single_priorities)))
    elif not summary.shared_priorities:
        add(Paragraph("Ingen av deltakerne har lagret prioriteringer ennå."))
    add(Paragraph(source))
    return draft


def role_blocks(summary: GroupSummary) -> list:
    """Agreement within each strand of the helix, and where the strands
    differ most, as draft blocks (teacher page, Markdown, Word and the
    file-based merge in «For lærere» say the same)."""
    if not summary.roles:
        return []
    source = SOURCE.format(n=summary.n)
    blocks = [Heading("Hvor er rollene uenige?"), Paragraph(
        "Deltakerne oppgir i «Velkommen» hvilken del av den firedelte heliksen de kommer fra. Her er enigheten "
        "(Kendalls W) regnet innenfor hver del, og næringene der delene i snitt har plassert næringene lengst fra "
        "hverandre. Gjennomsnittlig plass: 1 er best.")]
    if any(g.key and g.ranked for g in summary.roles):  # else the one group is the whole group, shown above
        blocks.append(Table(
            f"Enighet innenfor hver rolle (grupper med færre enn {SMALL_GROUP} rangeringer er merket som små)",
            ("Rolle", "Deltakere", "Med rangering", "Kendalls W", "Slik leser du det"),
            tuple((g.label, str(g.participants), str(g.ranked), number(g.kendall_w, 2), g.reading)
                  for g in summary.roles), source))
    if summary.role_gaps:
        stated = [g for g in summary.roles if g.key and g.ranked]
        blocks.append(Table(
            "Næringene der rollene er mest uenige: gjennomsnittlig plass i hver rolle",
            ("Næring", *(f"{g.label}{' (liten gruppe)' if g.small else ''}" for g in stated),
             "Forskjell i plasser"),
            tuple((plain(gap.industry), *(number(g.mean_rank[gap.industry], 2) for g in stated),
                   number(gap.spread, 2)) for gap in summary.role_gaps), source))
        blocks.append(Bullets(tuple(plain(gap.reading, 400) for gap in summary.role_gaps)))
    blocks.append(Paragraph(summary.roles_reading))
    return blocks


def roles_html(summary: GroupSummary) -> str:
    """The whole group's agreement and :func:`role_blocks`, as an HTML
    fragment for the file-based merge in «For lærere»."""
    blocks = [Heading("Hvor enige er deltakerne?"), Paragraph(summary.agreement), *role_blocks(summary)]
    return to_html(Draft("Hvor er rollene uenige?", dt.date.today(), blocks=blocks), standalone=False)


def summary_html(summary: GroupSummary, standalone: bool = False) -> str:
    """The summary as HTML, all participant text escaped: a fragment for the
    teacher's page, or a whole page (no request to another host)."""
    return to_html(_blocks(summary), standalone=standalone)


def summary_markdown(summary: GroupSummary) -> str:
    return to_markdown(_blocks(summary))


def summary_docx(summary: GroupSummary, path: Path | str) -> Path:
    """Write the summary as a Word file (the draft's layout: A4, no author)
    at ``path``, whole or not at all. Every string is cleaned of characters
    Word rejects."""
    path = Path(path)
    write_atomic(path, to_docx(_blocks(summary)))
    return path
