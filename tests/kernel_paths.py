"""Run a test module on both paths of the shared analysis: the compiled kernel and the Python
reference (``saring._c_analysis`` vs the pure code; see ``saring.compiled``).

    from kernel_paths import kernel_path  # noqa: F401 - the fixture
    pytestmark = pytest.mark.usefixtures("kernel_path")
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from saring import analysis, compiled

KERNEL = compiled.load("saring._c_analysis")


@pytest.fixture(params=["compiled", "pure"])
def kernel_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each test once with the kernel (skipped when it is not built) and once without."""
    if request.param == "compiled" and KERNEL is None:
        pytest.skip("saring._c_analysis not built (or SARING_PURE_PYTHON=1)")
    monkeypatch.setattr(analysis, "_kernel", KERNEL if request.param == "compiled" else None)
    analysis.clear_cache()
    yield request.param
    analysis.clear_cache()
