"""One way to describe a step's parameters (a frozen ``Config`` per step) and annotation contracts.

Checked: YAML is validated against the dataclass before any step is built; a step built in
Python and one built from YAML describe themselves identically; secrets never reach the
manifest, stats or fingerprint input (only a hash does); every annotation a step reads is
written by an earlier step; and dedup's keep policy chooses by what it is told to read.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError, dataclass
from pathlib import Path

import orjson
import pytest

from saring import MapStep, Pipeline
from saring.dedup.stage import Dedup
from saring.document import Document
from saring.executors.manifest import run_fingerprint
from saring.executors.runner import run_pipeline
from saring.io.readers import ReaderConfig
from saring.pii.step import PII
from saring.pipeline import build_step, check_contracts
from saring.registry import STEPS, ConfigError, register, resolve

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"

BUILT: list[str] = []


class Counted(MapStep):
    """Records every construction, so a test can tell that nothing was built."""

    name = "test_counted"

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        n: int = 1

    def __init__(self, config: Config | None = None, /, **params: object) -> None:
        super().__init__(config, **params)
        BUILT.append(self.label)

    def process(self, doc: Document) -> None:
        return None


class Grade(MapStep):
    """Writes a numeric annotation ``<label>.value`` taken from the document's metadata."""

    name = "test_grade"
    PROVIDES = ("value",)

    def process(self, doc: Document) -> None:
        doc.annotate(self.label, value=float(doc.metadata.get("grade", 0.0)))
        return None


register("test_counted", Counted)
register("test_grade", Grade)


# ----------------------------------------------------------------------------- configs
@pytest.mark.parametrize("name", sorted(set(STEPS) - {"dedup"}) + ["dedup"])
def test_every_step_describes_itself_the_same_from_python_and_yaml(name: str) -> None:
    cls = resolve(name)
    from_yaml = build_step(name, {})
    direct = cls()
    assert type(from_yaml.config) is cls.Config  # each step declares its own Config
    assert from_yaml.params() == direct.params() == cls(cls.Config()).params()
    # the description names every field and rebuilds an equal step
    again = build_step(name, from_yaml.params())
    assert again.config == from_yaml.config
    with pytest.raises(FrozenInstanceError):
        from_yaml.config.label = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"mode": "tag", "min_confidence": "high"}, ["'pii'", "'min_confidence'", "float"]),
        ({"modes": "tag"}, ["'pii'", "unknown parameter 'modes'", "min_confidence"]),
        ({"context_window": 2}, ["'pii'", "context_window"]),  # Config.__post_init__
        ({"types": "nik"}, ["'pii'", "'types'"]),  # a string is not a list
    ],
)
def test_bad_parameters_are_one_clear_error_before_any_step_is_built(params, words) -> None:
    BUILT.clear()
    cfg = {"steps": [{"test_counted": {"n": 2}}, {"pii": params}]}
    with pytest.raises(ConfigError) as info:
        Pipeline.from_config(cfg)
    assert all(w in str(info.value) for w in words), str(info.value)
    assert "\n" not in str(info.value)
    assert BUILT == []  # the first step was not constructed either


def test_python_construction_checks_names_and_values_too() -> None:
    with pytest.raises(ConfigError, match="unknown parameter 'ftfyy'"):
        build_step("normalize", {"ftfyy": False})
    from saring.normalize.step import Normalize

    with pytest.raises(ConfigError, match="ftfyy"):
        Normalize(ftfyy=False)
    with pytest.raises(ConfigError, match="max_blank_lines"):
        Normalize(max_blank_lines=-1)
    with pytest.raises(TypeError):
        Normalize(PII.Config())  # another step's config


def test_cli_bad_config_exits_2_with_one_line_naming_step_and_key(tmp_path: Path) -> None:
    cfg = tmp_path / "p.yaml"
    cfg.write_text("steps:\n  - normalize\n  - quality: {c4: maybe}\n")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "saring.cli.main", "run", str(SAMPLE), "-o", str(out),
                        "--config", str(cfg), "--no-progress"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr + r.stdout
    msg = r.stderr.strip()
    assert len(msg.splitlines()) == 1 and "'quality'" in msg and "'c4'" in msg, msg
    assert not out.exists()  # a bad config creates nothing (no folder, no lock)


def test_secret_is_hashed_into_the_fingerprint_and_written_nowhere(tmp_path: Path) -> None:
    key = "kunci-rahasia-0123456789"
    step = PII(hash_key=key)
    assert "hash_key" not in step.params() and key not in repr(step) and key not in repr(step.config)
    fmt = "jsonl.gz"
    with_key = run_fingerprint(Pipeline([step]), ReaderConfig(), fmt)
    other = run_fingerprint(Pipeline([PII(hash_key=key + "x")]), ReaderConfig(), fmt)
    assert with_key != other  # the secret changes outputs, so it changes the fingerprint
    out = tmp_path / "o"
    run_pipeline(Pipeline([PII(hash_key=key)]), [str(SAMPLE)], out, progress=False)
    for name in ("manifest.json", "stats.json"):
        assert key not in (out / name).read_text()
    assert all(key.encode() not in p.read_bytes() for p in out.rglob("*") if p.is_file())


# ----------------------------------------------------------------------------- contracts
def test_a_required_annotation_must_be_written_by_an_earlier_step() -> None:
    with pytest.raises(ConfigError) as info:
        Pipeline([build_step("normalize", {}), Dedup(quality_key="quality.score")])
    msg = str(info.value)
    assert "'dedup'" in msg and "'quality.score'" in msg and "normalize.n_edits" in msg
    # written *after* the reader does not count
    with pytest.raises(ConfigError, match="test_grade.value"):
        Pipeline([Dedup(quality_key="test_grade.value"), Grade()])
    # and a real one is accepted, with a custom label too
    Pipeline([Grade(label="g"), Dedup(quality_key="g.value")])
    quality = build_step("quality", {})
    Pipeline([quality, Dedup(quality_key="quality.fineweb_quality.line_punct_ratio")])
    site = build_step("site_damage", {})
    with pytest.raises(ConfigError, match="repair.mt_damage"):
        Pipeline([site])


def test_default_pipeline_contracts_hold_and_declarations_cover_what_steps_write() -> None:
    pipe = Pipeline.default()
    check_contracts(pipe.steps)
    declared = {k for s in pipe.steps for k in s.provides()}
    records = [orjson.loads(line) for line in SAMPLE.read_bytes().splitlines() if line.strip()]
    written = set()
    for doc in pipe.per_document().process(records):
        for label, ann in doc.annotations.items():
            written.update(f"{label}.{k}" for k in ann)
    assert written and written <= declared, sorted(written - declared)
    # dedup reads no quality score by default (no step writes one) and the damage the repair
    # step declares
    dedup = pipe.steps[-1]
    assert dedup.config.quality_key is None and dedup.cfg.damage_key in declared


def _near_copies() -> list[dict]:
    base = ("Pemerintah Kota Bandung mulai memperbaiki jalan rusak di sejumlah kecamatan pada pekan "
            "ini. Kepala dinas pekerjaan umum mengatakan perbaikan ditargetkan selesai bulan depan "
            "sebelum musim hujan tiba, dan warga diminta berhati-hati saat melintas.")
    return [
        {"id": "a-long", "text": base + " Tambahan kalimat penutup.", "grade": 0.2},
        {"id": "b-best", "text": base, "grade": 0.9},
        {"id": "c-mid", "text": base + " Lain.", "grade": 0.5},
    ]


def test_keep_policy_chooses_by_the_declared_quality_annotation() -> None:
    pipe = Pipeline([Grade(), Dedup(quality_key="test_grade.value", paragraphs=False)])
    docs = {d.id: d for d in pipe.process(_near_copies())}
    assert [i for i, d in docs.items() if d.status == "kept"] == ["b-best"]  # not the longest
    assert all(d.annotations["dedup"]["kept_id"] == "b-best" for i, d in docs.items() if i != "b-best")
    # without the quality key the same copies keep the longest
    plain = Pipeline([Grade(), Dedup(paragraphs=False)])
    kept = [d.id for d in plain.process(_near_copies()) if d.status == "kept"]
    assert kept == ["a-long"]


class Damage(MapStep):
    """Writes ``<label>.mt_damage`` from the document's metadata (stands in for repair)."""

    name = "test_damage"
    PROVIDES = ("mt_damage",)

    def process(self, doc: Document) -> None:
        doc.annotate(self.label, mt_damage=float(doc.metadata.get("grade", 0.0)))
        return None


def test_default_keep_policy_reads_repair_mt_damage_where_written() -> None:
    pipe = Pipeline([Damage(label="repair"), Dedup(paragraphs=False)])
    kept = [d.id for d in pipe.process(_near_copies()) if d.status == "kept"]
    assert kept == ["a-long"]  # least damage (0.2), which here is also the longest
    pipe = Pipeline([Damage(label="repair"), Dedup(paragraphs=False)])
    copies = _near_copies()
    copies[0]["grade"] = 0.95  # the longest is now the most damaged
    kept = [d.id for d in pipe.process(copies) if d.status == "kept"]
    assert kept == ["c-mid"]  # 0.5 < 0.9 < 0.95: least damage wins over length


def test_extract_put_first_for_web_input_keeps_the_pipelines_languages() -> None:
    """A WARC/HTML run gets ``extract`` put first; the languages of the config must survive
    (they were reset to the default list, so a web run with ``languages: [id]`` kept all)."""
    from saring.extract.step import ensure_extract

    class Web:
        kind = "warc"

    pipe = Pipeline.from_config({"steps": ["normalize", "langid"], "languages": ["id"]})
    web = ensure_extract(pipe, [Web()])
    assert web.steps[0].name == "extract"
    assert web.languages == ["id"] and web.steps[2].keep_langs == ["id"]


def test_changing_languages_in_the_api_keeps_secrets_and_rebuilds_langid() -> None:
    from saring.api import _without_keep_langs

    pipe = Pipeline([build_step("langid", {"keep_langs": ["id"]}), PII(hash_key="rahasia")])
    steps = _without_keep_langs(pipe)
    new = Pipeline(steps, languages=["id", "jv"])
    assert new.steps[1].config.hash_key == "rahasia"  # a description would have dropped it
    assert new.steps[0].keep_langs == ["id", "jv"] and new.languages == ["id", "jv"]
