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
    Small plot functions (data and fits, residuals, coefficients, cost
    contours, optimiser paths) that take ``ax=None`` and return the Axes.
trace
    :class:`~helpers.trace.IterationRecorder` (a ``callback=`` that records
    iterations, the start included) and :class:`~helpers.trace.CallCounter`.
summary
    :func:`~helpers.summary.fit_summary`: standard errors, covariance and
    correlations of a least-squares fit, computed through the SVD.
conditioning
    Plots of solver error and condition number against polynomial degree
    (Lesson 1).
optimize_report
    A 1-D objective landscape plot and a rounded text table (Lesson 2).
losses
    The robust losses of ``least_squares`` as functions, their weights, and
    plots of both (Lesson 4).
"""

from __future__ import annotations

from . import conditioning, data, losses, optimize_report, plotting, summary, trace
from .style import use_style
from .summary import FitSummary, fit_summary
from .trace import CallCounter, IterationRecorder

__all__ = [
    "use_style",
    "data",
    "plotting",
    "trace",
    "summary",
    "conditioning",
    "optimize_report",
    "losses",
    "IterationRecorder",
    "CallCounter",
    "FitSummary",
    "fit_summary",
]
__version__ = "0.1.0"
