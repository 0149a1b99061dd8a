"""Run a langid test module on both paths: the compiled scan (``saring.langid._c_lexscan``) and
the pure-Python reference (see ``saring.compiled``).

    from langid_paths import langid_path  # noqa: F401 - the fixture
    pytestmark = pytest.mark.usefixtures("langid_path")

Module-scoped fixtures that build a lexicon or a step should request ``langid_path`` so they are
built once per path.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from saring import compiled
from saring.langid import lexicon

KERNEL = compiled.load("saring.langid._c_lexscan")


@pytest.fixture(scope="module", params=["compiled", "pure"])
def langid_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every test of the module once with the kernel (skipped when not built), once without."""
    if request.param == "compiled" and KERNEL is None:
        pytest.skip("saring.langid._c_lexscan not built (or SARING_PURE_PYTHON=1)")
    with pytest.MonkeyPatch.context() as mp:
        if request.param == "pure":
            mp.setenv("SARING_PURE_PYTHON", "1")
            mp.setattr(lexicon, "_KERNEL", None)
        lexicon.get_lexicon.cache_clear()
        yield request.param
    lexicon.get_lexicon.cache_clear()
