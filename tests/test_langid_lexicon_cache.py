"""LanguageID's lexicon from the resource cache (``get_lexicon``) is the lexicon the data files
build (``build_lexicon``): the same tables in the same order, the same parameters, the same
verdicts; a cache entry written by one process is read by the next."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_CHECK = (
    "from saring.langid import lexicon as L\n"
    "got, ref = L.get_lexicon(), L.build_lexicon()\n"
    "a, b = got.__getstate__(), ref.__getstate__()\n"
    "assert list(a) == list(b), (list(a), list(b))\n"
    "for k in a:\n"
    "    assert a[k] == b[k] and type(a[k]) is type(b[k]), k\n"
    "    if isinstance(a[k], dict):\n"
    "        assert [(x, repr(y)) for x, y in a[k].items()] == [(x, repr(y)) for x, y in b[k].items()], k\n"
    "texts = ['Pemerintah akan membangun jalan baru di kota itu tahun depan.',\n"
    "         'Kerajaan Malaysia telah mengumumkan bajet baharu untuk rakyat.',\n"
    "         'Aku arep lunga menyang pasar karo ibu sesuk esuk.',\n"
    "         'Abdi bade angkat ka pasar sareng indung enjing.',\n"
    "         'The government will build a new road next year.', '', '12345 !!!']\n"
    "for t in texts:\n"
    "    assert repr(got.evidence(t.lower())) == repr(ref.evidence(t.lower())), t\n"
    "print('ok')\n"
)


def test_cached_lexicon_equals_the_built_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"SARING_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    for _ in range(2):  # the first process builds and writes the entry, the second reads it
        out = subprocess.run([sys.executable, "-c", _CHECK], capture_output=True, text=True,
                             timeout=180, env=env)
        assert out.returncode == 0, out.stderr[-3000:]
        assert out.stdout.strip() == "ok"
    assert len(list(cache.glob("langid_lexicon-*.marshal"))) == 1


def test_a_tuning_params_file_is_not_served_from_the_cache(tmp_path: Path) -> None:
    from saring.langid import lexicon as L

    params = tmp_path / "params.json"
    params.write_text('{"nb_weight": 2.5}', encoding="utf-8")
    lex = L.get_lexicon(str(params))
    assert lex.params.nb_weight == 2.5
    assert L.get_lexicon().params.nb_weight != 2.5
