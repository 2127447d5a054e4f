"""Plotting, data-generation and tracing helpers for the least-squares tutorials.

The notebooks import this package the same way everywhere::

    import helpers
    helpers.use_style()

Importing it has no side effects: Matplotlib's rcParams change only when
:func:`use_style` is called. The fits themselves are never done here; the
notebooks call NumPy and SciPy directly.

Modules
-------
data
    Seeded generators of the lessons' data.
plotting
    Small plot functions that take ``ax=None`` and return the Axes.
trace
    :class:`~helpers.trace.IterationRecorder` (a ``callback=`` that records
    iterations) and :class:`~helpers.trace.CallCounter`.
"""

from __future__ import annotations

from . import data, plotting, trace
from .style import use_style
from .trace import CallCounter, IterationRecorder

__all__ = ["use_style", "data", "plotting", "trace", "IterationRecorder", "CallCounter"]
__version__ = "0.1.0"
