"""Whole files or nothing: a write that fails leaves the old files as they were."""

import pytest

from exercises.core import atomic


def test_files_that_belong_together_are_written_together(tmp_path):
    table, about = tmp_path / "tabell.csv", tmp_path / "tabell.json"
    atomic.write_all_atomic({about: b"ny kilde", table: b"ny tabell"})
    assert (table.read_bytes(), about.read_bytes()) == (b"ny tabell", b"ny kilde")
    assert not list(tmp_path.glob("*.tmp"))


def test_a_full_disk_on_the_second_file_leaves_both_old_files(tmp_path, monkeypatch):
    table, about = tmp_path / "tabell.csv", tmp_path / "tabell.json"
    table.write_bytes(b"gammel tabell")
    about.write_bytes(b"gammel kilde")
    flushed = atomic._flushed_temporary

    def full_disk_at_the_table(path, data):
        if path == table:
            raise OSError(28, "No space left on device")
        return flushed(path, data)

    monkeypatch.setattr(atomic, "_flushed_temporary", full_disk_at_the_table)
    with pytest.raises(OSError):
        atomic.write_all_atomic({about: b"ny kilde", table: b"ny tabell"})
    assert (table.read_bytes(), about.read_bytes()) == (b"gammel tabell", b"gammel kilde")
    assert not list(tmp_path.glob("*.tmp"))


def test_leftovers_of_a_killed_write_are_found_by_their_name(tmp_path):
    target = tmp_path / "arbeidsbok.json"
    (tmp_path / ".arbeidsbok-abc.tmp").write_bytes(b"halv")
    (tmp_path / ".annen-abc.tmp").write_bytes(b"ikke var")
    assert atomic.remove_temporary(target) == 1
    assert [p.name for p in tmp_path.iterdir()] == [".annen-abc.tmp"]
