"""noticecli/data/observances.tsv: the fixed days of civil defence and emergency
management, shipped with the package as evidence for date repair."""

from __future__ import annotations

import importlib.resources

import pytest

COLUMNS = ["names", "month", "day", "scope", "source"]
DAY_RULES = {"3rd-sat", "month", "varies"}
MAX_DAY = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _rows() -> list[list[str]]:
    text = (importlib.resources.files("noticecli") / "data" / "observances.tsv").read_text("utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def test_header_and_row_shape() -> None:
    header, *rows = _rows()
    assert header == COLUMNS
    assert len(rows) >= 20
    for row in rows:
        assert len(row) == len(COLUMNS), row


@pytest.mark.parametrize("row", _rows()[1:], ids=lambda row: f"{row[0].split('|')[0]}-{row[3]}")
def test_row_is_a_sourced_day(row: list[str]) -> None:
    names, month, day, scope, source = row
    assert all(name.strip() == name and name for name in names.split("|"))
    assert not any(name.isdigit() for name in names.split("|"))  # digits would match any date
    assert 1 <= int(month) <= 12
    assert day in DAY_RULES or 1 <= int(day) <= MAX_DAY[int(month)]
    assert scope
    assert len(source) >= 10  # a law, decision or notice, not a placeholder


def test_national_days_the_issue_names() -> None:
    days = {(names.split("|")[0], month, day) for names, month, day, scope, _ in _rows()[1:]}
    assert ("全民国防教育日", "9", "3rd-sat") in days
    assert ("全国防灾减灾日", "5", "12") in days
    assert ("全民国家安全教育日", "4", "15") in days
    assert ("全国消防日", "11", "9") in days
    assert ("国际减灾日", "10", "13") in days
    assert ("南京大屠杀死难者国家公祭日", "12", "13") in days
    assert any(names.startswith("安全生产月") and month == "6" for names, month, *_ in days)


def test_city_siren_days_vary_by_city() -> None:
    sirens = {scope: (month, day) for _, month, day, scope, _ in _rows()[1:] if scope != "national"}
    assert sirens["重庆"] == ("6", "5")
    assert sirens["南京"] == ("12", "13")
    assert sirens["江苏"] == ("9", "18")
