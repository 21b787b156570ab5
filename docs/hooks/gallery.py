"""MkDocs hook: render every registered figure at build time and generate the gallery page.

Each figure is computed from the installed package (the same code as
`autocoherence figure NAME`), so the gallery can never drift from the code.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

_TMP = Path(tempfile.mkdtemp(prefix="autocoherence-gallery-"))


def on_files(files: Files, config: Any) -> Files:
    from autocoherence.figures import registry, save  # noqa: PLC0415

    lines = [
        "# Figure gallery",
        "",
        "Every figure of both papers and our own, rendered from the package when these pages",
        "were built. Curves come from closed forms or master equations, dots from an independent",
        "route (exact collisions, dense Gibbs states). Each figure's data is written beside its",
        "PNG as netCDF by the command shown.",
        "",
    ]
    for name, spec in registry().items():
        png, _ = save(spec, _TMP)
        uri = f"gallery/{name}.png"
        files.append(File.generated(config, uri, abs_src_path=str(png)))
        lines += [
            f"## {name}",
            "",
            spec.caption,
            "",
            f"```bash\nautocoherence figure {name} --out out\n```",
            "",
            f"![{name}]({uri})",
            "",
        ]
    files.append(File.generated(config, "gallery.md", content="\n".join(lines)))
    return files
