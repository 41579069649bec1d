"""The draft's content: every part of the workbook read into blocks."""

import datetime as dt
import functools

from exercises.core.numbers import number, percent
from exercises.data.counties import COUNTIES_2024
from exercises.data.dataset import load_teaching_data
from exercises.models import actions, monitoring, planning, self_assessment, stakeholders
from exercises.models import ranking as ranking_criteria
from exercises.models.analysis_links import data_source, reference_note
from exercises.models.checklist import EU_CRITERIA, ROLES, Checklist
from exercises.models.priorities import CRITERIA
from exercises.reports.draft.blocks import Bullets, Draft, Heading, Paragraph, Table, clean, cleaned
from exercises.workbook import readers
from exercises.workbook.readers import Ranking, saved_priorities
from exercises.workbook.sections import Section
from exercises.workbook.shapes import entry, finite, integer, mapping, records, text
from exercises.workbook.store import Workbook

GUIDE = ("Kommunal- og moderniseringsdepartementet (2018). Smart spesialisering som metode for "
         "næringsutvikling i Norge [veileder på nett]. "
         "https://www.regjeringen.no/no/sub/smart-spesialisering/id2602662/")
LAW = ("Lov 27. juni 2008 nr. 71 om planlegging og byggesaksbehandling (plan- og bygningsloven). "
       "https://lovdata.no/lov/2008-06-27-71")
TOP_RANKED = 10



def _t(value) -> str:
    """Learner text as plain text that every format can hold."""
    return clean(value).strip()





@functools.lru_cache(maxsize=1)
def _known_regions() -> dict[str, str]:
    """The counties of 2024 and the regions of the fictional teaching data."""
    return {**COUNTIES_2024, **load_teaching_data().regions}


def profile_county(workbook: Workbook) -> tuple[str, str]:
    """The learner's county as (code, name), or ("", "") when none is chosen
    or the code is not a county the course knows (a hand-edited workbook)."""
    code = readers.profile(workbook).county
    if code not in _known_regions():
        return "", ""
    return code, _known_regions()[code]


def build_draft(workbook: Workbook, today: dt.date | None = None) -> Draft:
    _, county = profile_county(workbook)
    draft = Draft(f"Utkast til prioriteringer for smart spesialisering – {county or 'fylket ditt'}",
                  today or dt.date.today(), county, _t(readers.profile(workbook).name))
    for part, section, builder in (
            ("Fylke og rolle", Section.PROFILE, _profile),
            ("Styrker og nisjer fra analysen", Section.ANALYSIS, _analysis),
            ("Aktørkart", Section.STAKEHOLDERS, _actors),
            ("Visjon og mål", Section.VISION, _vision),
            ("Prioriteringer", Section.PRIORITIES, _priorities),
            ("Tiltak", Section.ACTIONS, _actions),
            ("Indikatorer", Section.INDICATORS, _indicators),
            ("Plassering i plansystemet", Section.PLANNING, _planning),
            ("Sjekk mot EUs kriterier", EU_CRITERIA.section, _checklist(EU_CRITERIA, "Sjekk mot EUs sju kriterier")),
            ("Fylkeskommunens roller", ROLES.section, _checklist(ROLES, "Fylkeskommunens roller")),
            ("Egenvurdering", Section.SELF_ASSESSMENT, _self_assessment)):
        start, missing = len(draft.blocks), len(draft.missing)
        try:
            builder(workbook, draft)
        except (KeyError, TypeError, ValueError, AttributeError):
            del draft.blocks[start + 1:]  # keep the heading, drop what was half built
            del draft.missing[missing:]
            draft.lack(part, section, f"{part} kunne ikke leses fra arbeidsboka. Lagre øvelsen i kapitlet "
                                      f"{section.chapter} på nytt.")
    draft.blocks.append(Heading("Kilder"))
    draft.blocks.append(Bullets((GUIDE, LAW, *_sources(workbook))))
    intro = [Paragraph(f"Dato: {draft.date:%d.%m.%Y}. Laget i selvstudiekurset «Smart spesialisering for "
                       "fylkeskommunene», som bygger på veilederen fra Kommunal- og moderniseringsdepartementet "
                       "(2018). Dette er et utkast til videre arbeid i fylkeskommunen, ikke et vedtatt dokument.")]
    if draft.missing:
        intro += [Heading("Dette mangler i utkastet"), Bullets(tuple(draft.missing))]
    draft.blocks[:0] = [Heading(draft.title, 1), *intro]
    draft.blocks = [cleaned(b) for b in draft.blocks]
    return draft


def _sources(workbook: Workbook) -> list[str]:
    found = []
    for section in (Section.ANALYSIS, Section.SPECIALISATION, Section.NICHES):
        saved = entry(workbook, section)
        if saved.get("county") or saved.get("source"):
            found.append(data_source(saved))
    return list(dict.fromkeys(found))


def _profile(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Om utkastet"))
    profile = readers.profile(workbook)
    code, name = profile_county(workbook)
    if not code:
        detail = "" if not profile.county else (
            f"Fylket i arbeidsboka («{_t(profile.county)[:20]}») er ikke et av fylkene kurset kjenner. "
            f"Velg fylke på nytt i kapitlet {Section.PROFILE.chapter}.")
        return draft.lack("Fylke og rolle", Section.PROFILE, detail)
    draft.blocks.append(Paragraph(f"{code} {name}", "Fylke"))
    if profile.role:
        draft.blocks.append(Paragraph(_t(profile.role), "Rolle i kurset"))
    sources = _sources(workbook)
    draft.blocks.append(Paragraph(" ".join(sources) if sources else "Ingen tall fra kurset er brukt ennå.",
                                  "Datakilder"))


def _analysis(workbook: Workbook, draft: Draft) -> None:
    """The ranking with the figures behind it, then every choice the learner
    gave a reason for in «Analysere», «Region og spesialisering» and
    «Beslektet mangfold»."""
    draft.blocks.append(Heading("Styrker og nisjer fra analysen"))
    analysis = readers.ranking(workbook)
    if analysis.rows:
        saved = entry(workbook, Section.ANALYSIS)
        _ranking_tables(analysis, f"{data_source(saved)} {reference_note(saved)}", draft)
    picks = readers.picks(workbook, Section.SPECIALISATION)
    if picks.choices:
        draft.blocks.append(Table(
            f"Spesialiseringene du valgte i kapitlet {Section.SPECIALISATION.chapter}, {picks.year or ''}, "
            "viktigst først", ("Nr.", "Næring", "LQ", "Begrunnelse"),
            tuple((str(n), _t(p.name), number(p.lq, 2), _t(p.reason)) for n, p in enumerate(picks.choices, start=1)),
            f"{data_source(entry(workbook, Section.SPECIALISATION))} "
            f"{reference_note(entry(workbook, Section.SPECIALISATION))}"))
    niches = readers.picks(workbook, Section.NICHES)
    if niches.choices:
        draft.blocks.append(Table(
            f"Kandidatnisjene du valgte i kapitlet {Section.NICHES.chapter}, {niches.year or ''}",
            ("Næring", "Beslektet tetthet", "Begrunnelse"),
            tuple((_t(n.name), number(n.density, 2), _t(n.reason)) for n in niches.choices),
            data_source(entry(workbook, Section.NICHES))))
    if not analysis.rows and (picks.choices or niches.choices):
        draft.blocks.append(Paragraph(f"Rangeringen mangler. Den lager du i kapitlet {Section.ANALYSIS.chapter}; "
                                      "her vises valgene du gjorde tidligere."))
    if not (analysis.rows or picks.choices or niches.choices):
        draft.lack("Styrker og nisjer fra analysen", Section.ANALYSIS,
                   f"Styrker og nisjer mangler. Gjør kapitlet {Section.ANALYSIS.chapter} "
                   f"(eller {Section.SPECIALISATION.chapter} og {Section.NICHES.chapter}).")


def _ranking_tables(analysis: Ranking, source: str, draft: Draft) -> None:
    """The ranking with LQ, employment and growth, the weights behind the
    score, and the industries the learner moved, with their reasons."""
    rows = [r for r in analysis.rows if integer(r, "rank") is not None and (r["rank"] <= TOP_RANKED or r.get("label"))]
    year, start = analysis.year or "", analysis.start_year
    growth = f"Vekst {start}–{year}" if start is not None else "Vekst"
    label = {"styrke": " (styrke)", "nisje": " (nisje)"}
    draft.blocks.append(Table(
        f"Rangering av næringer, {year} (de {TOP_RANKED} øverste og alle du har merket som styrke eller nisje)",
        ("Plass", "Næring", "Poeng (0–1)", "Sysselsatte (1000)", "LQ", growth),
        tuple((str(r["rank"]), _t(r.get("name")) + label.get(text(r, "label"), ""), number(r.get("score"), 2),
               number(r.get("employment"), 1), number(r.get("lq"), 2), percent(r.get("growth")))
              for r in rows),
        source))
    used = [(ranking_criteria.BY_KEY[k], v) for k, v in analysis.weights.items()  # own judgement counts once given
            if k in ranking_criteria.BY_KEY and finite(v) and v > 0
            and (not ranking_criteria.BY_KEY[k].own_judgement or analysis.scores.get(k))]
    if used:
        total = sum(v for _, v in used)
        draft.blocks.append(Paragraph(
            "; ".join(f"{c.label.lower()} {number(v, 0)} ({number(100 * v / total, 0)}\u00a0%)" for c, v in used)
            + ". Hvert kriterium er gjort om til en plassering fra 0 til 1 blant fylkets næringer; poengene er "
              "snittet av plasseringene, veid med vektene.", "Vekter i rangeringen"))
    moved = [r for r in analysis.rows if text(r, "reason").strip()]
    if moved:
        draft.blocks.append(Table(
            f"Næringer du flyttet i rangeringen i kapitlet {Section.ANALYSIS.chapter}",
            ("Næring", "Fra plass", "Til plass", "Begrunnelse"),
            tuple((_t(r.get("name")), "–" if integer(r, "computed_rank") is None else str(r["computed_rank"]),
                   str(r.get("rank", "–")), _t(r["reason"])) for r in moved),
            "Kilde: dine egne vurderinger, lagret i arbeidsboka."))


def _actors(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Aktører"))
    actors = stakeholders.saved_actors(workbook)
    if not actors:
        return draft.lack("Aktørkart", Section.STAKEHOLDERS)
    levels = stakeholders.LEVELS
    draft.blocks.append(Table(
        "Aktørkart: hvem som bør være med, deres innflytelse og engasjement",
        ("Aktør", "Tråd", "Innflytelse", "Engasjement"),
        tuple((a.name, stakeholders.HELICES[a.helix], levels[a.influence], levels[a.commitment]) for a in actors),
        "Kilde: dine egne vurderinger, lagret i arbeidsboka."))


def _vision(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Visjon og mål"))
    vision = readers.vision(workbook)
    if not vision.statement:
        return draft.lack("Visjon og mål", Section.VISION)
    draft.blocks.append(Paragraph(_t(vision.statement), "Visjon"))
    for key, label in (("destination", "Destinasjon"), ("purpose", "Formål"), ("values", "Verdier")):
        draft.blocks.append(Paragraph(_t(getattr(vision, key)) or "(ikke skrevet)", label))
    draft.blocks.append(Table("Mål", ("Mål", "Innen år"), tuple(
        (_t(g.text), "–" if g.year is None else str(g.year)) for g in vision.goals),
        "Kilde: ditt eget utkast, lagret i arbeidsboka."))


def _priorities(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Prioriteringer"))
    priorities = saved_priorities(workbook)
    if not priorities:
        return draft.lack("Prioriteringer", Section.PRIORITIES)
    for n, p in enumerate(priorities, start=1):
        draft.blocks.append(Heading(f"{n}. {_t(p['title'])}", 3))
        links = [f"{_t(link.get('name'))} ({_t(link.get('kind'))})" for link in records(p, "links")]
        draft.blocks.append(Paragraph(", ".join(links) or "ingen (ikke knyttet til analysen)", "Bygger på"))
        draft.blocks.append(Paragraph(_t(p.get("reason")), "Begrunnelse"))
        drivers = [f"{_t(d.get('name'))} ({stakeholders.HELICES.get(text(d, 'helix'), '–').lower()})"
                   for d in records(p, "drivers")]
        draft.blocks.append(Paragraph(", ".join(drivers) or "ikke valgt ennå", "Aktører som driver den"))
        scores = mapping(p, "scores")
        draft.blocks.append(Paragraph("; ".join(f"{text}: {scores.get(key, '–')}" for key, text in CRITERIA.items()),
                                      "Poeng (1–5)"))


def _per_priority(workbook: Workbook, draft: Draft, section: Section, part: str, render) -> None:
    """Actions or indicators: one part per saved priority, then any saved
    for priorities that have since been renamed or removed (never dropped)."""
    by_priority = readers.parts(workbook, section)
    priorities = saved_priorities(workbook)
    if not priorities and not by_priority:
        return draft.lack(part, section, f"{part} mangler. Lag prioriteringer i kapitlet "
                                         f"{Section.PRIORITIES.chapter}, og deretter {part.lower()} i kapitlet "
                                         f"{section.chapter}.")
    for p in priorities:
        draft.blocks.append(Heading(_t(p["title"]), 3))
        saved = by_priority.get(p["key"], {})
        if saved:
            render(saved, draft)
        else:
            draft.lack(f"{part} for «{_t(p['title'])}»", section)
    others = [v for k, v in by_priority.items() if k not in {p["key"] for p in priorities}]
    for saved in others:
        draft.blocks.append(Heading(f"{_t(saved.get('priority'))} (prioriteringen finnes ikke lenger)", 3))
        render(saved, draft)


def _actions(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Tiltak og ansvar"))

    def render(saved: dict, d: Draft) -> None:
        d.blocks.append(Table("Tiltak", ("Tiltak", "Type", "Ansvarlig", "Raskt i gang"), tuple(
            (_t(a.get("text")), actions.KINDS.get(text(a, "kind"), "–"), _t(a.get("responsible")),
             "ja" if a.get("quick") is True else "nei") for a in records(saved, "actions")),
            "Kilde: ditt eget utkast, lagret i arbeidsboka."))

    _per_priority(workbook, draft, Section.ACTIONS, "Tiltak", render)


def _indicators(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Indikatorer: måle og lære"))

    def render(saved: dict, d: Draft) -> None:
        d.blocks.append(Paragraph(_t(saved.get("assumption")) or "(ikke skrevet)", "Antatt sammenheng"))
        d.blocks.append(Table("Indikatorer", ("Indikator", "Nivå", "Utgangsverdi (år)", "Mål (år)", "Kilde"), tuple(
            (_t(i.get("name")), monitoring.LEVELS.get(text(i, "level"), "–"),
             f"{number(i.get('baseline'), 1)} ({_t(i.get('baseline_year'))})",
             f"{number(i.get('target'), 1)} ({_t(i.get('target_year'))})", _t(i.get("source")))
            for i in records(saved, "indicators")),
            "Kilde: ditt eget utkast; kilden til hvert tall står i tabellen."))

    _per_priority(workbook, draft, Section.INDICATORS, "Indikatorer", render)


def _planning(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Plassering i plansystemet"))
    answer = planning.saved_answer(workbook)
    if len(answer["placements"]) < len(planning.ELEMENTS):
        return draft.lack("Plassering i plansystemet", Section.PLANNING)
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
        return draft.lack("Egenvurdering", Section.SELF_ASSESSMENT)
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


