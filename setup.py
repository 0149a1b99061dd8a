"""Compiled kernels: every ``src/saring/**/_c_*.c`` becomes the extension module of that name.

Each kernel is optional: without a C compiler the install still succeeds and saring runs the
pure-Python code the kernel mirrors (``saring.compiled``); tests compare the two on the same
inputs. CI sets ``SARING_REQUIRE_COMPILED=1`` so a kernel that failed to build fails the run.
"""

from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).parent
SRC = HERE / "src"


def _extensions() -> list[Extension]:
    return [
        Extension(
            ".".join(path.relative_to(SRC).with_suffix("").parts),
            [str(path.relative_to(HERE))],
            optional=True,
            extra_compile_args=["-O2", "-std=c11"],
        )
        for path in sorted(SRC.glob("saring/**/_c_*.c"))
    ]


setup(ext_modules=_extensions())
