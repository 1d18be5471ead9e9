"""Bugs on the command line: one line and the log's path on stderr, exit 70, the traceback in the log."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from studyguide import cli, crash_log


def _bug(args):
    raise RuntimeError("command line bug")


@pytest.fixture
def buggy_search(monkeypatch):
    monkeypatch.delenv("STUDYGUIDE_DEBUG", raising=False)
    monkeypatch.setattr(cli, "_run_search", _bug)


def test_a_bug_prints_one_line_and_exits_70(buggy_search, tmp_path, capsys):
    assert cli.main(["--library", str(tmp_path), "search", "treaty"]) == crash_log.EXIT_BUG == 70
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    reports = list((tmp_path / "logs").glob("crash-*.log"))
    assert len(reports) == 1 and str(reports[0]) in err
    assert "RuntimeError: command line bug" in reports[0].read_text()
    assert "in _bug" in reports[0].read_text() and "StudyGuide " in reports[0].read_text()
    assert "RuntimeError: command line bug" in (tmp_path / "logs" / "studyguide.log").read_text()


@pytest.mark.parametrize("how", ["--debug", "STUDYGUIDE_DEBUG"])
def test_debug_also_prints_the_traceback(buggy_search, tmp_path, capsys, monkeypatch, how):
    argv = ["--library", str(tmp_path), "search", "treaty"]
    if how == "--debug":
        argv.insert(0, "--debug")
        monkeypatch.setenv("STUDYGUIDE_DEBUG", "0")  # restored after the test (--debug sets it)
    else:
        monkeypatch.setenv("STUDYGUIDE_DEBUG", "1")
    assert cli.main(argv) == 70
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: command line bug" in err


def test_an_expected_error_is_still_a_plain_message(monkeypatch, tmp_path, capsys):
    from studyguide.store.errors import DiskFull

    def full(args):
        raise DiskFull("The disk is full.")

    monkeypatch.setattr(cli, "_run_search", full)
    assert cli.main(["--library", str(tmp_path), "search", "treaty"]) == 2
    assert capsys.readouterr().err == "studyguide: error: The disk is full.\n"
    assert not (tmp_path / "logs").exists()


def test_only_the_newest_crash_reports_are_kept(tmp_path):
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    paths = [crash_log.write_crash_report(tmp_path, f"bug {i}", now=start + timedelta(seconds=i))
             for i in range(crash_log.KEEP + 5)]
    kept = sorted((tmp_path / "logs").glob("crash-*.log"))
    assert kept == paths[-crash_log.KEEP:]


def test_an_unwritable_library_still_gets_the_traceback_on_stderr(buggy_search, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert cli.main(["--library", str(blocker / "library"), "search", "treaty"]) == 70
    err = capsys.readouterr().err
    assert "could not be written" in err and "RuntimeError: command line bug" in err


def test_a_bug_starting_the_window_also_exits_70(monkeypatch, tmp_path, capsys):
    import types

    def broken_main(**kwargs):
        raise AttributeError("window bug")

    monkeypatch.delenv("STUDYGUIDE_DEBUG", raising=False)
    import studyguide

    fake = types.SimpleNamespace(main=broken_main)  # no Qt: the window's start itself fails
    monkeypatch.setitem(__import__("sys").modules, "studyguide.app", fake)
    monkeypatch.setattr(studyguide, "app", fake, raising=False)
    assert cli.main(["--library", str(tmp_path)]) == 70
    assert "details are in" in capsys.readouterr().err
    assert "AttributeError: window bug" in next((tmp_path / "logs").glob("crash-*.log")).read_text()
