"""The learner's workbook: nothing a learner writes is ever lost."""

import errno
import json
import os
import re
from pathlib import Path

import pytest

from exercises.core import paths
from exercises.core.errors import InputError
from exercises.workbook.store import MAX_BYTES, SCHEMA_VERSION, SaveError, Workbook


def test_round_trip_survives_a_kernel_restart(workbook):
    workbook.put("profil", {"county": "46", "role": "Annet"})
    again = Workbook(workbook.path)  # a new kernel reads the file afresh
    assert again.value("profil") == {"county": "46", "role": "Annet"}
    assert again.county == "46"
    on_disk = json.loads(workbook.path.read_text(encoding="utf-8"))
    assert on_disk["schema_version"] == SCHEMA_VERSION
    assert on_disk["sections"]["profil"]["saved"]


def test_later_chapters_read_what_earlier_ones_saved(workbook):
    workbook.put("profil", {"county": "18"})
    workbook.put("spesialisering", {"picks": [{"industry": "fiske_havbruk", "reason": "Havbruk"}]})
    later = Workbook(workbook.path)
    assert later.county == "18"
    assert later.value("spesialisering")["picks"][0]["reason"] == "Havbruk"


def test_location_is_settable(tmp_path, monkeypatch):
    target = tmp_path / "et annet sted" / "min.json"
    monkeypatch.setenv(paths.WORKBOOK_ENV, str(target))
    Workbook().put("profil", {"county": "03"})
    assert json.loads(target.read_text(encoding="utf-8"))["sections"]["profil"]["value"]["county"] == "03"


def test_learner_text_is_stored_as_text_never_evaluated(workbook):
    text = "__import__('os').system('rm -rf /') <script>alert(1)</script> «æøå» {{ x }}"
    workbook.put("notat", text)
    assert Workbook(workbook.path).value("notat") == text


def test_failed_save_leaves_the_old_file_whole(workbook, monkeypatch):
    workbook.put("profil", {"county": "11"})
    before = workbook.path.read_bytes()

    def crash(*args):
        raise OSError("disken er full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SaveError, match="«profil» ble ikke lagret: filsystemet svarte"):
        workbook.put("profil", {"county": "15"})
    assert workbook.path.read_bytes() == before
    assert not list(workbook.path.parent.glob("*.tmp"))  # no temp file left
    assert workbook.county == "11"  # memory is not ahead of the file


@pytest.mark.parametrize("code, says", [(errno.ENOSPC, "disken er full"), (errno.EROFS, "skrivebeskyttet"),
                                        (errno.EACCES, "ikke lov til å skrive")])
def test_a_failed_save_says_why_in_norwegian(workbook, monkeypatch, code, says):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(SaveError, match=says) as raised:
        workbook.put("visjon", "ny")
    assert os.strerror(code) not in str(raised.value)  # no English system text


def test_a_lone_surrogate_or_control_character_is_cleaned_and_later_saves_work(workbook):
    workbook.put("notat", {"tekst": "Fiske\ud800 og\x00 havbruk\x0b", "\udfffnøkkel": ["a\x07b"]})
    workbook.put("visjon", "neste lagring virker")
    again = Workbook(workbook.path)
    assert again.value("notat") == {"tekst": "Fiske og havbruk", "nøkkel": ["ab"]}
    assert again.value("visjon") == "neste lagring virker"


def test_a_save_that_would_pass_the_size_limit_is_refused(workbook):
    workbook.put("visjon", "liten")
    before = workbook.path.read_bytes()
    with pytest.raises(SaveError, match="større enn 5 MB"):
        workbook.put("notat", "x" * MAX_BYTES)
    assert workbook.path.read_bytes() == before and workbook.value("notat") is None


def test_temporary_files_of_killed_saves_are_removed_at_the_next_open(workbook):
    workbook.put("profil", {"county": "18"})
    for n in range(3):
        (workbook.path.parent / f".arbeidsbok-gammel{n}.tmp").write_text("halv", encoding="utf-8")
    assert Workbook(workbook.path).county == "18"
    assert not list(workbook.path.parent.glob("*.tmp"))


def test_a_file_changed_with_the_same_size_and_time_is_seen(workbook):
    """Change detection is by content, not by (mtime, size)."""
    workbook.put("profil", {"county": "11"})
    stamp = workbook.path.stat()
    text = workbook.path.read_text(encoding="utf-8").replace('"11"', '"15"')
    workbook.path.write_text(text, encoding="utf-8")
    os.utime(workbook.path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert workbook.county == "15"


HOSTILE = {
    "not json": b"{\"sections\": {",
    "a list": b"[1, 2, 3]",
    "not utf-8": b"\xff\xfe not utf-8",
    "no version": b"{\"sections\": {}}",
    "empty": b"",
    "NaN inside": b'{"schema_version": 1, "sections": {"x": {"value": NaN}}}',
    "Infinity inside": b'{"schema_version": 1, "sections": {"x": {"value": -Infinity}}}',
    "deep nesting": b'{"schema_version": 1, "sections": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}",
    "moderate nesting": b'{"schema_version": 1, "sections": {"x": ' + b"[" * 500 + b"]" * 500 + b"}}",
    "too large": b'{"schema_version": 1, "sections": {"x": "' + b"x" * MAX_BYTES + b'"}}',
    "version as text": b'{"schema_version": "1", "sections": {}}',
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_damaged_file_is_set_aside_never_overwritten(tmp_path, content):
    path = tmp_path / "arbeidsbok.json"
    path.write_bytes(content)
    book = Workbook(path)
    aside = [p for p in tmp_path.iterdir() if ".skadet-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert "kunne ikke leses: filen" in book.messages[0] and aside[0].name in book.messages[0]
    assert not re.search(r"Expecting|line \d|column|decode|codec|Errno", book.messages[0])  # Norwegian only
    book.put("profil", {"county": "42"})  # the learner can go on working
    assert aside[0].read_bytes() == content
    assert Workbook(path).county == "42"


def test_a_file_with_characters_that_cannot_be_stored_is_read_with_them_removed(tmp_path):
    path = tmp_path / "arbeidsbok.json"
    path.write_bytes(b'{"schema_version": 1, "sections": {"visjon": {"value": "Gr\\u00f8nn\\ud800 a\\u0000b"}}}')
    book = Workbook(path)
    assert book.messages == [] and book.value("visjon") == "Grønn ab"
    book.put("profil", {"county": "18"})  # and the next save writes clean text
    assert json.loads(path.read_text(encoding="utf-8"))["sections"]["visjon"]["value"] == "Grønn ab"


@pytest.mark.parametrize("kind", ["folder", "under a file", "symlink to a device"])
def test_a_path_that_cannot_hold_a_workbook_is_refused_with_a_message(tmp_path, kind):
    if kind == "folder":
        path = tmp_path / "en mappe"
        path.mkdir()
        says = "er en mappe, ikke en fil"
    elif kind == "under a file":
        (tmp_path / "fil.txt").write_text("x", encoding="utf-8")
        path = tmp_path / "fil.txt" / "arbeidsbok.json"
        says = "er en fil og ikke en mappe"
    else:
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero on this system")
        path = tmp_path / "arbeidsbok.json"
        path.symlink_to("/dev/zero")
        says = "ikke en vanlig fil"
    before = sorted(p.name for p in tmp_path.iterdir())
    book = Workbook(path)
    assert says in book.messages[0] and "ARBEIDSBOK" in book.messages[0]
    assert book.value("profil") is None
    with pytest.raises(SaveError, match=says):
        book.put("profil", {"county": "18"})
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_file_from_a_newer_version_is_set_aside(tmp_path):
    path = tmp_path / "arbeidsbok.json"
    newer = json.dumps({"schema_version": SCHEMA_VERSION + 1, "sections": {"x": 1}})
    path.write_text(newer, encoding="utf-8")
    book = Workbook(path)
    aside = [p for p in tmp_path.iterdir() if ".versjon" in p.name]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == newer
    assert "nyere versjon" in book.messages[0]
    assert book.value("x") is None


def test_two_damaged_files_in_one_second_keep_both(tmp_path):
    path = tmp_path / "arbeidsbok.json"
    for content in ("første", "andre"):
        path.write_text(content, encoding="utf-8")
        Workbook(path)
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("arbeidsbok*"))
    assert kept == ["andre", "første"]


@pytest.mark.parametrize("value", [object(), {"x": float("nan")}, {1j: "a"}])
def test_values_that_are_not_json_are_refused_with_a_message(workbook, value):
    with pytest.raises(InputError, match="Kunne ikke lagre"):
        workbook.put("notat", value)
    assert not workbook.path.exists()


def test_section_needs_a_name(workbook):
    with pytest.raises(InputError):
        workbook.put("", "tekst")


def test_two_open_chapters_never_undo_each_others_work(workbook):
    """Each chapter has its own kernel and its own Workbook object."""
    other = Workbook(workbook.path)
    workbook.put("tiltak", {"a": "tiltak fra Gjennomføre"})
    assert other.value("tiltak") == {"a": "tiltak fra Gjennomføre"}  # sees the newer file
    other.put("indikatorer", {"b": "indikator fra Måle og lære"})
    workbook.put("visjon", "en visjon")
    final = Workbook(workbook.path)
    assert final.value("tiltak") and final.value("indikatorer") and final.value("visjon") == "en visjon"


def test_a_file_damaged_while_open_is_set_aside_before_saving(workbook):
    workbook.put("profil", {"county": "11"})
    workbook.path.write_text("{ødelagt", encoding="utf-8")
    workbook.put("visjon", "ny")
    aside = [p for p in workbook.path.parent.iterdir() if ".skadet-" in p.name]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{ødelagt"
    assert Workbook(workbook.path).value("visjon") == "ny"


def test_a_workbook_file_removed_while_open_reads_as_empty(workbook):
    workbook.put("profil", {"county": "18"})
    workbook.path.unlink()
    assert workbook.county is None
    workbook.put("visjon", "ny start")
    assert Workbook(workbook.path).value("visjon") == "ny start"


def test_replacing_the_workbook_with_an_upload_refuses_bad_files(workbook):
    workbook.put("profil", {"county": "18"})
    before = workbook.path.read_bytes()
    for bad, says in ((b"[1]", "har ikke arbeidsbokas oppbygning"),
                      (json.dumps({"schema_version": SCHEMA_VERSION + 1, "sections": {}}).encode(), "nyere versjon")):
        with pytest.raises(InputError, match=says):
            workbook.replace(bad)
        assert workbook.path.read_bytes() == before
    other = Workbook(workbook.path.parent / "annen.json")
    other.put("profil", {"county": "46"})
    workbook.replace(other.path.read_bytes())
    assert Workbook(workbook.path).county == "46" and workbook.county == "46"
