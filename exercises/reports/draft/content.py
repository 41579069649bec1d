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
from exercises.reports.draft.blocks import Bullets, Draft, Heading, PageBreak, Paragraph, Table, clean, cleaned
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


# The parts of the draft in the order a reader meets them: what the county
# will do first, the analysis behind it last, as appendices. Each part's
# chapter order (the second number) orders the list of what is missing.
PARTS = (
    ("Visjon og mål", Section.VISION, 3),
    ("Prioriteringer", Section.PRIORITIES, 4),
    ("Tiltak", Section.ACTIONS, 5),
    ("Indikatorer", Section.INDICATORS, 6),
    ("Plassering i plansystemet", Section.PLANNING, 7),
    ("Aktørkart", Section.STAKEHOLDERS, 2),
    ("Styrker og nisjer fra analysen", Section.ANALYSIS, 1),
    ("Fylke og rolle", Section.PROFILE, 0),
    ("Sjekk mot EUs kriterier", EU_CRITERIA.section, 8),
    ("Fylkeskommunens roller", ROLES.section, 9),
    ("Egenvurdering", Section.SELF_ASSESSMENT, 10),
)
APPENDIX = " (vedlegg)"


def build_draft(workbook: Workbook, today: dt.date | None = None) -> Draft:
    """The draft: a one-page summary (county, priorities with one line of
    why each, the main figures), then vision and goals, priorities, actions,
    indicators, the planning system and the actors, then the analysis and the
    assessments behind them as appendices, and the sources."""
    _, county = profile_county(workbook)
    draft = Draft(f"Utkast til prioriteringer for smart spesialisering – {county or 'fylket ditt'}",
                  today or dt.date.today(), county, _t(readers.profile(workbook).name))
    builders = {Section.PROFILE: _profile, Section.ANALYSIS: _analysis, Section.STAKEHOLDERS: _actors,
                Section.VISION: _vision, Section.PRIORITIES: _priorities, Section.ACTIONS: _actions,
                Section.INDICATORS: _indicators, Section.PLANNING: _planning,
                EU_CRITERIA.section: _checklist(EU_CRITERIA, "Sjekk mot EUs sju kriterier"),
                ROLES.section: _checklist(ROLES, "Fylkeskommunens roller"), Section.SELF_ASSESSMENT: _self_assessment}
    order = {}
    for part, section, chapter_order in PARTS:
        start, missing = len(draft.blocks), len(draft.missing)
        try:
            builders[section](workbook, draft)
        except (KeyError, TypeError, ValueError, AttributeError):
            del draft.blocks[start + 1:]  # keep the heading, drop what was half built
            del draft.missing[missing:]
            draft.lack(part, section, f"{part} kunne ikke leses fra arbeidsboka. Lagre øvelsen i kapitlet "
                                      f"{section.chapter} på nytt.")
        order.update({item: chapter_order for item in draft.missing[missing:]})
    draft.missing.sort(key=lambda item: order[item])  # in the order of the chapters that fill them
    draft.blocks.append(Heading("Kilder"))
    draft.blocks.append(Bullets((GUIDE, LAW, *_sources(workbook))))
    intro = [Paragraph(f"Dato: {draft.date:%d.%m.%Y}. Et utkast til videre arbeid i fylkeskommunen, ikke et vedtatt "
                       "dokument. Arbeidet følger veilederen for smart spesialisering fra Kommunal- og "
                       "moderniseringsdepartementet (2018)."), *_summary(workbook, draft)]
    if draft.missing:
        intro += [Heading("Dette mangler i utkastet"), Bullets(tuple(draft.missing))]
    draft.blocks[:0] = [Heading(draft.title, 1), *intro, PageBreak()]
    draft.blocks = [cleaned(b) for b in draft.blocks]
    return draft


SUMMARY_FIGURES = 6  # strengths and niches in the summary's figures


def _summary(workbook: Workbook, draft: Draft) -> list:
    """One page: the county, the vision, each priority with the first
    sentence of its reason, and the main figures behind the choices."""
    blocks = [Heading("Sammendrag")]
    code, name = profile_county(workbook)
    if code:
        blocks.append(Paragraph(f"{code} {name}", "Fylke"))
    vision = readers.vision(workbook)
    if vision.statement:
        blocks.append(Paragraph(_t(vision.statement), "Visjon"))
    priorities = saved_priorities(workbook)
    if priorities:
        blocks.append(Paragraph(f"{len(priorities)}, hver med én linje om hvorfor:", "Prioriteringer"))
        blocks.append(Bullets(tuple(f"{_t(p['title'])}: {_first_sentence(_t(p.get('reason')))}" for p in priorities)))
    figures = _main_figures(workbook)
    if figures:
        blocks.append(Paragraph("styrkene og nisjene prioriteringene bygger på", "Hovedtall"))
        blocks.append(Bullets(tuple(figures)))
    counts = []
    actions_saved = readers.parts(workbook, Section.ACTIONS)
    indicators_saved = readers.parts(workbook, Section.INDICATORS)
    n_actions = sum(len(records(v, "actions")) for v in actions_saved.values())
    n_indicators = sum(len(records(v, "indicators")) for v in indicators_saved.values())
    if n_actions or n_indicators:
        counts.append(f"{n_actions} tiltak og {n_indicators} indikatorer, beskrevet for hver prioritering nedenfor.")
    if vision.goals:
        counts.append(f"{len(vision.goals)} mål: " + "; ".join(
            _t(g.text) + ("" if g.year is None else f" (innen {g.year})") for g in vision.goals) + ".")
    if counts:
        blocks.append(Paragraph(" ".join(counts), "Oppfølging"))
    return blocks if len(blocks) > 1 else []


def _first_sentence(text: str) -> str:
    line = " ".join(text.split())
    for end in (". ", "! ", "? "):
        if end in line:
            line = line.split(end, 1)[0] + end.strip()
            break
    return line or "(ingen begrunnelse skrevet)"


def _main_figures(workbook: Workbook) -> list[str]:
    """«Havbruk (styrke): LQ 2,10, 5,3 tusen sysselsatte, vekst 12,0 %» for
    the strengths and niches marked in the ranking, else those picked."""
    analysis = readers.ranking(workbook)
    marked = [r for r in analysis.rows if text(r, "label") in ("styrke", "nisje")]
    if marked:
        year = f" ({analysis.year})" if analysis.year else ""
        return [f"{_t(r.get('name'))} ({r['label']}): LQ {number(r.get('lq'), 2)}, "
                f"{number(r.get('employment'), 1)} tusen sysselsatte{year}, vekst {percent(r.get('growth'))}"
                for r in marked[:SUMMARY_FIGURES]]
    picks = readers.picks(workbook, Section.SPECIALISATION).choices
    niches = readers.picks(workbook, Section.NICHES).choices
    return ([f"{_t(p.name)} (styrke): LQ {number(p.lq, 2)}" for p in picks]
            + [f"{_t(n.name)} (nisje): beslektet tetthet {number(n.density, 2)}" for n in niches])[:SUMMARY_FIGURES]


def _sources(workbook: Workbook) -> list[str]:
    found = []
    for section in (Section.ANALYSIS, Section.SPECIALISATION, Section.NICHES):
        saved = entry(workbook, section)
        if saved.get("county") or saved.get("source"):
            found.append(data_source(saved))
    return list(dict.fromkeys(found))


def _profile(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Om utkastet" + APPENDIX))
    profile = readers.profile(workbook)
    code, name = profile_county(workbook)
    if not code:
        detail = "" if not profile.county else (
            f"Fylket i arbeidsboka («{_t(profile.county)[:20]}») er ikke et av fylkene kurset kjenner. "
            f"Velg fylke på nytt i kapitlet {Section.PROFILE.chapter}.")
        return draft.lack("Fylke og rolle", Section.PROFILE, detail)
    draft.blocks.append(Paragraph(f"{code} {name}", "Fylke"))
    sources = _sources(workbook)
    draft.blocks.append(Paragraph(" ".join(sources) if sources else "Ingen tall fra kurset er brukt ennå.",
                                  "Datakilder"))


def _analysis(workbook: Workbook, draft: Draft) -> None:
    """The ranking with the figures behind it, then every choice the learner
    gave a reason for in «Analysere», «Region og spesialisering» and
    «Beslektet mangfold»."""
    draft.blocks.append(Heading("Styrker og nisjer fra analysen" + APPENDIX))
    analysis = readers.ranking(workbook)
    if analysis.rows:
        saved = entry(workbook, Section.ANALYSIS)
        _ranking_tables(analysis, f"{data_source(saved)} {reference_note(saved)}", draft)
    picks = readers.picks(workbook, Section.SPECIALISATION)
    if picks.choices:
        draft.blocks.append(Table(
            f"Spesialiseringer som er valgt, {picks.year or ''}, viktigst først", ("Nr.", "Næring", "LQ", "Begrunnelse"),
            tuple((str(n), _t(p.name), number(p.lq, 2), _t(p.reason)) for n, p in enumerate(picks.choices, start=1)),
            f"{data_source(entry(workbook, Section.SPECIALISATION))} "
            f"{reference_note(entry(workbook, Section.SPECIALISATION))}"))
    niches = readers.picks(workbook, Section.NICHES)
    if niches.choices:
        draft.blocks.append(Table(
            f"Kandidatnisjer som er valgt, {niches.year or ''}",
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


OWN_JUDGEMENT = "Kilde: egne vurderinger."
OWN_DRAFT = "Kilde: eget utkast."


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
            "Næringer som er flyttet i rangeringen, med begrunnelse",
            ("Næring", "Fra plass", "Til plass", "Begrunnelse"),
            tuple((_t(r.get("name")), "–" if integer(r, "computed_rank") is None else str(r["computed_rank"]),
                   str(r.get("rank", "–")), _t(r["reason"])) for r in moved),
            OWN_JUDGEMENT))


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
        OWN_JUDGEMENT))


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
        OWN_DRAFT))


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
                                      "Vurdert mot kriteriene (1 = svakt, 5 = sterkt)"))


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
            OWN_DRAFT))

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
            "Kilde: eget utkast; kilden til hvert tall står i tabellen."))

    _per_priority(workbook, draft, Section.INDICATORS, "Indikatorer", render)


def _planning(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Plassering i plansystemet"))
    answer = planning.saved_answer(workbook)
    if len(answer["placements"]) < len(planning.ELEMENTS):
        return draft.lack("Plassering i plansystemet", Section.PLANNING)
    draft.blocks.append(Table("Hvor hver del av arbeidet hører hjemme", ("Del av arbeidet", "Plassering"), tuple(
        (e.label, planning.PLACES[answer["placements"][k]]) for k, e in planning.ELEMENTS.items()),
        "Kilde: egne vurderinger; plan- og bygningsloven §§ 4-1, 7-1, 8-1 og 8-2."))
    draft.blocks.append(Paragraph(planning.FORMS[answer["form"]], "Form"))
    if answer["next_step"]:
        draft.blocks.append(Paragraph(_t(answer["next_step"]), "Neste steg"))


def _self_assessment(workbook: Workbook, draft: Draft) -> None:
    draft.blocks.append(Heading("Egenvurdering av arbeidet i fylket" + APPENDIX))
    answer = self_assessment.saved_assessment(workbook)
    if answer is None:
        return draft.lack("Egenvurdering", Section.SELF_ASSESSMENT)
    scores = answer["scores"]
    draft.blocks.append(Table("Egenvurdering: 0–5 på hvert av veilederens seks elementer",
                              ("Element", "Vurdering (0–5)", "Betydning"), tuple(
        (e.label, str(scores[k]), self_assessment.SCALE[scores[k]]) for k, e in self_assessment.ELEMENTS.items()),
        "Kilde: egen vurdering; vurderingene er skjønn, ikke en måling. Skalaen 0–5 er fra EUs "
        "egenvurderingshjul for RIS3 (S3 Platform)."))
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
        draft.blocks.append(Heading(title + APPENDIX))
        draft.blocks.append(Table(title, ("Punkt", "Vurdering", checklist.evidence_label), tuple(
            (item.label, checklist.scale[answer["answers"][k]["status"]], _t(answer["answers"][k]["evidence"]) or "–")
            for k, item in checklist.items.items()), "Kilde: egen vurdering."))
        if answer["comment"]:
            draft.blocks.append(Paragraph(_t(answer["comment"]), "Kommentar"))
    return build


