"""The documentation's tour runs: every ```python block of docs/getting-started.md is executed
in order, in one namespace, exactly as a reader would paste it."""

import re
from pathlib import Path

import matplotlib
import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("page", ["getting-started.md"])
def test_page_examples_run(page, capsys):
    matplotlib.use("Agg")
    blocks = _python_blocks(DOCS / page)
    assert blocks, f"{page} has no python examples"
    namespace: dict[str, object] = {}
    for code in blocks:
        exec(compile(code, f"{page}", "exec"), namespace)
    assert "SteadyState(" in capsys.readouterr().out
