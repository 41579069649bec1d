"""The learner's draft priorities document (chapter Ditt utkast).

:func:`build_draft` reads the whole workbook into a list of blocks
(headings, paragraphs, lists, tables, and notes on what is missing); the
renderers turn the same blocks into Markdown, HTML and Word (.docx). A
part the learner has not done, or that cannot be read, becomes a notice
naming the chapter that fills it, so a partly filled workbook still gives
a whole document. Learner text is only ever text: escaped in Markdown
and HTML, and stripped of characters Word files cannot hold.
"""

import datetime as dt
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import docx

from . import actions, monitoring, planning, self_assessment, stakeholders
from .counties import COUNTIES_2024
from .feedback import Feedback
from .priorities import CRITERIA, data_source, saved_priorities
from .strategy import chapter
from .workbook import Workbook

GUIDE = ("Kommunal- og moderniseringsdepartementet (2018). Smart spesialisering som metode for "
         "næringsutvikling i Norge [veileder på nett]. "
         "https://www.regjeringen.no/no/sub/smart-spesialisering/id2602662/")
LAW = ("Lov 27. juni 2008 nr. 71 om planlegging og byggesaksbehandling (plan- og bygningsloven). "
       "https://lovdata.no/lov/2008-06-27-71")
TOP_RANKED = 10


# blocks --------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str


@dataclass(frozen=True)
class Missing:
    text: str


@dataclass
class Draft:
    title: str
    date: dt.date
    blocks: list = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def lack(self, part: str, section: str, detail: str = "") -> None:
        """Note that ``part`` is missing and which chapter fills it."""
        text = detail or f"{part} mangler. Gjør kapitlet {chapter(section)}."
        self.blocks.append(Missing(text))
        self.missing.append(f"{part}: gjøres i kapitlet {chapter(section)}")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _t(value) -> str:
    """Learner text as plain text that every format can hold."""
    if value is None:
        return ""
    return _CONTROL.sub("", str(value)).strip()


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, (list, tuple)) else []


def _number(value, decimals: int = 2) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "–"
    return f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")


# reading the workbook ------------------------------------------------------
def build_draft(workbook: Workbook, today: dt.date | None = None) -> Draft:
    profile = _dict(workbook.value("profil"))
    county = _t(profile.get("county_name")) or COUNTIES_2024.get(str(profile.get("county")), "")
    draft = Draft(f"Utkast til prioriteringer for smart spesialisering – {county or 'fylket ditt'}",
                  today or dt.date.today())
    for part, section, builder in (
            ("Fylke og rolle", "profil", _profile),
            ("Styrker og nisjer fra analysen", "analyse", _analysis),
            ("Aktørkart", "aktorer", _actors),
            ("Visjon og mål", "visjon", _vision),
            ("Prioriteringer", "prioriteringer", _priorities),
            ("Tiltak", "tiltak", _actions),
            ("Indikatorer", "indikatorer", _indicators),
            ("Plassering i plansystemet", "plan", _planning),
            ("Egenvurdering", "roller", _self_assessment)):
        start, missing = len(draft.blocks), len(draft.missing)
        try:
            builder(workbook, draft)
        except (KeyError, TypeError, ValueError, AttributeError):
            del draft.blocks[start + 1:]  # keep the heading, drop what was half built
            del draft.missing[missing:]
            draft.lack(part, section, f"{part} kunne ikke leses fra arbeidsboka. Lagre øvelsen i kapitlet "
                                      f"{chapter(section)} på nytt.")
    draft.blocks.append(Heading("Kilder"))
    draft.blocks.append(Bullets((GUIDE, LAW, *_sources(workbook))))
    intro = [Paragraph(f"Dato: {draft.date:%d.%m.%Y}. Laget i selvstudiekurset «Smart spesialisering for "
                       "fylkeskommunene», som bygger på veilederen fra Kommunal- og moderniseringsdepartementet "
                       "(2018). Dette er et utkast til videre arbeid i fylkeskommunen, ikke et vedtatt dokument.")]
    if draft.missing:
        intro += [Heading("Dette mangler i utkastet"), Bullets(tuple(draft.missing))]
    draft.blocks[:0] = [Heading(draft.title, 1), *intro]
    return draft


def _sources(workbook: Workbook) -> list[str]:
    found = []
    for section in ("analyse", "spesialisering", "nisjer"):
        entry = workbook.value(section)
        if isinstance(entry, dict) and (entry.get("county") or entry.get("source")):
            found.append(data_source(entry))
    return list(dict.fromkeys(found))


def _profile(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Om utkastet"))
    profile = _dict(workbook.value("profil"))
    if not profile.get("county"):
        return draft.lack("Fylke og rolle", "profil")
    name = _t(profile.get("county_name")) or COUNTIES_2024.get(str(profile["county"]), "")
    draft.blocks.append(Paragraph(f"{_t(profile['county'])} {name}".strip(), "Fylke"))
    if profile.get("role"):
        draft.blocks.append(Paragraph(_t(profile["role"]), "Rolle i kurset"))
    sources = _sources(workbook)
    draft.blocks.append(Paragraph(" ".join(sources) if sources else "Ingen tall fra kurset er brukt ennå.",
                                  "Datakilder"))


def _analysis(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Styrker og nisjer fra analysen"))
    analysis, picked, niches = (_dict(workbook.value(s)) for s in ("analyse", "spesialisering", "nisjer"))
    shown = False
    ranking = _list(analysis.get("ranking"))
    if ranking:
        rows = [r for r in ranking if isinstance(r.get("rank"), int) and (r["rank"] <= TOP_RANKED or r.get("label"))]
        draft.blocks.append(Table(
            f"Rangering av næringer, {analysis.get('year', '')} (de {TOP_RANKED} øverste og alle du har merket)",
            ("Plass", "Næring", "Poeng", "Merket som", "Begrunnelse"),
            tuple((str(r["rank"]), _t(r.get("name")), _number(r.get("score")), _t(r.get("label")),
                   _t(r.get("reason")) if isinstance(r.get("reason"), str) else "") for r in rows),
            data_source(analysis)))
        shown = True
    elif _list(picked.get("picks")):
        draft.blocks.append(Table(
            f"Fylkets spesialiseringer, {picked.get('year', '')}, viktigst først",
            ("Nr.", "Næring", "LQ", "Begrunnelse"),
            tuple((str(n), _t(p.get("name") or p.get("industry")), _number(p.get("lq")), _t(p.get("reason")))
                  for n, p in enumerate(_list(picked["picks"]), start=1)),
            data_source(picked)))
        draft.blocks.append(Paragraph(f"Rangeringen mangler. Den lager du i kapitlet {chapter('analyse')}; "
                                      "her vises spesialiseringene du valgte tidligere."))
        shown = True
    if not ranking and _list(niches.get("niches")):
        draft.blocks.append(Table(
            f"Mulige nisjer, {niches.get('year', '')}", ("Næring", "Tetthet", "Begrunnelse"),
            tuple((_t(n.get("name") or n.get("industry")), _number(n.get("density")), _t(n.get("reason")))
                  for n in _list(niches["niches"])),
            data_source(niches)))
        shown = True
    if not shown:
        draft.lack("Styrker og nisjer fra analysen", "analyse",
                   f"Styrker og nisjer mangler. Gjør kapitlet {chapter('analyse')} "
                   f"(eller {chapter('spesialisering')} og {chapter('nisjer')}).")


def _actors(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Aktører"))
    actors = stakeholders.saved_actors(workbook)
    if not actors:
        return draft.lack("Aktørkart", "aktorer")
    levels = stakeholders.LEVELS
    draft.blocks.append(Table(
        "Aktørkart: hvem som bør være med, deres innflytelse og engasjement",
        ("Aktør", "Helix", "Innflytelse", "Engasjement"),
        tuple((a.name, stakeholders.HELICES[a.helix], levels[a.influence], levels[a.commitment]) for a in actors),
        "Kilde: dine egne vurderinger, lagret i arbeidsboka."))


def _vision(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Visjon og mål"))
    vision = _dict(workbook.value("visjon"))
    if not vision.get("statement"):
        return draft.lack("Visjon og mål", "visjon")
    draft.blocks.append(Paragraph(_t(vision["statement"]), "Visjon"))
    for key, label in (("destination", "Destinasjon"), ("purpose", "Formål"), ("values", "Verdier")):
        draft.blocks.append(Paragraph(_t(vision.get(key)) or "(ikke skrevet)", label))
    goals = _list(vision.get("goals"))
    draft.blocks.append(Table("Mål", ("Mål", "Innen år"), tuple(
        (_t(g.get("text")), str(g["year"]) if isinstance(g.get("year"), int) else "–") for g in goals),
        "Kilde: ditt eget utkast, lagret i arbeidsboka."))


def _priorities(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Prioriteringer"))
    priorities = saved_priorities(workbook)
    if not priorities:
        return draft.lack("Prioriteringer", "prioriteringer")
    for n, p in enumerate(priorities, start=1):
        draft.blocks.append(Heading(f"{n}. {_t(p['title'])}", 3))
        links = [f"{_t(link.get('name'))} ({_t(link.get('kind'))})" for link in _list(p.get("links"))]
        draft.blocks.append(Paragraph(", ".join(links) or "ingen (ikke knyttet til analysen)", "Bygger på"))
        draft.blocks.append(Paragraph(_t(p.get("reason")), "Begrunnelse"))
        drivers = [f"{_t(d.get('name'))} ({stakeholders.HELICES.get(d.get('helix'), '–').lower()})"
                   for d in _list(p.get("drivers"))]
        draft.blocks.append(Paragraph(", ".join(drivers) or "ikke valgt ennå", "Aktører som driver den"))
        scores = _dict(p.get("scores"))
        draft.blocks.append(Paragraph("; ".join(f"{text}: {scores.get(key, '–')}" for key, text in CRITERIA.items()),
                                      "Poeng (1–5)"))


def _per_priority(workbook: Workbook, draft: Draft, section: str, part: str, render) -> None:
    """Actions or indicators: one part per saved priority, then any saved
    for priorities that have since been renamed or removed (never dropped)."""
    by_priority = _dict(_dict(workbook.value(section)).get("by_priority"))
    priorities = saved_priorities(workbook)
    if not priorities and not by_priority:
        return draft.lack(part, section, f"{part} mangler. Lag prioriteringer i kapitlet "
                                         f"{chapter('prioriteringer')}, og deretter {part.lower()} i kapitlet "
                                         f"{chapter(section)}.")
    for p in priorities:
        draft.blocks.append(Heading(_t(p["title"]), 3))
        saved = _dict(by_priority.get(p["key"]))
        if saved:
            render(saved, draft)
        else:
            draft.lack(f"{part} for «{_t(p['title'])}»", section)
    others = [v for k, v in by_priority.items() if k not in {p["key"] for p in priorities} and isinstance(v, dict)]
    for saved in others:
        draft.blocks.append(Heading(f"{_t(saved.get('priority'))} (prioriteringen finnes ikke lenger)", 3))
        render(saved, draft)


def _actions(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Tiltak og ansvar"))

    def render(saved: dict, d: Draft) -> None:
        d.blocks.append(Table("Tiltak", ("Tiltak", "Type", "Ansvarlig", "Raskt i gang"), tuple(
            (_t(a.get("text")), actions.KINDS.get(a.get("kind"), "–"), _t(a.get("responsible")),
             "ja" if a.get("quick") is True else "nei") for a in _list(saved.get("actions"))),
            "Kilde: ditt eget utkast, lagret i arbeidsboka."))

    _per_priority(workbook, draft, "tiltak", "Tiltak", render)


def _indicators(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Indikatorer: måle og lære"))

    def render(saved: dict, d: Draft) -> None:
        d.blocks.append(Paragraph(_t(saved.get("assumption")) or "(ikke skrevet)", "Antatt sammenheng"))
        d.blocks.append(Table("Indikatorer", ("Indikator", "Nivå", "Utgangsverdi (år)", "Mål (år)", "Kilde"), tuple(
            (_t(i.get("name")), monitoring.LEVELS.get(i.get("level"), "–"),
             f"{_number(i.get('baseline'), 1)} ({_t(i.get('baseline_year'))})",
             f"{_number(i.get('target'), 1)} ({_t(i.get('target_year'))})", _t(i.get("source")))
            for i in _list(saved.get("indicators"))),
            "Kilde: ditt eget utkast; kilden til hvert tall står i tabellen."))

    _per_priority(workbook, draft, "indikatorer", "Indikatorer", render)


def _planning(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Plassering i plansystemet"))
    answer = planning.saved_answer(workbook)
    if len(answer["placements"]) < len(planning.ELEMENTS):
        return draft.lack("Plassering i plansystemet", "plan")
    draft.blocks.append(Table("Hvor hver del av arbeidet hører hjemme", ("Del av arbeidet", "Plassering"), tuple(
        (e.label, planning.PLACES[answer["placements"][k]]) for k, e in planning.ELEMENTS.items()),
        "Kilde: dine valg i arbeidsboka; plan- og bygningsloven §§ 4-1, 7-1, 8-1 og 8-2."))
    draft.blocks.append(Paragraph(planning.FORMS[answer["form"]], "Form"))
    if answer["next_step"]:
        draft.blocks.append(Paragraph(_t(answer["next_step"]), "Neste steg"))


def _self_assessment(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Egenvurdering av arbeidet i fylket"))
    answer = self_assessment.saved_assessment(workbook)
    if answer is None:
        return draft.lack("Egenvurdering", "roller")
    scores = answer["scores"]
    draft.blocks.append(Table("Egenvurdering: 0–5 på hvert av veilederens seks elementer",
                              ("Element", "Poeng (0–5)", "Vurdering"), tuple(
        (e.label, str(scores[k]), self_assessment.SCALE[scores[k]]) for k, e in self_assessment.ELEMENTS.items()),
        self_assessment.OWN.text))
    low = self_assessment.weakest(scores)
    if low:
        draft.blocks.append(Paragraph(", ".join(self_assessment.ELEMENTS[k].label for k in low), "Svakest"))
    if answer["comment"]:
        draft.blocks.append(Paragraph(_t(answer["comment"]), "Begrunnelse"))


# Markdown ------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")


def _md(text: str, line_start: bool = False) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    if line_start:
        text = re.sub(r"^([-+=])", r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def to_markdown(draft: Draft) -> str:
    out = []
    for block in draft.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_md(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(f"**{_md(block.label)}:** {_md(block.text)}" if block.label else _md(block.text, True))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {_md(item, True)}" for item in block.items))
        elif isinstance(block, Table):
            lines = [f"*{_md(block.caption)}*", "", "| " + " | ".join(_md(h) for h in block.header) + " |",
                     "|" + "---|" * len(block.header)]
            lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in block.rows]
            lines += ["", f"*{_md(block.source)}*"]
            out.append("\n".join(lines))
        elif isinstance(block, Missing):
            out.append(f"> **Mangler:** {_md(block.text)}")
    return "\n\n".join(out) + "\n"


# HTML ----------------------------------------------------------------------
STYLE = ("body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
         "table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #888;padding:.3rem .5rem;"
         "text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold}"
         ".kilde{font-size:.9em;color:#333}.mangler{border-left:4px solid #a15c00;padding:.3rem .7rem;"
         "background:#fff6e5}")


def to_html(draft: Draft, standalone: bool = True) -> str:
    out = []
    for block in draft.blocks:
        if isinstance(block, Heading):
            level = block.level if standalone else block.level + 2  # inside a chapter, below its sections
            out.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            label = f"<strong>{escape(block.label)}:</strong> " if block.label else ""
            out.append(f"<p>{label}{escape(block.text)}</p>")
        elif isinstance(block, Bullets):
            out.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.header)
            body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            out.append(f'<div class="kurs-tabell"><table><caption>{escape(block.caption)}</caption><thead><tr>{head}'
                       f'</tr></thead><tbody>{body}</tbody></table><p class="kilde">{escape(block.source)}</p></div>')
        elif isinstance(block, Missing):  # the course's warning style on the website, STYLE in the file
            out.append(f'<p class="mangler kurs-banner advarsel"><strong>Mangler:</strong> {escape(block.text)}</p>')
    body = "\n".join(out)
    if not standalone:
        return f'<div class="kurs-utkast">{body}</div>'
    return (f'<!DOCTYPE html>\n<html lang="nb-NO">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(draft.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


# Word ----------------------------------------------------------------------
def to_docx(draft: Draft) -> bytes:
    document = docx.Document()
    document.core_properties.title = draft.title
    document.core_properties.language = "nb-NO"
    for block in draft.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, 0 if block.level == 1 else block.level - 1)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            if block.label:
                paragraph.add_run(f"{block.label}: ").bold = True
            paragraph.add_run(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            document.add_paragraph(block.caption, style="Caption")
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header):
                cell.paragraphs[0].add_run(text).bold = True
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row):
                    cell.text = text
            document.add_paragraph().add_run(block.source).italic = True
        elif isinstance(block, Missing):
            paragraph = document.add_paragraph()
            paragraph.add_run("Mangler: ").bold = True
            paragraph.add_run(block.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# files ---------------------------------------------------------------------
def _slug(text: str) -> str:
    text = text.casefold().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "fylket"


def _write(path: Path, content: bytes) -> None:
    """Write a whole file or nothing: a temporary file renamed into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_draft(workbook: Workbook, folder: Path | str | None = None,
                today: dt.date | None = None) -> tuple[Draft, dict[str, Path]]:
    """Build the draft and write it as .md, .html and .docx in ``folder``
    (default: «utkast» next to the workbook). Returns the draft and the files."""
    draft = build_draft(workbook, today)
    folder = Path(folder) if folder else workbook.path.parent / "utkast"
    folder.mkdir(parents=True, exist_ok=True)
    county = _dict(workbook.value("profil")).get("county_name")
    stem = f"utkast-{_slug(_t(county))}" if county else "utkast"
    contents = {"md": to_markdown(draft).encode("utf-8"), "html": to_html(draft).encode("utf-8"),
                "docx": to_docx(draft)}
    files = {}
    for suffix, content in contents.items():
        files[suffix] = folder / f"{stem}.{suffix}"
        _write(files[suffix], content)
    return draft, files



def save_draft(workbook: Workbook, folder: Path | str | None = None,
               today: dt.date | None = None) -> tuple[Feedback, Draft | None]:
    """Write the three files and say what was written and what is missing."""
    try:
        draft, files = write_draft(workbook, folder, today)
    except OSError as error:
        where = folder or workbook.path.parent / "utkast"
        return Feedback(errors=[f"Kunne ikke skrive utkastet i {where} ({error.strerror or error}). Sjekk at du "
                                "kan skrive i mappa, og prøv igjen. Arbeidsboka er ikke endret."]), None
    if draft.missing:
        notes = [f"Utkastet mangler {len(draft.missing)} deler. Hver del står som «Mangler» i dokumentet. "
                 "Gjør disse kapitlene, og lag utkastet på nytt:", *draft.missing]
    else:
        notes = ["Utkastet har med alle delene. Les det gjennom, og ta det med inn i planarbeidet i fylket."]
    files_text = ", ".join(str(path) for path in files.values())
    return Feedback(notes=notes, saved=f"Utkastet er lagret i tre formater: {files_text}."), draft
