"""A learner who did every chapter, saved through the exercises' own models:
shared by the tests of the draft (test_draft_argument.py) and of its Word
layout (test_export_pdf.py)."""

from workbooks import ACTIONS, ACTORS, ASSUMPTION, COMMENT, OUTCOME, OUTPUT, SELF_ASSESSMENT
from workbooks import PLACEMENTS as BEST
from workbooks import vision as answer

from exercises.models.actions import ActionsExercise
from exercises.models.monitoring import MonitoringExercise
from exercises.models.niches import NicheExercise
from exercises.models.planning import save_placements
from exercises.models.priorities import PrioritiesExercise
from exercises.models.ranking import RankingExercise
from exercises.models.self_assessment import save_assessment
from exercises.models.specialisation import SpecialisationExercise
from exercises.models.stakeholders import save_actors
from exercises.models.vision import VisionExercise


def do_every_chapter(workbook, dataset, profile: dict, *, picks, niches, move, priorities, weights=None,
                     vision: dict | None = None, plan_note: str = "Neste regionale planstrategi") -> RankingExercise:
    """Save ``profile`` and then every chapter's exercise for the profile's
    county: the ``picks`` and ``niches`` as (industry, reason) pairs, one
    ranking ``move`` (industry, place, reason) after changing ``weights``, the ``priorities``, and for
    each priority the actions and indicators of the model tests."""
    county = profile["county"]
    workbook.put("profil", profile)
    assert SpecialisationExercise(dataset, county).save(workbook, list(picks)).ok
    assert NicheExercise(dataset, county).save(workbook, list(niches)).ok
    ranking = RankingExercise(dataset, county)
    state = ranking.starting_state(workbook)
    state.weights = {**state.weights, **(weights or {})}
    state = ranking.move(state, *move)
    assert ranking.save(workbook, state).ok
    assert save_actors(workbook, ACTORS).ok
    assert PrioritiesExercise(workbook).save(workbook, priorities).ok
    assert VisionExercise(workbook).save(workbook, *answer(**(vision or {}))).ok
    for p in priorities:
        assert ActionsExercise(workbook).save(workbook, p["title"], ACTIONS).ok
        assert MonitoringExercise(workbook).save(workbook, p["title"], [OUTPUT, OUTCOME], ASSUMPTION).ok
    assert save_placements(workbook, BEST, "plan", plan_note).ok
    assert save_assessment(workbook, SELF_ASSESSMENT, COMMENT).ok
    return ranking


# a learner who did every chapter for Nordland, on real data (the PDF test and benchmarks/export.py)
NORDLAND_PICKS = [("fiske_havbruk", "Havbruket i Lofoten og på Helgeland er det største i landet"),
                  ("ind_metaller", "Smelteverkene i Mo i Rana og Glomfjord"),
                  ("energi", "Vannkraften gir ren og rimelig strøm til industrien")]
NORDLAND_NICHE = ("bergverk", "Mineraler til batterier trenger både smelteverk og kraft")
NORDLAND_MOVE = "Kraften er grunnlaget for grønn industri, uansett hva veksttallene sier"
NORDLAND_PRIORITIES = [
    {"title": "Havbruk med lavere utslipp", "links": ["fiske_havbruk"], "drivers": ["Havbruk AS"],
     "reason": "Havbruket er størst, men må kutte utslipp for å vokse videre"},
    {"title": "Grønn prosessindustri", "links": ["ind_metaller", "energi"], "drivers": ["Universitetet i Fjordby"],
     "reason": "Smelteverk og vannkraft sammen gir produkter med lavt klimaavtrykk"},
    {"title": "Mineraler for det grønne skiftet", "links": ["bergverk", "energi"], "drivers": ["Havbruk AS"],
     "reason": "Forekomstene finnes; kompetansen fra smelteverkene kan brukes"},
]
NORDLAND_SCORES = {"styrke": 4, "marked": 4, "aktorer": 3, "kobling": 3}


def nordland(workbook, real):
    """A learner who did every chapter for Nordland, on real data."""
    do_every_chapter(workbook, real, {"county": "18", "county_name": "Nordland", "role": "Ny medarbeider i fylkeskommunen"},
                     picks=NORDLAND_PICKS, niches=[NORDLAND_NICHE], move=("energi", 2, NORDLAND_MOVE),
                     priorities=[dict(p, scores=NORDLAND_SCORES) for p in NORDLAND_PRIORITIES],
                     vision={"statement": "Nordland leverer ren energi og mat til verden",
                             "destination": "Grønn prosessindustri og havbruk"})
    return workbook
