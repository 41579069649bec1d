"""Each section carries its revision: a page that read an older revision
cannot save over a newer one (another tab, another chapter, another
kernel), and a workbook that is replaced is always kept as a backup."""

import json
import re

import pytest
from workbook_worker import worker

from exercises.core.errors import InputError
from exercises.workbook.sections import Section
from exercises.workbook.store import BACKUP_FOLDER, Conflict, Workbook


def test_a_save_based_on_an_older_revision_is_refused_and_changes_nothing(workbook):
    workbook.put(Section.VISION, {"statement": "Gammel visjon"})
    tab_a, tab_b = Workbook(workbook.path), Workbook(workbook.path)
    seen_a, seen_b = tab_a.revisions(), tab_b.revisions()
    with tab_a.based_on(seen_a):
        tab_a.put(Section.VISION, {"statement": "Ny visjon"})
    before = workbook.path.read_bytes()
    with pytest.raises(Conflict, match="Visjon og mål.*Hent det som er lagret.*Behold begge") as refused:
        with tab_b.based_on(seen_b):
            tab_b.put(Section.VISION, {"statement": "Gammel visjon", "goals": [{"text": "Mål 5"}]})
    assert refused.value.section == Section.VISION
    assert workbook.path.read_bytes() == before
    assert Workbook(workbook.path).value(Section.VISION) == {"statement": "Ny visjon"}


def test_keeping_both_saves_and_keeps_the_newer_version_as_a_backup(workbook):
    workbook.put(Section.VISION, {"statement": "Fra fane A"})
    stale = {}
    workbook.put(Section.VISION, {"statement": "Fra fane A, andre gang"})
    with workbook.based_on(stale, keep_other=True):
        workbook.put(Section.VISION, {"statement": "Fra fane B"})
    assert Workbook(workbook.path).value(Section.VISION) == {"statement": "Fra fane B"}
    [backup] = workbook.backups()
    assert backup.reason == "samtidig" and "samtidig lagring" in backup.label
    kept = json.loads(backup.path.read_text(encoding="utf-8"))
    assert kept["sections"]["visjon"]["value"] == {"statement": "Fra fane A, andre gang"}


def test_other_sections_and_saves_without_a_base_are_not_checked(workbook):
    base = workbook.revisions()
    workbook.put(Section.PROFILE, {"county": "18"})
    with workbook.based_on(base):
        workbook.put(Section.VISION, {"statement": "Egen del"})  # «profil» changed, «visjon» did not
    workbook.put(Section.VISION, {"statement": "Uten grunnlag"})  # no base: as before
    assert workbook.revision(Section.VISION) == 2


def test_a_workbook_saved_before_revisions_opens_and_counts_from_zero(tmp_path):
    path = tmp_path / "arbeidsbok.json"
    path.write_text(json.dumps({"schema_version": 1, "created": "2026-11-01T10:00:00", "sections": {
        "visjon": {"saved": "2026-11-01T10:00:00", "value": {"statement": "Gammel"}}}}), encoding="utf-8")
    book = Workbook(path)
    assert book.value(Section.VISION) == {"statement": "Gammel"} and book.revision(Section.VISION) == 0
    with book.based_on(book.revisions()):
        book.put(Section.VISION, {"statement": "Ny"})
    assert Workbook(path).revision(Section.VISION) == 1


def test_two_processes_that_read_the_same_revision_cannot_both_save(tmp_path):
    """Two kernels (two tabs) read «visjon» at revision 1; the first saves, the
    second is refused, and the file holds the first one's vision."""
    path = tmp_path / "arbeidsbok.json"
    Workbook(path).put(Section.VISION, {"statement": "Start"})
    first_go, second_go = tmp_path / "a", tmp_path / "b"
    first = worker("stale", path, Section.VISION, first_go)
    second = worker("stale", path, Section.VISION, second_go)
    for run in (first, second):
        assert run.stdout.readline().strip() == "ready"
    first_go.touch()
    out_first = first.communicate(timeout=60)[0]
    second_go.touch()
    out_second = second.communicate(timeout=60)[0]
    assert out_first.startswith("saved") and out_second.startswith("conflict Ikke lagret")
    saved = Workbook(path).value(Section.VISION)
    assert saved == {"from": f"prosess {first.pid}"}


def test_an_upload_with_a_wrong_shape_is_refused_naming_the_section(workbook):
    workbook.put(Section.PRIORITIES, {"priorities": [{"title": "Havbruk"}]})
    before = workbook.path.read_bytes()
    for sections, named in (({"prioriteringer": 42}, "«prioriteringer» (fra kapitlet «Prioritere»)"),
                            ({"prioriteringer": {"value": {"priorities": 42}}}, "«priorities» skal være en liste"),
                            ({"visjon": {"value": {"goals": ["mål"]}}}, "«visjon»"),
                            ({"tiltak": {"value": "tekst"}}, "«tiltak»")):
        content = json.dumps({"schema_version": 1, "sections": sections}).encode()
        with pytest.raises(InputError, match=re.escape(named)):
            workbook.replace(content)
        assert workbook.path.read_bytes() == before
    assert workbook.backups() == []


def test_an_upload_keeps_the_replaced_workbook_as_a_backup_that_can_be_restored(workbook):
    workbook.put(Section.PRIORITIES, {"priorities": [{"title": "Havbruk"}]})
    mine = workbook.path.read_bytes()
    upload = json.dumps({"schema_version": 1, "sections": {"profil": {"value": {"county": "46"}}}}).encode()
    kept = workbook.replace(upload)
    assert kept.parent.name == BACKUP_FOLDER and kept.read_bytes() == mine
    assert workbook.county == "46" and workbook.value(Section.PRIORITIES) is None
    [backup] = workbook.backups()
    assert backup.path == kept and backup.label.endswith("før opplasting")
    workbook.restore(backup.path)
    assert Workbook(workbook.path).value(Section.PRIORITIES) == {"priorities": [{"title": "Havbruk"}]}
    assert [b.reason for b in workbook.backups()] == ["gjenoppretting", "opplasting"]


def test_a_page_that_read_the_workbook_before_an_upload_cannot_save_over_it(workbook):
    workbook.put(Section.VISION, {"statement": "Før"})
    page = Workbook(workbook.path)
    base = page.revisions()
    uploaded = json.dumps({"schema_version": 1, "sections": {
        "visjon": {"saved": "2026-11-01T10:00:00", "value": {"statement": "Opplastet"}, "rev": 1}}}).encode()
    workbook.replace(uploaded)
    with pytest.raises(Conflict), page.based_on(base):
        page.put(Section.VISION, {"statement": "Fra siden"})
    assert Workbook(workbook.path).value(Section.VISION) == {"statement": "Opplastet"}


def test_only_this_workbooks_backups_can_be_restored(workbook, tmp_path):
    stranger = tmp_path / "annen.json"
    stranger.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="hører ikke til"):
        workbook.restore(stranger)
