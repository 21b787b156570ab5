"""Reproducible figures of both papers: specifications over the sweep engine, and their registry.

Figures of one kind are entries of one table (``steady_state``, ``coherence_growth``,
``transient``, ``spin_curves``); our own figures keep a module each. Every figure is a
``compute`` (its numbers, from :func:`autocoherence.sweeps.sweep` and closed forms) and a
``draw`` (a :class:`matplotlib.figure.Figure`).
"""

from autocoherence.figures.base import FigureSpec, save
from autocoherence.figures.registry import figure_names, get_figure, registry

__all__ = ["FigureSpec", "figure_names", "get_figure", "registry", "save"]
