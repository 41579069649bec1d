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
import functools
import io
import math
import re
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path

from exercises.core.atomic import write_atomic
from exercises.core.feedback import Feedback
from exercises.data.counties import COUNTIES_2024
from exercises.data.dataset import Dataset, load_teaching_data
from exercises.models import (
    actions,
    monitoring,
    planning,
    self_assessment,
    stakeholders,
)
from exercises.models import ranking as ranking_criteria
from exercises.models.checklist import EU_CRITERIA, ROLES, Checklist
from exercises.models.priorities import CRITERIA, data_source, saved_priorities
from exercises.models.strategy import chapter
from exercises.reports import display, word
from exercises.workbook.store import Workbook

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
    county: str = ""
    author: str = ""
    blocks: list = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def lack(self, part: str, section: str, detail: str = "") -> None:
        """Note that ``part`` is missing and which chapter fills it."""
        text = detail or f"{part} mangler. Gjør kapitlet {chapter(section)}."
        self.blocks.append(Missing(text))
        self.missing.append(f"{part}: gjøres i kapitlet {chapter(section)}")


def _t(value) -> str:
    """Learner text as plain text that every format can hold."""
    return word.clean(value).strip()


def _cleaned(block):
    """A block with every string in it cleaned, whatever path it came by."""
    if isinstance(block, (Heading, Paragraph, Missing)):
        return replace(block, **{k: word.clean(v) for k, v in vars(block).items() if isinstance(v, str)})
    if isinstance(block, Bullets):
        return Bullets(tuple(word.clean(i) for i in block.items))
    if isinstance(block, Table):
        return Table(word.clean(block.caption), tuple(word.clean(h) for h in block.header),
                     tuple(tuple(word.clean(c) for c in row) for row in block.rows), word.clean(block.source))
    return block


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, (list, tuple)) else []


def _figure(value) -> float | None:
    """A number from the workbook, or None for anything else (text, NaN, ∞)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return value


def _number(value, decimals: int = 2) -> str:
    """As the chapters show it (display.number): one rounding everywhere."""
    return display.number(_figure(value), decimals)


def _percent(value, decimals: int = 1) -> str:
    return display.percent(_figure(value), decimals)


# reading the workbook ------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _known_regions() -> dict[str, str]:
    """The counties of 2024 and the regions of the fictional teaching data."""
    return {**COUNTIES_2024, **load_teaching_data().regions}


def profile_county(workbook: Workbook) -> tuple[str, str]:
    """The learner's county as (code, name), or ("", "") when none is chosen
    or the code is not a county the course knows (a hand-edited workbook)."""
    profile = _dict(workbook.value("profil"))
    code = profile.get("county")
    if not isinstance(code, str) or code not in _known_regions():
        return "", ""
    return code, _known_regions()[code]


def build_draft(workbook: Workbook, today: dt.date | None = None) -> Draft:
    profile = _dict(workbook.value("profil"))
    _, county = profile_county(workbook)
    name = profile.get("name")
    draft = Draft(f"Utkast til prioriteringer for smart spesialisering – {county or 'fylket ditt'}",
                  today or dt.date.today(), county, _t(name) if isinstance(name, str) else "")
    for part, section, builder in (
            ("Fylke og rolle", "profil", _profile),
            ("Styrker og nisjer fra analysen", "analyse", _analysis),
            ("Aktørkart", "aktorer", _actors),
            ("Visjon og mål", "visjon", _vision),
            ("Prioriteringer", "prioriteringer", _priorities),
            ("Tiltak", "tiltak", _actions),
            ("Indikatorer", "indikatorer", _indicators),
            ("Plassering i plansystemet", "plan", _planning),
            ("Sjekk mot EUs kriterier", EU_CRITERIA.section, _checklist(EU_CRITERIA, "Sjekk mot EUs sju kriterier")),
            ("Fylkeskommunens roller", ROLES.section, _checklist(ROLES, "Fylkeskommunens roller")),
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
    draft.blocks = [_cleaned(b) for b in draft.blocks]
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
    code, name = profile_county(workbook)
    if not code:
        detail = "" if not profile.get("county") else (
            f"Fylket i arbeidsboka («{_t(profile['county'])[:20]}») er ikke et av fylkene kurset kjenner. "
            f"Velg fylke på nytt i kapitlet {chapter('profil')}.")
        return draft.lack("Fylke og rolle", "profil", detail)
    draft.blocks.append(Paragraph(f"{code} {name}", "Fylke"))
    if profile.get("role"):
        draft.blocks.append(Paragraph(_t(profile["role"]), "Rolle i kurset"))
    sources = _sources(workbook)
    draft.blocks.append(Paragraph(" ".join(sources) if sources else "Ingen tall fra kurset er brukt ennå.",
                                  "Datakilder"))


def _analysis(workbook: Workbook, draft: Draft) -> None:
    """The ranking with the figures behind it, then every choice the learner
    gave a reason for in «Analysere», «Region og spesialisering» and
    «Beslektet mangfold»."""
    draft.blocks.append(Heading("Styrker og nisjer fra analysen"))
    analysis, picked, niches = (_dict(workbook.value(s)) for s in ("analyse", "spesialisering", "nisjer"))
    ranking = _list(analysis.get("ranking"))
    if ranking:
        _ranking_tables(analysis, ranking, draft)
    picks = _list(picked.get("picks"))
    if picks:
        draft.blocks.append(Table(
            f"Spesialiseringene du valgte i kapitlet {chapter('spesialisering')}, {picked.get('year', '')}, "
            "viktigst først", ("Nr.", "Næring", "LQ", "Begrunnelse"),
            tuple((str(n), _t(p.get("name") or p.get("industry")), _number(p.get("lq")), _t(p.get("reason")))
                  for n, p in enumerate(picks, start=1)),
            f"{data_source(picked)} {TOTALS}"))
    chosen_niches = _list(niches.get("niches"))
    if chosen_niches:
        draft.blocks.append(Table(
            f"Kandidatnisjene du valgte i kapitlet {chapter('nisjer')}, {niches.get('year', '')}",
            ("Næring", "Relatert tetthet", "Begrunnelse"),
            tuple((_t(n.get("name") or n.get("industry")), _number(n.get("density")), _t(n.get("reason")))
                  for n in chosen_niches),
            data_source(niches)))
    if not ranking and (picks or chosen_niches):
        draft.blocks.append(Paragraph(f"Rangeringen mangler. Den lager du i kapitlet {chapter('analyse')}; "
                                      "her vises valgene du gjorde tidligere."))
    if not (ranking or picks or chosen_niches):
        draft.lack("Styrker og nisjer fra analysen", "analyse",
                   f"Styrker og nisjer mangler. Gjør kapitlet {chapter('analyse')} "
                   f"(eller {chapter('spesialisering')} og {chapter('nisjer')}).")


TOTALS = f"LQ er regnet mot summen av fylkene. {Dataset.TOTALS_NOTE}"


def _ranking_tables(analysis: dict, ranking: list[dict], draft: Draft) -> None:
    """The ranking with LQ, employment and growth, the weights behind the
    score, and the industries the learner moved, with their reasons."""
    rows = [r for r in ranking if isinstance(r.get("rank"), int) and (r["rank"] <= TOP_RANKED or r.get("label"))]
    year, start = analysis.get("year", ""), analysis.get("start_year")
    growth = f"Vekst {start}–{year}" if isinstance(start, int) else "Vekst"
    label = {"styrke": " (styrke)", "nisje": " (nisje)"}
    draft.blocks.append(Table(
        f"Rangering av næringer, {year} (de {TOP_RANKED} øverste og alle du har merket som styrke eller nisje)",
        ("Plass", "Næring", "Poeng (0–1)", "Sysselsatte (1000)", "LQ", growth),
        tuple((str(r["rank"]), _t(r.get("name")) + label.get(r.get("label"), ""), _number(r.get("score")),
               _number(r.get("employment"), 1), _number(r.get("lq")), _percent(r.get("growth")))
              for r in rows),
        f"{data_source(analysis)} {TOTALS}"))
    weights, judged = _dict(analysis.get("weights")), _dict(analysis.get("scores"))
    used = [(ranking_criteria.BY_KEY[k], v) for k, v in weights.items()  # own judgement counts once given
            if k in ranking_criteria.BY_KEY and isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0
            and (not ranking_criteria.BY_KEY[k].own_judgement or judged.get(k))]
    if used:
        total = sum(v for _, v in used)
        draft.blocks.append(Paragraph(
            "; ".join(f"{c.label.lower()} {_number(v, 0)} ({_number(100 * v / total, 0)}\u00a0%)" for c, v in used)
            + ". Hvert kriterium er gjort om til en plassering fra 0 til 1 blant fylkets næringer; poengene er "
              "snittet av plasseringene, veid med vektene.", "Vekter i rangeringen"))
    moved = [r for r in ranking if isinstance(r.get("reason"), str) and r["reason"].strip()]
    if moved:
        draft.blocks.append(Table(
            f"Næringer du flyttet i rangeringen i kapitlet {chapter('analyse')}",
            ("Næring", "Fra plass", "Til plass", "Begrunnelse"),
            tuple((_t(r.get("name")), str(r["computed_rank"]) if isinstance(r.get("computed_rank"), int) else "–",
                   str(r.get("rank", "–")), _t(r["reason"])) for r in moved),
            "Kilde: dine egne vurderinger, lagret i arbeidsboka."))


def _actors(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Aktører"))
    actors = stakeholders.saved_actors(workbook)
    if not actors:
        return draft.lack("Aktørkart", "aktorer")
    levels = stakeholders.LEVELS
    draft.blocks.append(Table(
        "Aktørkart: hvem som bør være med, deres innflytelse og engasjement",
        ("Aktør", "Tråd", "Innflytelse", "Engasjement"),
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


def _checklist(checklist: Checklist, title: str):
    """The builder for a checklist exercise: shown when saved, and not
    listed as missing otherwise (the two checklists are optional)."""
    def build(workbook: Workbook, draft: Draft) -> None:
        answer = checklist.saved(workbook)
        if answer is None:
            return
        draft.blocks.append(Heading(title))
        draft.blocks.append(Table(title, ("Punkt", "Vurdering", checklist.evidence_label), tuple(
            (item.label, checklist.scale[answer["answers"][k]["status"]], _t(answer["answers"][k]["evidence"]) or "–")
            for k, item in checklist.items.items()), "Kilde: din egen vurdering, lagret i arbeidsboka."))
        if answer["comment"]:
            draft.blocks.append(Paragraph(_t(answer["comment"]), "Kommentar"))
    return build


# Markdown ------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")


def _md(text: str, line_start: bool = False) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", re.sub(r"[ \t\r\n\f\v]+", " ", str(text)).strip())  # keeps no-break spaces
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
            out.append(display.table_frame(block.caption, f"<tr>{head}</tr>", body, display.source_text(block.source)))
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
def to_docx(draft: Draft, template: Path | str | bytes | None = None) -> bytes:
    """The draft as a Word file, on the course's neutral template or on a
    county's own ``template`` (raises word.TemplateError if it cannot be used)."""
    document = word.new_document(template)
    word.properties(document, draft.title, draft.author)
    word.footer(document, draft.county, f"{draft.date:%d.%m.%Y}")
    for block in draft.blocks:
        if isinstance(block, Heading):
            word.heading(document, block.text, block.level)
        elif isinstance(block, Paragraph):
            word.labelled(document, block.label, block.text)
        elif isinstance(block, Bullets):
            word.bullets(document, block.items)
        elif isinstance(block, Table):
            word.add_table(document, block.header, block.rows, block.caption, block.source)
        elif isinstance(block, Missing):
            word.labelled(document, "Mangler", block.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# files ---------------------------------------------------------------------
def _slug(text: str) -> str:
    text = text.casefold().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "fylket"


def write_draft(workbook: Workbook, folder: Path | str | None = None, today: dt.date | None = None,
                template: Path | str | bytes | None = None) -> tuple[Draft, dict[str, Path]]:
    """Build the draft and write it as .md, .html and .docx in ``folder``
    (default: «utkast» next to the workbook), the .docx on ``template`` if
    given (a county's Word template). Returns the draft and the files."""
    draft = build_draft(workbook, today)
    folder = Path(folder) if folder else workbook.path.parent / "utkast"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"utkast-{_slug(draft.county)[:60].strip('-')}" if draft.county else "utkast"
    contents = {"md": to_markdown(draft).encode("utf-8"), "html": to_html(draft).encode("utf-8"),
                "docx": to_docx(draft, template)}
    files = {}
    for suffix, content in contents.items():
        files[suffix] = folder / f"{stem}.{suffix}"
        write_atomic(files[suffix], content)
    return draft, files


def save_draft(workbook: Workbook, folder: Path | str | None = None, today: dt.date | None = None,
               template: Path | str | bytes | None = None) -> tuple[Feedback, Draft | None]:
    """Write the three files and say what was written and what is missing."""
    try:
        draft, files = write_draft(workbook, folder, today, template)
    except word.TemplateError as error:
        return Feedback(errors=[str(error)]), None
    except OSError as error:
        where = folder or workbook.path.parent / "utkast"
        return Feedback(errors=[f"Kunne ikke skrive utkastet i {where} ({error.strerror or error}). Sjekk at du "
                                "kan skrive i mappen, og prøv igjen. Arbeidsboka er ikke endret."]), None
    if draft.missing:
        notes = [f"Utkastet mangler {len(draft.missing)} deler. Hver del står som «Mangler» i dokumentet. "
                 "Gjør disse kapitlene, og lag utkastet på nytt:", *draft.missing]
    else:
        notes = ["Utkastet har med alle delene. Les det gjennom, og ta det med inn i planarbeidet i fylket."]
    files_text = ", ".join(str(path) for path in files.values())
    return Feedback(notes=notes, saved=f"Utkastet er lagret i tre formater: {files_text}."), draft


def main(argv: list[str] | None = None) -> int:
    """``python -m exercises.reports.export [--mal FIL] [--mappe MAPPE]`` writes the
    draft from the learner's workbook; ``--lag-mal FIL`` writes the course's
    neutral Word template, for a county to restyle and use with ``--mal``."""
    import argparse

    parser = argparse.ArgumentParser(prog="kurs.py utkast", description="Lag utkastet fra arbeidsboka.")
    parser.add_argument("--mal", help="fylkets egen Word-mal (.docx) for Word-utkastet")
    parser.add_argument("--mappe", help="mappen utkastet skrives til (standard: «utkast» ved arbeidsboka)")
    parser.add_argument("--lag-mal", metavar="FIL", help="skriv kursets nøytrale Word-mal til FIL og avslutt")
    args = parser.parse_args(argv)
    if args.lag_mal:
        target = Path(args.lag_mal)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, _template_bytes())
        except OSError as error:
            print(f"Kunne ikke skrive malen til {target} ({error.strerror or error}).")
            return 1
        print(f"Kursets Word-mal er skrevet til {target}. Endre stilene i Word, og bruk den med --mal.")
        return 0
    result, _ = save_draft(Workbook(), args.mappe, template=args.mal)
    for line in [*result.errors, *result.notes, *([result.saved] if result.saved else [])]:
        print(line)
    return 0 if result.ok else 1


def _template_bytes() -> bytes:
    buffer = io.BytesIO()
    word.neutral_template().save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    raise SystemExit(main())
