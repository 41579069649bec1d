"""Exercise «Slå sammen arbeidsbøker» (For lærere og workshopledere): the
group's choices counted from a folder of workbooks; damaged and newer files
skipped and left untouched byte for byte; bad folders; and the view."""

import json
import os
from pathlib import Path

import pytest
from workbooks import PRIORITIES as RIGHT
from workbooks import hostile_files, read_in_time, valid, with_analysis, with_priorities

from exercises.core import paths
from exercises.models.merge import MAX_PATH, merge_folder, parse_workbook, read_folder
from exercises.models.priorities import PrioritiesExercise
from exercises.reports.learner_tables import merged_choices_html
from exercises.views.merge_view import MergeView
from exercises.workbook.store import SCHEMA_VERSION, Workbook

DAMAGED = b'{"schema_version": 1, "sections": {"profil": '
NEWER = json.dumps({"schema_version": SCHEMA_VERSION + 1, "sections": {}}).encode("utf-8")


def snapshot(folder):
    """Every file in the folder with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def folder(tmp_path):
    """Three learners, one damaged file and one from a newer course version."""
    group = tmp_path / "klasse"
    group.mkdir()
    with_priorities(Workbook(group / "arbeidsbok-ane.json"))
    with_analysis(Workbook(group / "arbeidsbok-bo.json"), analysis=False)  # picks and niches, no priorities
    kari = with_analysis(Workbook(group / "arbeidsbok-kari.json"))
    other = [dict(RIGHT[0], title="SJØMAT  med merkevare")] + RIGHT[1:]  # same priority, other spelling
    assert PrioritiesExercise(kari).save(kari, other).ok
    (group / "arbeidsbok-ola.json").write_bytes(DAMAGED)
    (group / "arbeidsbok-per.json").write_bytes(NEWER)
    (group / "notater.txt").write_text("ikke en arbeidsbok", encoding="utf-8")
    return group


def test_counts_what_the_group_chose(folder, tmp_path):
    merged = read_folder(folder)
    assert [p.file for p in merged.learners] == ["arbeidsbok-ane.json", "arbeidsbok-bo.json", "arbeidsbok-kari.json"]
    assert merged.counts("strengths") == [("Sjømatindustri", 3), ("Verft", 3), ("Fiske og havbruk", 1)]
    assert merged.counts("niches") == [("IKT og forretningstjenester", 3)]
    assert merged.counts("priorities") == [("Grønne verft", 2), ("Sjømat med merkevare", 2),
                                           ("Sporbar sjømat med IKT", 2)]
    assert merged.learners[0].county == "Kystby"


def test_damaged_and_newer_files_are_skipped_with_a_message_and_left_untouched(folder):
    before = snapshot(folder)
    merged = read_folder(folder)
    assert merged.skipped == [
        "arbeidsbok-ola.json er hoppet over: filen er ikke gyldig JSON (linje 1, tegn 46). Filen er ikke endret.",
        f"arbeidsbok-per.json er hoppet over: arbeidsboka er laget av en nyere versjon av kurset (versjon "
        f"{SCHEMA_VERSION + 1}); oppdater kurset for å lese den. Filen er ikke endret."]
    assert snapshot(folder) == before  # same files, same bytes, same times: nothing renamed, written or added


def test_the_summary_is_saved_in_the_teachers_own_workbook_only(folder, tmp_path):
    before = snapshot(folder)
    teacher = Workbook(tmp_path / "lærer.json")
    result, merged = merge_folder(teacher, str(folder))
    assert result.ok and "lagret i din egen arbeidsbok" in result.saved
    assert result.notes[0].startswith("arbeidsbok-ola.json er hoppet over")
    assert "Leste 3 arbeidsbøker" in result.notes[2]
    assert "Styrker: flest valgte «Sjømatindustri» (3 av 3)." in result.notes
    saved = Workbook(teacher.path).value("workshop")
    assert saved["folder"] == str(folder) and len(saved["files"]) == 3 and len(saved["skipped"]) == 2
    assert saved["priorities"][0] == ["Grønne verft", 2]
    assert snapshot(folder) == before


def test_the_teachers_workbook_in_the_same_folder_is_not_counted(folder):
    teacher = Workbook(folder / "arbeidsbok-ane.json")
    result, merged = merge_folder(teacher, str(folder))
    assert [p.file for p in merged.learners] == ["arbeidsbok-bo.json", "arbeidsbok-kari.json"]


def test_summary_tables_name_their_source_and_escape_learner_text(tmp_path):
    group = tmp_path / "gruppe"
    group.mkdir()
    learner = with_analysis(Workbook(group / "a.json"))
    evil = [dict(RIGHT[0], title="<script>x</script>")] + RIGHT[1:]
    assert PrioritiesExercise(learner).save(learner, evil).ok
    html = merged_choices_html(read_folder(group))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert html.count("<table>") == 3 and "<caption>Prioriteringer gruppen valgte</caption>" in html
    assert "Kilde: 1 deltakeres arbeidsbøker i mappen" in html and "Valgene er deltakernes egne" in html


def test_a_group_that_has_saved_nothing_yet(tmp_path):
    group = tmp_path / "tom"
    group.mkdir()
    Workbook(group / "a.json").put("profil", {"county": "18", "county_name": "Nordland"})
    merged = read_folder(group)
    assert "ingen av deltakerne har lagret noen ennå" in merged_choices_html(merged)


@pytest.mark.parametrize("content,reason", [
    (b"\xff\xfe not utf-8", "filen er ikke UTF-8-tekst"),
    (b"[1, 2, 3]", "filen har ikke arbeidsbokas oppbygning"),
    (b'{"schema_version": "1", "sections": {}}', "filen mangler versjonsnummer"),
    (b'{"schema_version": true, "sections": {}}', "filen mangler versjonsnummer"),
    (b'{"schema_version": 1, "sections": []}', "filen har ikke arbeidsbokas oppbygning"),
])
def test_files_that_are_not_workbooks(content, reason):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_workbook(content)


@pytest.mark.parametrize("text,message", [
    ("", "Mappe: feltet er tomt"),
    (None, "Mappe: feltet er tomt"),
    (42, "Mappe: skriv tekst (fikk int)"),
    ("x" * (MAX_PATH + 1), f"Mappe: teksten er {MAX_PATH + 1} tegn"),
])
def test_a_folder_that_is_not_typed_right(workbook, text, message):
    result, merged = merge_folder(workbook, text)
    assert merged is None and result.errors[0].startswith(message)
    assert not workbook.path.exists()


def test_a_folder_that_does_not_exist_or_is_a_file_or_is_empty(workbook, tmp_path):
    result, _ = merge_folder(workbook, str(tmp_path / "finnes-ikke"))
    assert result.errors[0].startswith(f"Fant ikke mappen {tmp_path / 'finnes-ikke'}.")
    file = tmp_path / "fil.json"
    file.write_text("{}", encoding="utf-8")
    result, _ = merge_folder(workbook, str(file))
    assert result.errors[0] == f"{file} er en fil, ikke en mappe. Skriv stien til mappen som arbeidsbøkene ligger i."
    empty = tmp_path / "tom"
    empty.mkdir()
    result, _ = merge_folder(workbook, f"  {empty}  ")
    assert result.errors[0].startswith(f"Fant ingen arbeidsbøker (.json-filer) i {empty}.")
    (empty / "a.json").write_bytes(DAMAGED)
    result, _ = merge_folder(workbook, str(empty))
    assert result.errors[0].startswith("Fant ingen arbeidsbøker som kunne leses")
    assert result.errors[1].startswith("a.json er hoppet over")
    assert not workbook.path.exists()


def test_a_file_that_cannot_be_read_and_a_folder_named_json_are_skipped(folder, monkeypatch):
    (folder / "mappe.json").mkdir()
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if Path(path).name == "arbeidsbok-bo.json":
            raise PermissionError(13, "Ingen tilgang")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    merged = read_folder(folder)
    assert "arbeidsbok-bo.json er hoppet over: Ingen tilgang. Filen er ikke endret." in merged.skipped
    assert "mappe.json er hoppet over: dette er ikke en vanlig fil. Filen er ikke endret." in merged.skipped
    assert len(merged.learners) == 2


def test_view_reads_the_folder_and_shows_the_tables(folder, workbook):
    before = snapshot(folder)
    view = MergeView(workbook)
    view.folder.value = str(folder)
    view.button.click()
    assert "lagret i din egen arbeidsbok" in view.feedback.value
    assert "arbeidsbok-ola.json er hoppet over" in view.feedback.value
    assert "<caption>Styrker gruppen valgte</caption>" in view.summary.value
    assert snapshot(folder) == before
    again = MergeView(Workbook(workbook.path))
    assert again.folder.value == str(folder)


def test_view_shows_errors(workbook, tmp_path):
    view = MergeView(workbook)
    view.folder.value = str(tmp_path / "finnes-ikke")
    view.button.click()
    assert "Rett opp dette" in view.feedback.value and "Fant ikke mappen" in view.feedback.value
    assert view.summary.value == "" and not workbook.path.exists()


def test_every_hostile_file_is_skipped_by_name_and_the_rest_is_merged(tmp_path):
    group = tmp_path / "fiendtlig"
    reasons = hostile_files(group)
    (group / "god.json").write_text(json.dumps(valid()), encoding="utf-8")
    before = {p.name: p.lstat().st_mtime_ns for p in group.iterdir()}
    merged = read_in_time(group)
    assert [p.file for p in merged.learners] == ["god.json"]
    assert merged.counts("priorities") == [("Sjømat med merkevare", 1)]
    expected = [f"{name} er hoppet over: {reasons[name]}" for name in sorted(reasons)]
    assert len(merged.skipped) == len(expected)
    for message, start in zip(merged.skipped, expected):
        assert message.startswith(start) and message.endswith("Filen er ikke endret."), message
    assert {p.name: p.lstat().st_mtime_ns for p in group.iterdir()} == before
    assert not any("Traceback" in m or "Error" in m for m in merged.skipped)


def test_the_teachers_merge_of_hostile_files_saves_a_summary(tmp_path):
    group = tmp_path / "fiendtlig"
    hostile_files(group)
    (group / "god.json").write_text(json.dumps(valid()), encoding="utf-8")
    teacher = Workbook(tmp_path / "lærer.json")
    result, merged = read_in_time(group, lambda folder: merge_folder(teacher, str(folder)))
    assert result.ok and "lagret i din egen arbeidsbok" in result.saved
    assert len(Workbook(teacher.path).value("workshop")["skipped"]) == 11


def test_strings_with_lone_surrogates_and_control_characters_are_cleaned(tmp_path):
    group = tmp_path / "gruppe"
    group.mkdir()
    # valid JSON with an escaped lone surrogate, NUL and U+000B, in a file name that is not UTF-8
    text = json.dumps(valid("Sjø\ud800mat\x00 med\x0b merkevare"))  # ASCII only: written as \ud800, \u0000 …
    assert "\\ud800" in text and "\\u000b" in text
    (group / os.fsdecode(b"kari-\xff.json")).write_text(text, encoding="utf-8")
    teacher = Workbook(tmp_path / "lærer.json")
    result, merged = merge_folder(teacher, str(group))
    assert result.ok, result.errors
    assert merged.counts("priorities") == [("Sjømat med merkevare", 1)]
    saved = Workbook(teacher.path).value("workshop")
    assert saved["priorities"] == [["Sjømat med merkevare", 1]] and saved["files"] == ["kari-.json"]


def test_files_near_the_size_limit_do_not_bloat_the_teachers_workbook(tmp_path):
    group = tmp_path / "store"
    group.mkdir()
    for name in ("a", "b"):
        book = valid()
        book["sections"]["prioriteringer"]["value"]["priorities"] = [
            {"key": f"{name}{i}" + "x" * 2400, "title": f"{name}{i}" + "x" * 2400} for i in range(1000)]
        raw = json.dumps(book).encode("utf-8")
        assert 4_800_000 < len(raw) < 5_000_000
        (group / f"{name}.json").write_bytes(raw)
    teacher = Workbook(tmp_path / "lærer.json")
    result, merged = merge_folder(teacher, str(group))
    assert result.ok and len(merged.learners) == 2
    assert all(len(p.priorities) == 100 and max(map(len, p.priorities)) == 200 for p in merged.learners)
    assert teacher.path.stat().st_size < 100_000
    assert len(Workbook(teacher.path).value("workshop")["priorities"]) == 100


def test_a_summary_that_cannot_be_saved_is_reported_not_raised(folder, tmp_path, monkeypatch):
    teacher = Workbook(tmp_path / "lærer.json")

    def full_disk(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("exercises.workbook.store.write_atomic", full_disk)
    result, merged = merge_folder(teacher, str(folder))
    assert not result.ok and len(merged.learners) == 3
    assert result.errors[0].startswith("«workshop» ble ikke lagret: disken er full")


def test_view_reads_a_folder_of_hostile_files_and_names_them(tmp_path, workbook):
    group = tmp_path / "fiendtlig"
    reasons = hostile_files(group)
    (group / "god.json").write_text(json.dumps(valid("<i>Sjømat</i>")), encoding="utf-8")
    view = MergeView(workbook)
    view.folder.value = str(group)
    read_in_time(view, lambda v: v.button.click())  # the click returns; it does not hang on the FIFO
    assert "lagret i din egen arbeidsbok" in view.feedback.value
    assert all(f"{name} er hoppet over" in view.feedback.value for name in reasons)
    assert "&lt;i&gt;Sjømat&lt;/i&gt;" in view.summary.value and "<i>" not in view.summary.value
    assert Workbook(workbook.path).value("workshop")["priorities"] == [["<i>Sjømat</i>", 1]]


def test_in_a_workshop_a_participant_cannot_read_folders_on_the_teachers_machine(workbook, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.WORKSHOP_ENV, str(tmp_path / "verksted"))
    view = MergeView(workbook)
    assert not hasattr(view, "folder") and not hasattr(view, "button")  # no path to type, nothing to read
    assert "lærersiden" in view.widget.children[0].value
