"""docs/lab-units.md and docs/tutorial-transmon.md run, and print what their comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import matplotlib
import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _blocks(page: str) -> list[tuple[str, list[str]]]:
    """(code, expected output lines) of every ```python block: the trailing '# ...' lines."""
    out = []
    for code in re.findall(r"```python\n(.*?)```", (DOCS / page).read_text("utf-8"), flags=re.S):
        lines = code.rstrip("\n").split("\n")
        expected: list[str] = []
        while lines and lines[-1].startswith("# "):
            expected.insert(0, lines.pop()[2:])
        out.append(("\n".join(lines) + "\n", expected))
    return out


@pytest.mark.parametrize(
    "page",
    ["lab-units.md", pytest.param("tutorial-transmon.md", marks=pytest.mark.slow)],
)
def test_page_prints_its_comments(page: str) -> None:
    matplotlib.use("Agg")
    namespace: dict[str, object] = {}
    blocks = _blocks(page)
    assert blocks
    for code, expected in blocks:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, page, "exec"), namespace)
        assert buffer.getvalue().rstrip("\n").split("\n") == expected, code
