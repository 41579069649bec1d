"""A learner who did every chapter, saved through the exercises' own models:
shared by the tests of the draft (test_draft_argument.py) and of its Word
layout (test_export_pdf.py)."""

from test_actions import RIGHT as ACTIONS
from test_monitoring import ASSUMPTION, OUTCOME, OUTPUT
from test_planning import BEST
from test_self_assessment import COMMENT
from test_self_assessment import SCORES as SELF_ASSESSMENT
from test_stakeholders import ACTORS
from test_vision import answer

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
