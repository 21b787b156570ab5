"""MkDocs hook: render every registered figure and generate the gallery page, in paper order.

Each figure is computed from the package itself (the code of `autocoherence figure NAME`),
so the gallery cannot drift from the code. Figures are cached in `.cache/gallery/` (ignored
by git) under a key that hashes the package source (all but `cli/`), the figure's options
and the library versions: a docs build with unchanged code reuses them; any change to the
physics or the figures redraws them all, on two processes
(`autocoherence.cli._render.render_all`, the engine of `autocoherence reproduce`).
`AUTOCOHERENCE_GALLERY_CACHE` moves the cache elsewhere.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.gallery")


def _cache_dir(config: Any) -> Path:
    default = Path(config["config_file_path"]).resolve().parent / ".cache" / "gallery"
    return Path(os.environ.get("AUTOCOHERENCE_GALLERY_CACHE", default))


def on_files(files: Files, config: Any) -> Files:
    from autocoherence.cli._render import render_all  # noqa: PLC0415
    from autocoherence.figures import registry  # noqa: PLC0415

    reg = registry()
    start = time.perf_counter()
    rendered = render_all(list(reg), _cache_dir(config), jobs=2, use_cache=True)
    fresh = [r.name for r in rendered if not r.cached]
    log.info(
        "gallery: %d figures (%d computed, %d cached) in %.1f s",
        len(rendered),
        len(fresh),
        len(rendered) - len(fresh),
        time.perf_counter() - start,
    )
    lines = [
        "# Figure gallery",
        "",
        "Every figure of both papers, in the papers' order, then our own, rendered from the",
        "package when these pages were built. Curves come from closed forms or master",
        "equations, dots from an independent route (exact collisions, dense Gibbs states).",
        "Each figure's data is written beside its image as netCDF by the command shown;",
        "`autocoherence figure NAME --help` lists the parameters a figure accepts.",
        "",
    ]
    for r in rendered:
        spec = reg[r.name]
        uri = f"gallery/{r.name}.png"
        files.append(File.generated(config, uri, abs_src_path=str(r.image)))
        lines += [
            f"## {r.name}",
            "",
            spec.caption,
            "",
            f"```bash\nautocoherence figure {r.name} --out out\n```",
            "",
            f"![{r.name}: {spec.caption}]({uri})",
            "",
        ]
    files.append(File.generated(config, "gallery.md", content="\n".join(lines)))
    return files
