"""The section readers: what each exercise saved, read back typed, with a safe
default for whatever a damaged or hand-edited workbook holds instead."""

import json
from dataclasses import replace

import pytest

from exercises.models.per_priority import put_for_priority
from exercises.workbook import readers, shapes
from exercises.workbook.readers import Choice, Goal, Picks, Profile, Ranking, Vision
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook


class Saved:
    """A workbook's sections held in memory; the readers only call ``value``."""

    def __init__(self, sections: dict):
        self.sections = sections

    def value(self, section, default=None):
        return self.sections.get(section, default)


# values of the wrong type for a field that should hold the given type
WRONG = {
    str: [None, True, 7, 2.5, ["tekst"], {"tekst": 1}],
    int: [None, True, 2.5, "2019", [2019], {"år": 2019}],
    float: [None, False, "1,2", float("nan"), [1.2], {"lq": 1.2}],
    list: [None, True, 7, "tekst", {"0": {}}],
    dict: [None, True, 7, "tekst", [{"a": 1}]],
}
NOT_A_SECTION = [None, True, 7, "tekst", [], [{"county": "46"}]]


def read(reader, section: Section, value):
    return reader(Saved({section: value}))


# the sections: names and chapters ------------------------------------------------

def test_section_names_are_the_keys_old_workbooks_use():
    assert [str(s) for s in Section] == [
        "profil", "spesialisering", "nisjer", "analyse", "aktorer", "visjon", "prioriteringer", "tiltak",
        "indikatorer", "plan", "quiz", "roller", "rollevurdering", "eu_kriterier", "workshop"]
    assert Section("analyse") is Section.ANALYSIS and Section.ANALYSIS == "analyse"
    assert json.dumps({Section.PROFILE: 1}) == '{"profil": 1}'
    assert f"{Section.PLANNING}" == "plan"


def test_each_section_names_the_chapter_that_fills_it():
    assert Section.ANALYSIS.chapter == "«Analysere»"
    assert Section.STAKEHOLDERS.chapter_title == "Organisere"
    assert Section.SELF_ASSESSMENT.chapter_title == Section.ROLES.chapter_title == "Fylkeskommunens roller"
    assert all(s.chapter_title and s.chapter == f"«{s.chapter_title}»" for s in Section)


def test_a_workbook_written_before_the_readers_reads_the_same(tmp_path):
    path = tmp_path / "gammel.json"
    path.write_text(json.dumps({"schema_version": 1, "sections": {
        "profil": {"saved": "2025-01-01T10:00:00", "value": {"county": "18", "county_name": "Nordland",
                                                              "role": "Annet"}},
        "spesialisering": {"saved": "2025-01-01T10:05:00", "value": {
            "county": "18", "year": 2019, "picks": [{"industry": "fiske", "name": "Fiske", "lq": 3.1,
                                                     "reason": "Havet"}]}},
    }}), encoding="utf-8")
    book = Workbook(path)
    assert book.county == "18"
    assert readers.profile(book) == Profile("18", "Nordland", "Annet", "")
    assert readers.picks(book, Section.SPECIALISATION) == Picks("18", 2019, (Choice("fiske", "Fiske", "Havet", 3.1),))
    before = path.read_bytes()
    readers.ranking(book), readers.vision(book), readers.saved_priorities(book)
    assert path.read_bytes() == before  # reading never writes


def test_saving_with_a_section_stores_its_plain_name(workbook):
    workbook.put(Section.VISION, {"statement": "Et hav av muligheter"})
    on_disk = json.loads(workbook.path.read_text(encoding="utf-8"))
    assert list(on_disk["sections"]) == ["visjon"]
    assert readers.vision(Workbook(workbook.path)).statement == "Et hav av muligheter"


# every reader: the right shape, a missing section, a section that is not a dict --------

PROFILE = {"county": "46", "county_name": "Vestland", "role": "Annet", "name": "Kari"}
PICKS = {"county": "46", "year": 2019, "source": "Egne tall",
         "picks": [{"industry": "ikt", "name": "IKT", "lq": 1.25, "reason": "Fagmiljø"}]}
NICHES = {"county": "46", "year": 2019, "niches": [{"industry": "batteri", "name": "Batterier", "density": 0.4,
                                                     "reason": "Nær verft"}]}
RANKING = {"county": "46", "year": 2019, "start_year": 2010, "weights": {"masse": 2, "fou": 1},
           "scores": {"fou": {"ikt": 4}}, "moves": [{"industry": "ikt", "position": 1, "reason": "Vekst"}],
           "ranking": [{"industry": "ikt", "name": "IKT", "rank": 1}],
           "strengths": [{"industry": "ikt", "name": "IKT"}], "niches": [{"industry": "batteri", "name": "Batterier"}]}
VISION = {"statement": "Grønn kyst", "destination": "Eksport", "purpose": "Arbeid", "values": "Miljø",
          "goals": [{"text": "1000 nye jobber", "year": 2030}]}
PLANNING = {"placements": {"analyse": "planstrategi"}, "form": "strategi", "next_step": "Rullering i mars"}

READERS = {  # reader, section, what it saves, what it reads back, what it reads from nothing
    "profil": (readers.profile, Section.PROFILE, PROFILE, Profile("46", "Vestland", "Annet", "Kari"), Profile()),
    "spesialisering": (lambda b: readers.picks(b, Section.SPECIALISATION), Section.SPECIALISATION, PICKS,
                       Picks("46", 2019, (Choice("ikt", "IKT", "Fagmiljø", lq=1.25),)), Picks()),
    "nisjer": (lambda b: readers.picks(b, Section.NICHES), Section.NICHES, NICHES,
               Picks("46", 2019, (Choice("batteri", "Batterier", "Nær verft", density=0.4),)), Picks()),
    "analyse": (readers.ranking, Section.ANALYSIS, RANKING,
                Ranking("46", 2019, 2010, {"masse": 2, "fou": 1}, {"fou": {"ikt": 4}}, tuple(RANKING["moves"]),
                        tuple(RANKING["ranking"]), (Choice("ikt", "IKT"),), (Choice("batteri", "Batterier"),)),
                Ranking()),
    "aktorer": (readers.actor_rows, Section.STAKEHOLDERS, {"actors": [{"name": "NTNU"}]}, [{"name": "NTNU"}], []),
    "visjon": (readers.vision, Section.VISION, VISION,
               Vision("Grønn kyst", "Eksport", "Arbeid", "Miljø", (Goal("1000 nye jobber", 2030),)), Vision()),
    "plan": (readers.planning, Section.PLANNING, PLANNING,
             readers.Planning({"analyse": "planstrategi"}, "strategi", "Rullering i mars"), readers.Planning({})),
    "quiz": (readers.quiz_answers, Section.QUIZ, {"answers": {"melding": "c"}, "score": 1}, {"melding": "c"}, {}),
    "roller": (lambda b: readers.assessment(b, Section.SELF_ASSESSMENT), Section.SELF_ASSESSMENT,
               {"scores": {"organisere": 3}, "comment": "Fra planstrategien"},
               readers.Assessment({"organisere": 3}, "Fra planstrategien"), readers.Assessment({})),
    "eu_kriterier": (lambda b: readers.assessment(b, Section.EU_CRITERIA), Section.EU_CRITERIA,
                     {"answers": {"analyse": {"status": "ja", "evidence": "s. 4"}}, "comment": ""},
                     readers.Assessment({"analyse": {"status": "ja", "evidence": "s. 4"}}), readers.Assessment({})),
    "workshop": (readers.workshop_folder, Section.WORKSHOP, {"folder": "/tmp/gruppe", "files": []}, "/tmp/gruppe", ""),
}


@pytest.mark.parametrize("name", READERS)
def test_a_reader_reads_what_was_saved(name, workbook):
    reader, section, saved, expected, _ = READERS[name]
    workbook.put(section, saved)
    assert reader(Workbook(workbook.path)) == expected


@pytest.mark.parametrize("name", READERS)
def test_a_missing_section_reads_as_empty(name, workbook):
    reader, _, _, _, empty = READERS[name]
    assert reader(workbook) == empty


@pytest.mark.parametrize("value", NOT_A_SECTION, ids=repr)
@pytest.mark.parametrize("name", READERS)
def test_a_section_that_is_not_a_dict_reads_as_empty(name, value):
    reader, section, _, _, empty = READERS[name]
    assert read(reader, section, value) == empty


# wrong types in every field: that field gets its default, the rest still reads ----------

FIELDS = [  # reader name, field, its type, the attribute the reader gives it as, its default
    ("profil", "county", str, "county", None),
    ("profil", "county_name", str, "county_name", ""),
    ("profil", "role", str, "role", ""),
    ("profil", "name", str, "name", ""),
    ("spesialisering", "county", str, "county", None),
    ("spesialisering", "year", int, "year", None),
    ("spesialisering", "picks", list, "choices", ()),
    ("nisjer", "niches", list, "choices", ()),
    ("analyse", "county", str, "county", None),
    ("analyse", "year", int, "year", None),
    ("analyse", "start_year", int, "start_year", None),
    ("analyse", "weights", dict, "weights", {}),
    ("analyse", "scores", dict, "scores", {}),
    ("analyse", "moves", list, "moves", ()),
    ("analyse", "ranking", list, "rows", ()),
    ("analyse", "strengths", list, "strengths", ()),
    ("analyse", "niches", list, "niches", ()),
    ("aktorer", "actors", list, None, []),
    ("visjon", "statement", str, "statement", ""),
    ("visjon", "destination", str, "destination", ""),
    ("visjon", "purpose", str, "purpose", ""),
    ("visjon", "values", str, "values", ""),
    ("visjon", "goals", list, "goals", ()),
    ("plan", "placements", dict, "placements", {}),
    ("plan", "form", str, "form", ""),
    ("plan", "next_step", str, "next_step", ""),
    ("quiz", "answers", dict, None, {}),
    ("roller", "scores", dict, "answers", {}),
    ("roller", "comment", str, "comment", ""),
    ("eu_kriterier", "answers", dict, "answers", {}),
    ("eu_kriterier", "comment", str, "comment", ""),
    ("workshop", "folder", str, None, ""),
]


@pytest.mark.parametrize("name, field, kind, attribute, default", FIELDS, ids=[f"{n}.{f}" for n, f, *_ in FIELDS])
def test_a_field_of_the_wrong_type_reads_as_its_default_and_the_rest_as_saved(name, field, kind, attribute, default):
    reader, section, saved, expected, _ = READERS[name]
    for wrong in WRONG[kind]:
        result = read(reader, section, {**saved, field: wrong})
        assert result == (replace(expected, **{attribute: default}) if attribute else default), wrong


CHOICE_FIELDS = [("name", str, "ikt"), ("reason", str, ""), ("lq", float, None), ("density", float, None)]


@pytest.mark.parametrize("field, kind, default", CHOICE_FIELDS, ids=[f for f, *_ in CHOICE_FIELDS])
def test_a_choice_with_a_wrong_field_keeps_its_industry(field, kind, default):
    row = {"industry": "ikt", "name": "IKT", "reason": "Fagmiljø", "lq": 1.25, "density": 0.5}
    for wrong in WRONG[kind]:
        (choice,) = read(lambda b: readers.picks(b, Section.SPECIALISATION), Section.SPECIALISATION,
                         {"county": "46", "picks": [{**row, field: wrong}]}).choices
        assert choice.industry == "ikt" and getattr(choice, field) == default


def test_rows_that_are_not_dicts_or_lack_an_industry_are_left_out():
    saved = {"county": "46", "picks": ["ikt", None, 7, [], {"name": "Uten kode"}, {"industry": 12},
                                       {"industry": "ikt", "name": "IKT"}]}
    picks = read(lambda b: readers.picks(b, Section.SPECIALISATION), Section.SPECIALISATION, saved)
    assert picks.choices == (Choice("ikt", "IKT"),)
    assert picks.of("46") == picks.choices and picks.of("18") == () and Picks().of(None) == ()


def test_ranking_scores_and_rows_keep_only_what_has_their_shape():
    ranking = read(readers.ranking, Section.ANALYSIS, {**RANKING, "scores": {"fou": [4], "forpliktelse": {"ikt": 2}},
                                                       "moves": ["ikt", {"industry": "ikt"}], "ranking": [None, {}]})
    assert ranking.scores == {"fou": {}, "forpliktelse": {"ikt": 2}}
    assert ranking.moves == ({"industry": "ikt"},) and ranking.rows == ({},)


def test_goals_with_wrong_fields_keep_the_rest():
    vision = read(readers.vision, Section.VISION, {"statement": "S", "goals": [
        {"text": ["ikke tekst"], "year": 2030}, {"text": "Mål", "year": "2030"}, "mål", None]})
    assert vision.goals == (Goal("", 2030), Goal("Mål", None))


def test_checklist_answers_that_are_not_dicts_are_left_out_and_scores_kept_as_saved():
    checklist = read(lambda b: readers.assessment(b, Section.ROLES), Section.ROLES,
                     {"answers": {"analyser": "ja", "dialog": {"status": "delvis"}}})
    assert checklist.answers == {"dialog": {"status": "delvis"}}
    scores = read(lambda b: readers.assessment(b, Section.SELF_ASSESSMENT), Section.SELF_ASSESSMENT,
                  {"scores": {"organisere": "3", "male": None}})
    assert scores.answers == {"organisere": "3", "male": None}  # the model checks the values


# priorities and the parts kept per priority --------------------------------------

def test_saved_priorities_keep_unknown_keys_and_get_a_key():
    saved = read(readers.saved_priorities, Section.PRIORITIES, {"priorities": [
        {"key": "k1", "title": "Sjømat", "reason": "Havet", "fra_en_nyere_versjon": [1, 2]},
        {"title": "  Grønn   SKIPSFART "},
        {"key": 7, "title": "Reiseliv"},
        {"key": "k1", "title": "Samme nøkkel"},
        {"key": "k9"}, {"title": ["ikke tekst"]}, "tekst", None]})
    assert saved == [{"key": "k1", "title": "Sjømat", "reason": "Havet", "fra_en_nyere_versjon": [1, 2]},
                     {"key": "grønn skipsfart", "title": "  Grønn   SKIPSFART "},
                     {"key": "reiseliv", "title": "Reiseliv"}]


@pytest.mark.parametrize("wrong", WRONG[list], ids=repr)
def test_priorities_that_are_not_a_list_read_as_none(wrong):
    assert read(readers.saved_priorities, Section.PRIORITIES, {"priorities": wrong}) == []


def test_parts_keep_only_dicts_per_priority():
    for section in readers.PER_PRIORITY:
        parts = read(lambda b: readers.parts(b, section), section,
                     {"by_priority": {"k1": {"priority": "Sjømat", "actions": []}, "k2": "tekst", "k3": None}})
        assert parts == {"k1": {"priority": "Sjømat", "actions": []}}
        for wrong in WRONG[dict]:
            assert read(lambda b: readers.parts(b, section), section, {"by_priority": wrong}) == {}


def test_saving_one_priority_part_keeps_what_others_hold_as_it_was(workbook):
    workbook.put(Section.ACTIONS, {"by_priority": {"gammel": {"priority": "Gammel", "ukjent": 1}, "rar": "tekst"}})
    put_for_priority(workbook, Section.ACTIONS, {"key": "k1", "title": "Sjømat"}, {"actions": []})
    assert Workbook(workbook.path).value(Section.ACTIONS)["by_priority"] == {
        "gammel": {"priority": "Gammel", "ukjent": 1}, "rar": "tekst", "k1": {"priority": "Sjømat", "actions": []}}


# the getters ------------------------------------------------------------------------

def test_getters_return_the_value_only_when_it_has_the_right_type():
    item = {"s": "tekst", "i": 3, "b": True, "f": 2.5, "n": float("inf"), "d": {"a": {}, "b": 1}, "l": [{}, 1]}
    assert [shapes.text(item, k) for k in ("s", "i", "x")] == ["tekst", "", ""]
    assert [shapes.integer(item, k) for k in ("i", "b", "f", "s")] == [3, None, None, None]
    assert [shapes.number(item, k) for k in ("i", "f", "b", "n", "s")] == [3, 2.5, None, None, None]
    assert shapes.mapping(item, "d") == {"a": {}, "b": 1} and shapes.mapping(item, "l") == {}
    assert shapes.dicts(item, "d") == {"a": {}} and shapes.dicts(item, "l") == {}
    assert shapes.records(item, "l") == [{}] and shapes.records(item, "d") == []
    assert shapes.entry(Saved({"profil": ["x"]}), Section.PROFILE) == {}


@pytest.mark.parametrize("name", READERS)
def test_keys_the_course_does_not_know_are_read_past(name):
    reader, section, saved, expected, _ = READERS[name]
    assert read(reader, section, {**saved, "fra_en_nyere_versjon": {"x": [1]}}) == expected


# a damaged workbook: the draft says what is missing, the views open --------------------

def damaged_workbooks(path):
    """Workbooks in which one section, or one field of it, has the wrong type."""
    for section in Section:
        for value in NOT_A_SECTION:
            yield section, value
    for name, field, kind, *_ in FIELDS:
        for wrong in WRONG[kind]:
            yield READERS[name][1], {**READERS[name][2], field: wrong}


def test_the_draft_reads_every_damaged_section_without_falling_back(tmp_path):
    from exercises.reports.draft.blocks import Missing
    from exercises.reports.draft.content import build_draft

    for n, (section, value) in enumerate(damaged_workbooks(tmp_path)):
        book = Workbook(tmp_path / f"skadet-{n}.json")
        book.data["sections"][section] = {"saved": "", "value": value}  # as if edited by hand
        draft = build_draft(book)
        unread = [b.text for b in draft.blocks if isinstance(b, Missing) and "kunne ikke leses" in b.text]
        assert not unread, (section, value, unread)
        assert "Prioriteringer: gjøres i kapitlet «Prioritere»" in draft.missing or section == Section.PRIORITIES


def test_every_view_opens_on_a_workbook_where_every_section_is_damaged(fjordland, workbook):
    from exercises.views.actions_view import ActionsView
    from exercises.views.checklist_view import EUCriteriaView, RolesView
    from exercises.views.merge_view import MergeView
    from exercises.views.monitoring_view import MonitoringView
    from exercises.views.niche_view import NicheView
    from exercises.views.planning_view import PlanningView
    from exercises.views.priorities_view import PrioritiesView
    from exercises.views.profile_view import ProfileView
    from exercises.views.quiz_view import QuizView
    from exercises.views.ranking_view import RankingView
    from exercises.views.self_assessment_view import SelfAssessmentView
    from exercises.views.specialisation_view import SpecialisationView
    from exercises.views.stakeholders_view import StakeholdersView
    from exercises.views.vision_view import VisionView

    for value in NOT_A_SECTION[1:] + [{key: "tekst" for key in ("county", "picks", "niches", "ranking", "strengths",
                                                                 "priorities", "by_priority", "answers", "goals")}]:
        for section in Section:
            workbook.data["sections"][section] = {"saved": "", "value": value}
        views = [ProfileView(fjordland.regions, workbook), QuizView(workbook), StakeholdersView(workbook),
                 VisionView(workbook), PrioritiesView(workbook), ActionsView(workbook), MonitoringView(workbook),
                 PlanningView(workbook), SelfAssessmentView(workbook), EUCriteriaView(workbook), RolesView(workbook),
                 MergeView(workbook)]
        views += [cls(fjordland, workbook, county="F1") for cls in (SpecialisationView, NicheView, RankingView)]
        assert all(view.widget.children for view in views)
        assert "Du har ingen lagrede prioriteringer ennå" in ActionsView(workbook).widget.children[1].value
