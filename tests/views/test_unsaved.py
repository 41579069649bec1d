"""Nothing the learner types is lost without a word (exercises/views/unsaved.py):
drafts kept per priority, the «unsaved» mark the live page asks on, a save
over a newer version refused with a choice, check boxes for several choices."""

from workbooks import ACTIONS, VISION, with_priorities

from exercises.views.actions_view import ActionsView
from exercises.views.monitoring_view import MonitoringView
from exercises.views.priorities_view import PrioritiesView
from exercises.views.unsaved import UNSAVED
from exercises.views.vision_view import VisionView
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

OWN = "Utviklingsprogram for lukkede og semilukkede oppdrettsanlegg"


def test_an_action_typed_for_one_priority_survives_switching_and_back(workbook):
    with_priorities(workbook)
    view = ActionsView(workbook)
    first, second = view.priority.options[:2]
    assert UNSAVED not in view.widget._dom_classes
    view.texts[0].value = OWN
    assert UNSAVED in view.widget._dom_classes
    view.priority.value = second
    assert view.texts[0].value == ""  # the other priority's form
    assert f"«{first}»" in view.drafts_note.value and "Ikke lagret ennå" in view.drafts_note.value
    assert UNSAVED in view.widget._dom_classes  # the page still asks before it is left
    view.priority.value = first
    assert view.texts[0].value == OWN and view.drafts_note.value == ""
    view.kinds[0].value, view.responsible[0].value = ACTIONS[0][1], ACTIONS[0][2]
    view.button.click()
    assert "lagret" in view.feedback.value
    assert UNSAVED not in view.widget._dom_classes
    again = ActionsView(Workbook(workbook.path))
    assert again.texts[0].value == OWN


def test_indicators_survive_switching_priority_too(workbook):
    with_priorities(workbook)
    view = MonitoringView(workbook)
    first, second = view.priority.options[:2]
    view.assumption.value = "Hvis vi gjør dette, fører det til noe."
    view.priority.value = second
    view.priority.value = first
    assert view.assumption.value == "Hvis vi gjør dette, fører det til noe."


def test_two_tabs_on_visjon_og_mal_never_overwrite_in_silence(workbook):
    tab_a, tab_b = VisionView(Workbook(workbook.path)), VisionView(Workbook(workbook.path))
    for tab in (tab_a, tab_b):
        tab.statement.value = "Gammel visjon for fylket"
        for field, key in zip(tab.parts.values(), ("destination", "purpose", "values")):
            field.value = VISION[key]
        tab.goals[0].value, tab.years[0].value = "Øke eksporten med 30 prosent", "2030"
    tab_a.button.click()
    assert "lagret" in tab_a.feedback.value
    tab_b.goals[1].value, tab_b.years[1].value = "500 nye arbeidsplasser", "2032"  # B never saw A's save
    tab_a.statement.value = "Ny visjon fra fane A"
    tab_a.button.click()
    tab_b.button.click()
    assert "Ikke lagret" in tab_b.feedback.value and "Hent det som er lagret" in tab_b.feedback.value
    assert tab_b.conflict.layout.display == "flex" and tab_b.keep_button in tab_b.conflict.children
    assert Workbook(workbook.path).value(Section.VISION)["statement"] == "Ny visjon fra fane A"
    assert UNSAVED in tab_b.widget._dom_classes
    tab_b.keep_button.click()  # keep both: B's is saved, A's kept as a backup
    assert "lagret" in tab_b.feedback.value
    book = Workbook(workbook.path)
    assert len(book.value(Section.VISION)["goals"]) == 2
    [backup] = book.backups()
    assert "Ny visjon fra fane A" in backup.path.read_text(encoding="utf-8")


def test_fetching_what_is_saved_fills_the_form_again(workbook):
    tab_a, tab_b = VisionView(Workbook(workbook.path)), VisionView(Workbook(workbook.path))
    for tab, text in ((tab_a, "Visjon fra A"), (tab_b, "Visjon fra B")):
        tab.statement.value = text
        for field, key in zip(tab.parts.values(), ("destination", "purpose", "values")):
            field.value = VISION[key]
        tab.goals[0].value, tab.years[0].value = "Øke eksporten med 30 prosent", "2030"
    tab_a.button.click()
    tab_b.button.click()
    tab_b.fetch_button.click()
    assert tab_b.statement.value == "Visjon fra A" and UNSAVED not in tab_b.widget._dom_classes
    tab_b.statement.value = "Visjon fra B, etter A"
    tab_b.button.click()
    assert "lagret" in tab_b.feedback.value


def test_priorities_use_check_boxes_and_name_what_is_chosen(workbook):
    with_priorities(workbook)
    view = PrioritiesView(workbook)
    links = view.links[0]
    assert links.value and all(isinstance(b.value, bool) for b in links.boxes.children)
    chosen = links.value
    other = next(b for b, key in zip(links.boxes.children, links.choice_keys) if key not in chosen)
    other.value = True  # one more click keeps the earlier choices
    assert set(chosen) < set(links.value)
    assert "Valgt (" in links.summary.value


def test_a_list_of_check_boxes_can_be_sent_to_the_browser():
    import json

    from exercises.views.choices import ChoiceList
    choices = ChoiceList([("Bergverksdrift", "bergverk"), ("Havbruk", "havbruk")], ("havbruk",), "Styrker")
    for widget in (choices, *choices.children, *choices.boxes.children):
        json.dumps(widget.get_state(), default=str)
    assert choices.value == ("havbruk",) and choices.boxes.children[1].value is True


def test_picks_typed_for_one_county_survive_switching_county_and_back(fjordland, workbook):
    from exercises.views.specialisation_view import SpecialisationView
    view = SpecialisationView(fjordland, workbook, county="F1")
    view.picks[0].value, view.reasons[0].value = "sjomat", "Foredling av sjømat"
    other = next(code for code in fjordland.regions if code != "F1")
    view.county.value = other
    assert view.reasons[0].value == "" and "Ikke lagret ennå" in view.drafts_note.value
    view.county.value = "F1"
    assert (view.picks[0].value, view.reasons[0].value) == ("sjomat", "Foredling av sjømat")
