"""Pipeline building: Python and YAML give the same object; config errors are clear."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from saring import (
    ConfigError,
    Document,
    FilterStep,
    MapStep,
    Pipeline,
    Reject,
    Replacement,
    register,
)
from saring.step import FunctionStep, StepStats, run_steps


class Upper(MapStep):
    name = "test_upper"

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        first_only: bool = False

    def process(self, doc: Document) -> None:
        end = 1 if self.config.first_only else len(doc.text)
        doc.apply(self.label, [Replacement(0, end, doc.text[:end].upper(), "upper")])


class MinLen(FilterStep):
    name = "test_minlen"

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        min_chars: int = 5

    @property
    def min_chars(self) -> int:
        return self.config.min_chars

    def score(self, doc: Document) -> dict:
        return {"chars": len(doc.text)}

    def decide(self, scores: dict, doc: Document) -> Reject | None:
        if scores["chars"] < self.min_chars:
            return Reject("too_short", scores["chars"], self.min_chars)
        return None


register("test_upper", Upper)
register("test_minlen", MinLen)


def test_yaml_and_python_pipelines_are_equal(tmp_path: Path) -> None:
    cfg = tmp_path / "p.yaml"
    cfg.write_text("steps:\n  - test_upper: {first_only: true}\n  - test_minlen:\n      min_chars: 3\n")
    from saring.pipeline import build_step

    py = Pipeline([build_step("test_upper", {"first_only": True}), build_step("test_minlen", {"min_chars": 3})])
    assert Pipeline.from_yaml(cfg) == py
    direct = Pipeline([Upper(first_only=True), MinLen(min_chars=3)])
    assert direct == py
    # every field of each step's Config, however the step was built (defaults included)
    assert direct.to_config()["steps"] == [
        {"test_upper": {"first_only": True}},
        {"test_minlen": {"score_only": False, "min_chars": 3}},
    ]
    assert Upper(Upper.Config(first_only=True)).params() == Upper(first_only=True).params()
    assert Pipeline.from_config(py.to_config()) == py


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        ("steps:\n  - nosuchstep\n", "unknown step 'nosuchstep'"),
        ("steps:\n  - test_minlen: {min_char: 3}\n", "unknown parameter 'min_char'"),
        ("steps:\n  - test_minlen: {min_chars: many}\n", "does not match type"),
        ("steps: [\n", "not valid YAML"),
        ("stepz: []\n", "unknown top-level key"),
        ("steps:\n  - test_minlen: 3\n", "must be a mapping"),
    ],
)
def test_config_errors_are_one_line_and_clear(tmp_path: Path, yaml_text: str, message: str) -> None:
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(yaml_text)
    with pytest.raises(ConfigError) as info:
        Pipeline.from_yaml(cfg)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_run_steps_counts_rejections_errors_and_score_only() -> None:
    def boom(doc: Document):
        if doc.id == "bad":
            raise RuntimeError("kaboom")
        return True

    steps = [MinLen(min_chars=5), FunctionStep(boom, label="boom")]
    docs = [Document("ok", "panjang sekali"), Document("short", "abc"), Document("bad", "cukup panjang")]
    stats: dict[str, StepStats] = {}
    out = {d.id: d for d in run_steps(steps, docs, stats)}
    assert out["ok"].status == "kept"
    assert out["short"].decision.reason == "too_short" and out["short"].decision.value == 3
    assert out["bad"].status == "error" and "kaboom" in out["bad"].decision.message
    assert stats["test_minlen"].rejected["too_short"] == 1
    assert stats["boom"].errors == 1
    assert stats["test_minlen"].docs_in == 3 and stats["test_minlen"].docs_out == 2

    soft = MinLen(min_chars=5, score_only=True)
    (d,) = run_steps([soft], [Document("s", "abc")], {})
    assert d.status == "kept"
    assert d.annotations["test_minlen"] == {"chars": 3, "would_reject": "too_short"}


def test_datatrove_style_callables() -> None:
    step = FunctionStep(lambda d: (False, "nope") if "x" in d.text else True, label="f")
    (a, b) = run_steps([step], [Document("1", "x"), Document("2", "y")], {})
    assert a.decision.reason == "nope" and b.status == "kept"


def test_example_config_is_the_default_pipeline() -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "pipeline.yaml"
    loaded = Pipeline.from_yaml(example)
    assert [s.label for s in loaded.steps] == [s.label for s in Pipeline.default().steps]
    assert loaded.to_config()["steps"] == Pipeline.default().to_config()["steps"]


def test_per_document_drops_only_corpus_stages() -> None:
    full = Pipeline.default()
    per_doc = full.per_document()
    assert [s.label for s in per_doc.steps] == [s.label for s in full.steps if s.label != "dedup"]
    assert per_doc.limits == full.limits
    assert all(isinstance(seg, list) for seg in per_doc.segments)
