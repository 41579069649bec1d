"""Parts of the workbook kept per priority (actions, indicators), keyed by
the priority's stable id (``key``). A priority keeps its id when it is
renamed, so its actions and indicators stay with it. Workbooks from before
the ids keyed a priority by its title (normalised): that old key is kept as
its id, so they need no conversion."""

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.core.parsing import blank, listing
from exercises.models import stakeholders
from exercises.workbook import readers
from exercises.workbook.readers import KEY, priority_key, saved_priorities
from exercises.workbook.sections import Section
from exercises.workbook.shapes import entry, mapping
from exercises.workbook.store import Workbook


def assign_keys(titles_and_keys: list[tuple[str, object]], saved: list[dict]) -> list[str]:
    """Stable ids for the priorities being saved: the id the form carried
    (a renamed priority keeps it), else the id of a saved priority with the
    same title, else a new id made from the title. No two share an id."""
    by_title = {priority_key(p["title"]): p["key"] for p in saved}
    given = [key if isinstance(key, str) and KEY.match(key) else None for _, key in titles_and_keys]
    keys: list[str | None] = []
    for key in given:  # first the ids the form carried, once each
        keys.append(key if key is not None and key not in keys else None)
    for n, (title, _) in enumerate(titles_and_keys):
        if keys[n] is None:
            key = by_title.get(priority_key(title))
            if key is None or key in keys:
                key, number = priority_key(title)[:90], 2
                while key in keys:
                    key, number = f"{priority_key(title)[:90]}-{number}", number + 1
            keys[n] = key
    return keys


def resolve_priority(priorities: list[dict], value) -> dict:
    """The saved priority the learner chose, by title or key."""
    if not priorities:
        raise InputError(f"Du har ingen lagrede prioriteringer. Lag dem i {Section.PRIORITIES.chapter} først.")
    if not isinstance(value, str) or blank(value):
        raise InputError("Velg en av prioriteringene dine fra lista.")
    for priority in priorities:
        if priority["key"] == value or priority_key(priority["title"]) == priority_key(value):
            return priority
    raise InputError(f"«{value[:60]}» er ikke en av prioriteringene dine. Velg fra lista: "
                     f"{listing(p['title'] for p in priorities)}.")


def saved_for_priority(workbook: Workbook, section: Section, key: str) -> dict:
    """What ``section`` holds for the priority with id ``key``, or {}."""
    return readers.parts(workbook, section).get(key, {})


def put_for_priority(workbook: Workbook, section: Section, priority: dict, part: dict) -> None:
    """Save one priority's part of ``section``; what is saved for the other
    priorities (also those since renamed or removed) is kept as it is."""
    by_priority = dict(mapping(entry(workbook, section), "by_priority"))
    by_priority[priority["key"]] = {"priority": priority["title"], **part}
    workbook.put(section, {"county": workbook.county, "by_priority": by_priority})


def orphaned(workbook: Workbook) -> list[str]:
    """Titles under which actions or indicators are saved for a priority
    that no longer exists."""
    keys = {p["key"] for p in saved_priorities(workbook)}
    titles = []
    for section in readers.PER_PRIORITY:
        titles += [str(v.get("priority") or k) for k, v in readers.parts(workbook, section).items() if k not in keys]
    return list(dict.fromkeys(t[:60] for t in titles))


def without_part(workbook: Workbook, section: str) -> list[str]:
    """Titles of saved priorities that have nothing saved in ``section`` yet."""
    return [p["title"] for p in saved_priorities(workbook) if not saved_for_priority(workbook, section, p["key"])]


class PerPriorityExercise:
    """Base of the exercises that add a part (actions, indicators) to each
    saved priority. A subclass says how to check an answer (``parse``, which
    returns the part to store) and what to teach about it (``notes``)."""

    section: Section
    what = ""  # the part, in Norwegian: «tiltak», «indikatorer»

    def __init__(self, workbook: Workbook):
        self.priorities = saved_priorities(workbook)
        self.actors = {a.name: a for a in stakeholders.saved_actors(workbook)}

    def parse(self, *answer) -> tuple[dict, list[str]]:
        raise NotImplementedError

    def notes(self, part: dict) -> list[str]:
        raise NotImplementedError

    def _checked(self, priority, answer) -> tuple[dict | None, dict | None, list[str]]:
        try:
            chosen = resolve_priority(self.priorities, priority)
        except InputError as error:
            return None, None, [str(error)]
        part, errors = self.parse(*answer)
        return chosen, part, errors

    def check(self, priority, *answer) -> Feedback:
        _, part, errors = self._checked(priority, answer)
        return Feedback(errors=errors) if errors else Feedback(notes=self.notes(part))

    def save(self, workbook: Workbook, priority, *answer) -> Feedback:
        chosen, part, errors = self._checked(priority, answer)
        if errors:
            return Feedback(errors=errors)
        put_for_priority(workbook, self.section, chosen, part)
        result = Feedback(notes=self.notes(part))
        left = without_part(workbook, self.section)
        if left:
            result.notes.append(f"Du har ennå ikke lagret {self.what} for {listing(left)}. "
                                "Velg dem i lista øverst i øvelsen.")
        result.saved = f"{self.what.capitalize()} for «{chosen['title']}» er lagret i arbeidsboka ({workbook.path})."
        return result

    def saved_part(self, workbook: Workbook, priority) -> dict:
        """What is saved for ``priority`` (a title), or an empty dict."""
        try:
            chosen = resolve_priority(self.priorities, priority)
        except InputError:
            return {}
        return saved_for_priority(workbook, self.section, chosen["key"])


