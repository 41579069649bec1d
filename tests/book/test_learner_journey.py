"""A learner goes through the course in order, using only the widgets, on
real data for Vestland, and ends with the three files of the draft. Each
chapter reads what the earlier ones saved."""

import errno
from unittest import mock

import docx
import ipywidgets as w

from exercises.data.counties import COUNTIES_2024
from exercises.views.actions_view import ActionsView
from exercises.views.export_view import ExportView
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
from exercises.workbook.store import Workbook


def form(view) -> list:
    """Every value the learner can set in the view, in order."""
    values, stack = [], [view.widget]
    while stack:
        widget = stack.pop()
        stack.extend(reversed(getattr(widget, "children", ())))
        if isinstance(widget, w.ValueWidget) and not isinstance(widget, w.HTML):
            values.append(widget.value)
    return values


def saved(view) -> None:
    """Save as a learner does, first on a full disk: the message is shown and
    the form keeps what was typed; then for real."""
    typed = form(view)
    with mock.patch("exercises.workbook.store.write_atomic", side_effect=OSError(errno.ENOSPC, "No space left")):
        view.button.click()
    assert "ble ikke lagret: disken er full" in view.feedback.value, view.feedback.value
    assert form(view) == typed
    view.button.click()
    assert "lagret" in view.feedback.value and "Rett opp" not in view.feedback.value, view.feedback.value


def test_the_whole_course_ends_in_a_draft(real, workbook):
    path = workbook.path

    profile = ProfileView(COUNTIES_2024, Workbook(path))            # Velkommen
    profile.county.value, profile.role.value = "46", "Ny medarbeider i fylkeskommunen"
    saved(profile)

    quiz = QuizView(Workbook(path))                                  # Hva er smart spesialisering
    for radio in quiz.answers.values():
        radio.value = radio.options[0][1]
    saved(quiz)

    picks = SpecialisationView(real, Workbook(path))                 # Region og spesialisering
    assert picks.county.value == "46"
    for n, (industry, reason) in enumerate([("olje_gass_tjenester", "Leverandørindustrien rundt Bergen"),
                                            ("fiske_havbruk", "Havbruk langs hele kysten"),
                                            ("ind_verft_transportmidler", "Verft i Sunnhordland")]):
        picks.picks[n].value, picks.reasons[n].value = industry, reason
    saved(picks)

    niches = NicheView(real, Workbook(path))                         # Beslektet mangfold
    assert niches.strength.value == "olje_gass_tjenester"
    niches.rows.picks[0].value, niches.rows.reasons[0].value = "ind_metallvarer_maskiner", "Elektrifisering av skip"
    saved(niches)

    ranking = RankingView(real, Workbook(path))                      # Analysere
    assert ranking.strengths.value == ("olje_gass_tjenester", "fiske_havbruk", "ind_verft_transportmidler")
    assert ranking.niches.value == ("ind_metallvarer_maskiner",)
    ranking.weights["vekst"].value = 3
    saved(ranking)

    actors = StakeholdersView(Workbook(path))                        # Organisere
    for n, (name, helix) in enumerate([("Havbruksklyngen", "naeringsliv"), ("Universitetet i Bergen", "kunnskap"),
                                       ("Vestland fylkeskommune", "offentlig"), ("Kystlaget", "sivilsamfunn")]):
        actors.names[n].value, actors.helices[n].value = name, helix
    saved(actors)

    vision = VisionView(Workbook(path))                              # Visjon og mål
    vision.statement.value = "Vestland leder det grønne skiftet på havet"
    vision.parts["destination"].value = "Verftene bygger utslippsfrie skip for havbruket og havvind"
    vision.parts["purpose"].value = "Trygge arbeidsplasser langs kysten"
    vision.parts["values"].value = "Åpenhet, samarbeid og langsiktighet"
    vision.goals[0].value, vision.years[0].value = "Ti nye utslippsfrie fartøy i året", "2030"
    saved(vision)

    priorities = PrioritiesView(Workbook(path))                      # Prioritere
    options = dict((code, label) for label, code in priorities.links[0].options)
    assert {"olje_gass_tjenester", "ind_metallvarer_maskiner"} <= set(options)
    drivers = ("Havbruksklyngen", "Universitetet i Bergen")
    for n, (title, links) in enumerate([("Utslippsfrie fartøy", ("ind_verft_transportmidler",)),
                                        ("Elektrifisering til havs", ("ind_metallvarer_maskiner", "olje_gass_tjenester")),
                                        ("Bærekraftig havbruk", ("fiske_havbruk",))]):
        priorities.titles[n].value, priorities.reasons[n].value = title, f"Bygger på styrken bak «{title}»"
        priorities.links[n].value, priorities.drivers[n].value = links, drivers
    saved(priorities)

    actions = ActionsView(Workbook(path))                            # Gjennomføre, for each priority
    indicators = MonitoringView(Workbook(path))                      # Måle og lære, for each priority
    assert actions.priority.options == ("Utslippsfrie fartøy", "Elektrifisering til havs", "Bærekraftig havbruk")
    for title in actions.priority.options:
        actions.priority.value = title
        actions.texts[0].value, actions.kinds[0].value = f"Pilot for {title.lower()}", "oppdagelse"
        actions.responsible[0].value = "Havbruksklyngen"
        saved(actions)
        indicators.priority.value = title
        indicators.assumption.value = f"Hvis pilotene lykkes, vokser {title.lower()}."
        for key, value in {"name": f"Prosjekter i {title.lower()} (antall)", "baseline": "2", "baseline_year": "2024",
                           "target": "10", "target_year": "2030", "source": "Fylkeskommunens prosjektoversikt"}.items():
            indicators.fields[0][key].value = value
        indicators.fields[0]["level"].value = "effekt"
        saved(indicators)

    plan = PlanningView(Workbook(path))                              # Plan- og bygningsloven
    for key, dropdown in plan.places.items():
        dropdown.value = [value for _, value in dropdown.options if value][0]
    plan.form.value = plan.form.options[0][1]
    plan.button.click()
    assert "Rett opp" not in plan.feedback.value

    roles = SelfAssessmentView(Workbook(path))                      # Fylkeskommunens roller
    for dropdown, score in zip(roles.scores.values(), (3, 2, 3, 4, 2, 1)):
        dropdown.value = score
    saved(roles)

    export = ExportView(Workbook(path))                              # Ditt utkast
    export.button.click()
    files = sorted(path.parent.glob("utkast/*"))
    assert [f.suffix for f in files] == [".docx", ".html", ".md"], export.feedback.value
    markdown = files[2].read_text(encoding="utf-8")
    for text in ("Vestland", "Fiske, fangst og akvakultur", "Utslippsfrie fartøy", "Pilot for bærekraftig havbruk",
                 "Prosjekter i elektrifisering til havs (antall)", "Statistisk sentralbyrå", "**Svakest:** Måle og lære"):
        assert text in markdown, text
    assert "Mangler:" not in markdown
    word = "\n".join(p.text for p in docx.Document(files[0]).paragraphs)
    assert "Vestland leder det grønne skiftet på havet" in word
