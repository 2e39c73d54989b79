"""The directive rules are declared once (queries/directives/rules.toml) and the docs, the
build and the pages follow the declaration."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import queries
from etl.build import BuildError, evaluate_directives
from tests.conftest import PROJECT_DIR
from tests.test_directive_rules import base_warehouse

METHODOLOGY = PROJECT_DIR / "docs" / "methodology.md"


def test_methodology_rules_section_is_generated_from_the_declarations():
    text = METHODOLOGY.read_text(encoding="utf-8")
    start = text.index(queries.RULES_BEGIN)
    end = text.index(queries.RULES_END) + len(queries.RULES_END)
    assert text[start:end] == queries.rules_markdown(), (
        "docs/methodology.md is out of date: paste queries.rules_markdown() between its markers"
    )


def test_every_rule_file_is_declared_once_with_its_legal_text_and_date():
    rules = queries.rule_declarations()
    assert {rule.query for rule in rules} == set(queries.catalogue("directives"))
    for rule in rules:
        assert rule.legal_text and rule.cannot_show and rule.checks, rule.rule_id
    assert {rule.rule_id: rule.legal_date for rule in rules}["US-NY-NYC-1/departure-letter"] == (
        "2019-11-05"
    )


def test_a_rule_whose_evidence_is_an_absence_declares_a_share_not_a_compliance_rate():
    nyc = {rule.rule_id: rule for rule in queries.rule_declarations()}[
        "US-NY-NYC-1/departure-letter"
    ]
    assert nyc.rate == "share"
    assert nyc.rate_numerator == ("letter_published",)
    assert set(nyc.rate_denominator) == {"letter_published", "letter_not_in_published_list"}


def write_rules(tmp_path: Path, rules) -> Path:
    lines = []
    for rule in rules:
        lines.append("[[rule]]")
        for key, value in dataclasses.asdict(rule).items():
            if value in (None, ()):
                continue
            if isinstance(value, bool):
                lines.append(f"{key} = {'true' if value else 'false'}")
            elif isinstance(value, tuple):
                lines.append(f"{key} = {list(value)!r}".replace("'", '"'))
            else:
                lines.append(f"{key} = {value!r}".replace("\\'", "'"))
        lines.append("")
    path = tmp_path / "rules.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_rule_produced_but_not_declared_fails_the_build(tmp_path, monkeypatch):
    rules = [r for r in queries.rule_declarations() if r.rule_id != "GB-3/barred-list"]
    path = write_rules(tmp_path, rules)
    original = queries.rule_declarations
    monkeypatch.setattr(queries, "rule_declarations", lambda: original(path))
    with pytest.raises(BuildError, match="GB-3/barred-list"):
        evaluate_directives(base_warehouse())


@pytest.mark.parametrize(
    "change, message",
    [
        ({"rate": "percent"}, "is not one of"),
        ({"rate": "share"}, "needs rate_numerator"),
        ({"query": "no_such_rule"}, "no queries/directives/no_such_rule.sql"),
        ({"legal_text": ""}, "missing \\['legal_text'\\]"),
    ],
)
def test_a_bad_declaration_is_refused_with_its_rule_named(tmp_path, change, message):
    rules = queries.rule_declarations()
    broken = dataclasses.replace(rules[-1], **change)
    path = write_rules(tmp_path, [*rules[:-1], broken])
    with pytest.raises(queries.QueryError, match=message) as error:
        queries.rule_declarations(path)
    assert rules[-1].rule_id in str(error.value)
