"""The learner's workbook: nothing a learner writes is ever lost."""

import json
import os

import pytest

from exercises import paths
from exercises.text import InputError
from exercises.workbook import SCHEMA_VERSION, Workbook


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
    with pytest.raises(OSError):
        workbook.put("profil", {"county": "15"})
    assert workbook.path.read_bytes() == before
    assert [p.name for p in workbook.path.parent.iterdir()] == [workbook.path.name]  # no temp file left


@pytest.mark.parametrize("content", [b"{\"sections\": {", b"[1, 2, 3]", b"\xff\xfe not utf-8",
                                     b"{\"sections\": {}}", b""])
def test_damaged_file_is_set_aside_never_overwritten(tmp_path, content):
    path = tmp_path / "arbeidsbok.json"
    path.write_bytes(content)
    book = Workbook(path)
    aside = [p for p in tmp_path.iterdir() if ".skadet-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert "kunne ikke leses" in book.messages[0] and aside[0].name in book.messages[0]
    book.put("profil", {"county": "42"})  # the learner can go on working
    assert aside[0].read_bytes() == content
    assert Workbook(path).county == "42"


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
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
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
