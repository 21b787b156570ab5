"""The documentation's code runs and prints what the pages show.

Every ```python block of the pages below is executed in order, in one namespace, exactly as
a reader would paste it. When a ```text block follows a python block, it is the output the
page shows: the printed lines must match it, numbers to a relative 1e-9 (so a changed digit
fails, a last-bit difference between BLAS builds does not), everything else exactly.
The docs' helpers (the role rewriting hook, the pages' links) are checked here too.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
_BLOCK = re.compile(r"```python\n(.*?)```(?:\s*```text[^\n]*\n(.*?)```)?", flags=re.S)
_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def _examples(page: Path) -> list[tuple[str, str | None]]:
    return [(code, shown) for code, shown in _BLOCK.findall(page.read_text(encoding="utf-8"))]


def _assert_same_output(printed: str, shown: str, where: str) -> None:
    got, want = printed.strip().splitlines(), shown.strip().splitlines()
    assert len(got) == len(want), f"{where}: printed\n{printed}\nthe page shows\n{shown}"
    for g, w in zip(got, want, strict=True):
        assert _NUMBER.sub("#", g) == _NUMBER.sub("#", w), f"{where}: {g!r} != {w!r}"
        for a, b in zip(_NUMBER.findall(g), _NUMBER.findall(w), strict=True):
            assert math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-300), (
                f"{where}: printed {g!r}, the page shows {w!r}"
            )


@pytest.mark.parametrize("page", ["getting-started.md", "architecture.md", "own-system.md"])
def test_page_examples_print_what_the_page_shows(page):
    examples = _examples(DOCS / page)
    assert examples, f"{page} has no python examples"
    namespace: dict[str, object] = {}
    for i, (code, shown) in enumerate(examples):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"{page} block {i}", "exec"), namespace)
        if shown:
            _assert_same_output(out.getvalue(), shown, f"{page} block {i}")


def test_getting_started_shows_the_output_of_every_printing_block():
    for code, shown in _examples(DOCS / "getting-started.md"):
        if "print(" in code:
            assert shown, f"this block prints but the page shows no output:\n{code}"


def test_output_comparison_catches_a_changed_digit():
    _assert_same_output("C = 0.402699\n", "C = 0.402699", "same")
    with pytest.raises(AssertionError):
        _assert_same_output("C = 0.402698\n", "C = 0.402699", "digit")
    with pytest.raises(AssertionError):
        _assert_same_output("C_ss = 0.4\n", "C = 0.4", "text")


def _hook(name: str):
    path = DOCS / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"docs_hook_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_roles_become_links_or_code():
    rewrite = _hook("roles").rewrite_roles
    page = (
        '<h2 id="autocoherence.figures.collision_fig2a.dots_variables">x</h2>'
        "see :func:<code>dots_variables</code>, :mod:<code>autocoherence.collision.model</code>, "
        ":class:<code>~autocoherence.spaces.Qubit</code>, :meth:<code>numpy.ndarray.sum()</code>"
    )
    out = rewrite(page)
    assert re.search(r":(func|mod|class|meth):", out) is None
    assert '<a href="#autocoherence.figures.collision_fig2a.dots_variables">' in out
    assert '<autoref identifier="autocoherence.collision.model" optional>' in out
    assert "<code>Qubit</code></autoref>" in out
    assert "<code>numpy.ndarray.sum</code>" in out


def test_markdown_links_between_pages_resolve():
    for page in DOCS.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", text):
            if target == "gallery.md":  # generated at build time by docs/hooks/gallery.py
                continue
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"


def test_api_top_level_page_names_every_public_name():
    import autocoherence  # noqa: PLC0415

    text = (DOCS / "api" / "index.md").read_text(encoding="utf-8")
    for name in autocoherence.__all__:
        assert f"`ac.{name}`" in text, f"api/index.md does not list {name}"
