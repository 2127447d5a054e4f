"""Shared fixtures. Unit tests draw on Matplotlib's Agg backend and close what they open."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # this process only; notebook kernels choose their own backend

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def ax():
    """A fresh Axes on its own figure, closed after the test."""
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
