"""``languages:``: routing by detected language to profiles and partitions; config checks."""

from __future__ import annotations

import pytest

from saring import ConfigError, Document, Pipeline
from saring.langid.step import LanguageID
from saring.languages import doc_language, kept_partition, partition, validate
from saring.quality.gopher import GopherQuality

FR = ("Le gouvernement a présenté mardi un projet de loi sur les retraites qui sera examiné par "
      "les députés la semaine prochaine, a indiqué le ministre du travail lors d'une conférence. ")
MS = ("Kerajaan negeri telah meluluskan peruntukan tambahan bagi membaiki jalan raya yang rosak "
      "akibat banjir baru-baru ini, kata Menteri Besar dalam satu kenyataan semalam. ")
ID = ("Pemerintah provinsi mengalokasikan anggaran tambahan untuk memperbaiki jalan yang rusak "
      "akibat banjir pekan lalu, kata gubernur kepada wartawan di Jakarta, Senin. ")


def _langid(langs: list[str] | None) -> LanguageID:
    step = LanguageID()
    Pipeline([step], languages=langs)
    step.ensure_setup()
    return step


def test_partition_rules() -> None:
    assert partition("ms", ["id", "ms"]) == "ms"
    assert partition("fr", ["id", "other"]) == "other"
    assert partition("fr", ["id", "ms"]) is None
    assert kept_partition("fr", ["id"]) == "other"  # nothing kept is ever dropped at the end
    assert doc_language({"lang_detected": "ms", "lang": "id"}) == "ms"
    assert doc_language({"lang": "zsm_Latn"}) == "ms"
    assert doc_language({}) == "und"


@pytest.mark.parametrize("bad", ["id", [], ["ID"], ["id", "id"], ["und"], ["id", 3], ["english"]])
def test_bad_languages_are_config_errors(bad) -> None:
    with pytest.raises(ConfigError):
        Pipeline.from_config({"steps": ["langid"], "languages": bad})
    with pytest.raises(ValueError):
        validate(bad)


def test_default_keeps_the_profiled_languages_and_other() -> None:
    p = Pipeline.default()
    assert p.languages == ["id", "ms", "jv", "su", "en", "other"]
    step = next(s for s in p.steps if isinstance(s, LanguageID))
    assert step.keep_langs == p.languages
    assert Pipeline.from_config(p.to_config()) == p


def test_unlisted_language_is_rejected_as_today() -> None:
    step = _langid(["id"])
    v = step.process(Document("m", MS * 3))
    assert v is not None and v.reason == "lang_not_kept" and v.value == "ms"
    assert step.process(Document("i", ID * 3)) is None


def test_other_catches_every_unlisted_language() -> None:
    step = _langid(["id", "other"])
    assert step.process(Document("f", FR * 3)) is None
    assert step.process(Document("m", MS * 3)) is None  # ms is not listed: it goes to other
    step = _langid(["id", "ms"])
    v = step.process(Document("f", FR * 3))
    assert v is not None and v.reason == "lang_not_kept"


def test_explicit_keep_langs_must_agree_with_languages() -> None:
    with pytest.raises(ConfigError, match="disagrees"):
        Pipeline.from_config({"steps": [{"langid": {"keep_langs": ["id"]}}], "languages": ["id", "ms"]})
    p = Pipeline.from_config({"steps": [{"langid": {"keep_langs": ["id", "jv"]}}]})
    assert p.languages == ["id", "jv"]


def test_documents_get_their_languages_quality_profile() -> None:
    g = GopherQuality()
    assert g.lang_of(Document("a", "", {"lang_detected": "ms"})) == "ms"
    assert g.lang_of(Document("a", "", {"lang_detected": "fr", "lang": "id"})) == "other"
    assert g.lang_of(Document("a", "", {"lang": "id"})) == "id"
    assert g.lang_of(Document("a", "", {"lang_detected": "und", "lang": "jv"})) == "jv"


def test_other_profile_has_no_stop_word_rule() -> None:
    """French prose passes the `other` profile; under `id` it fails for want of Indonesian stop words."""
    g = GopherQuality()
    text = FR * 6
    assert g.process(Document("f", text, {"lang_detected": "fr"})) is None
    v = g.process(Document("f", text, {"lang_detected": "id"}))
    assert v is not None and v.reason == "gopher_few_stop_words"


def test_per_document_pipeline_routes_a_mixed_batch() -> None:
    p = Pipeline.from_config({"steps": ["langid", "gopher_quality"], "languages": ["id", "ms", "other"]})
    out = {d.id: d for d in p.process([{"id": "i", "text": ID * 6}, {"id": "m", "text": MS * 6},
                                       {"id": "f", "text": FR * 6}])}
    assert {k: d.status for k, d in out.items()} == {"i": "kept", "m": "kept", "f": "kept"}
    assert {k: d.annotations["gopher_quality"]["profile"] for k, d in out.items()} == {
        "i": "id", "m": "ms", "f": "other"}
