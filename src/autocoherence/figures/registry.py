"""The list of reproducible figures, built on request (nothing is registered at import)."""

from __future__ import annotations

import importlib

from autocoherence.errors import ParameterError
from autocoherence.figures.base import FigureSpec

__all__ = ["figure_names", "get_figure", "registry"]

#: modules of autocoherence.figures defining the figures: SPEC (a bespoke figure) or SPECS (a
#: table of one kind); the paper figures are sorted by name, our own ones keep this order
_PAPER_MODULES = ("coherence_growth", "steady_state", "transient", "spin_curves")
_OWN_MODULES = ("beyond_me", "work_vs_coherence", "pareto")


def registry() -> dict[str, FigureSpec]:
    """All figures by CLI name: PRA104's (``collision-*``), the spin paper's, then our own."""
    specs: list[FigureSpec] = []
    for name in (*_PAPER_MODULES, *_OWN_MODULES):
        module = importlib.import_module(f"autocoherence.figures.{name}")
        specs.extend(getattr(module, "SPECS", None) or (module.SPEC,))
    papers = ("collision-fig", "spins-fig")  # sorted by name: by paper, then figure number
    specs.sort(key=lambda s: (0, s.name) if s.name.startswith(papers) else (1, ""))
    return {s.name: s for s in specs}


def figure_names() -> list[str]:
    """CLI names of every figure, in :func:`registry` order."""
    return list(registry())


def get_figure(name: str) -> FigureSpec:
    """The figure called ``name``; else a ParameterError (a ValueError) lists the valid names."""
    reg = registry()
    if name not in reg:
        raise ParameterError(f"unknown figure {name!r}; available: {', '.join(reg)}")
    return reg[name]
