"""``manifest.versions()`` looks the installed versions up once per process and hands out
copies, so a caller that edits its dict cannot change what the next manifest records."""

from __future__ import annotations

import importlib.metadata

from saring.executors import manifest


def test_versions_are_the_installed_ones_and_a_copy() -> None:
    v = manifest.versions()
    assert v["saring"] == importlib.metadata.version("saring")
    assert set(v) == {"saring", *manifest.MANIFEST_DEPS}
    v["saring"] = "edited"
    assert manifest.versions()["saring"] == importlib.metadata.version("saring")
    assert manifest.versions() is not manifest.versions()
