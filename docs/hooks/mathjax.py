"""MkDocs hook: serve MathJax 3 from the site itself, so maths typesets offline.

The files come from the `django-static-mathjax` wheel (MathJax 3.2.2 as static files, no
Python dependencies; in the `dev` extra). Only what `tex-chtml.js` loads is copied: the
component, its CommonHTML woff-v2 fonts and the lazily loaded TeX extensions, menu and
accessibility parts, under `assets/mathjax/` (the path `mkdocs.yml` names). Pages write
`$...$` and `$$...$$` (pymdownx.arithmatex, generic mode).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

#: Parts of MathJax's es5 folder the tex-chtml component may request.
PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions", "ui", "a11y")


def mathjax_root() -> Path:
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise PluginError("MathJax files not found: pip install django-static-mathjax (dev extra)")
    root = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"
    if not (root / "tex-chtml.js").is_file():
        raise PluginError(f"MathJax files not found under {root}")
    return root


def on_files(files: Files, config: Any) -> Files:
    root = mathjax_root()
    for part in PARTS:
        path = root / part
        for src in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            uri = f"assets/mathjax/{src.relative_to(root).as_posix()}"
            files.append(File.generated(config, uri, abs_src_path=str(src)))
    return files
