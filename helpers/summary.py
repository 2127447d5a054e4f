r"""Standard errors and correlations of a least-squares fit, computed stably.

:func:`fit_summary` takes the result of :func:`scipy.optimize.least_squares`
(anything with ``x``, ``fun`` and ``jac``) and returns a :class:`FitSummary`:
the parameters, their covariance :math:`s^2 (J^\top J)^{-1}` with
:math:`s^2 = \lVert f\rVert^2 / (m - n)`, standard errors, correlations and a
readable table.

The covariance is never formed by inverting :math:`J^\top J`, whose condition
number is the square of :math:`J`'s. Instead the columns of :math:`J` are
scaled to unit length, :math:`J D^{-1} = U \Sigma V^\top` is computed by the
SVD, and

.. math:: \operatorname{cov} = s^2\, D^{-1} V \Sigma^{-2} V^\top D^{-1}.

Column scaling removes the part of the ill-conditioning that comes only from
parameters of very different magnitudes, so standard errors stay accurate
for Jacobians with condition numbers up to about :math:`10^{15}` when the
scaled Jacobian is reasonably conditioned; what limits the accuracy is the
condition number of the column-scaled Jacobian (see :func:`fit_summary`).

The fit itself is never done here: the notebook calls SciPy.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from ._tables import html_table, text_table
from ._validate import as_1d_array, as_2d_array, check_int, check_nonnegative, check_real
from .trace import _names_for, format_number

__all__ = ["FitSummary", "fit_summary"]


class FitSummary:
    """Parameters, standard errors and covariance of a least-squares fit.

    Made by :func:`fit_summary`; not meant to be built directly.

    Attributes
    ----------
    names : list of str
        Parameter names.
    params : ndarray, shape (n,)
        Fitted parameters (``result.x``).
    stderr : ndarray, shape (n,)
        Standard errors, the square roots of the covariance's diagonal.
    cov : ndarray, shape (n, n)
        Covariance matrix :math:`s^2 (J^\\top J)^{-1}`.
    corr : ndarray, shape (n, n)
        Correlation matrix (unit diagonal).
    rss : float
        Residual sum of squares :math:`\\lVert f\\rVert^2` (twice the linear-loss cost).
    dof : int
        Degrees of freedom ``m - n``.
    residual_std : float
        :math:`s = \\sqrt{\\mathrm{rss}/\\mathrm{dof}}`.
    cond_scaled : float
        Condition number of the Jacobian after scaling its columns to unit
        length (the part of the ill-conditioning that scaling cannot remove).
    """

    def __init__(
        self,
        names: list[str],
        params: np.ndarray,
        stderr: np.ndarray,
        cov: np.ndarray,
        corr: np.ndarray,
        rss: float,
        dof: int,
        cond_scaled: float,
    ) -> None:
        self.names = names
        self.params = params
        self.stderr = stderr
        self.cov = cov
        self.corr = corr
        self.rss = rss
        self.dof = dof
        self.residual_std = float(np.sqrt(rss / dof))
        self.cond_scaled = cond_scaled

    @property
    def rel_error(self) -> np.ndarray:
        """Standard errors relative to ``|params|`` (inf where a parameter is 0)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = self.stderr / np.abs(self.params)
        return np.where(self.params == 0, np.inf, rel)

    def _rows(self, digits: int) -> tuple[list[str], list[list[str]]]:
        header = ["name", "value", "std. error", "rel. error"]
        rows = [
            [name, format_number(v, digits), format_number(se, digits), format_number(rel, 3)]
            for name, v, se, rel in zip(self.names, self.params, self.stderr, self.rel_error)
        ]
        return header, rows

    def _footer(self, digits: int) -> str:
        return (
            f"rss = {format_number(self.rss, digits)}, dof = {self.dof}, "
            f"residual std = {format_number(self.residual_std, digits)}"
        )

    def table(self, digits: int = 6) -> str:
        """The summary as a plain-text table, numbers to ``digits`` significant digits.

        Relative errors are shown to 3 significant digits. Magnitudes below
        1e-12 print as 0 (see :func:`helpers.trace.format_number`).
        """
        digits = check_int(digits, "digits", minimum=1)
        header, rows = self._rows(digits)
        return text_table(header, rows) + "\n" + self._footer(digits)

    def to_html(self, digits: int = 6) -> str:
        """The summary as an HTML table (same rounding as :meth:`table`)."""
        digits = check_int(digits, "digits", minimum=1)
        header, rows = self._rows(digits)
        return html_table(header, rows) + f"<p>{html.escape(self._footer(digits))}</p>"

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        return f"<FitSummary: {len(self.params)} parameters>\n{self.table()}"

    def _repr_html_(self) -> str:
        return self.to_html()


def _get(result: Any, name: str) -> Any:
    try:
        return getattr(result, name)
    except AttributeError:
        raise TypeError(
            f"result must have attributes x, fun and jac (a least_squares result); "
            f"it has no {name!r}"
        ) from None


def fit_summary(
    result: Any,
    names: Sequence[str] | None = None,
    *,
    rcond: float | None = None,
) -> FitSummary:
    r"""Covariance, standard errors and correlations of a least-squares fit.

    Parameters
    ----------
    result : OptimizeResult or object
        Anything with ``x`` (shape (n,)), ``fun`` (residuals, shape (m,)) and
        ``jac`` (shape (m, n); a dense array or a SciPy sparse matrix), such
        as the result of :func:`scipy.optimize.least_squares`. The residuals
        should be unweighted data-minus-model differences (or already divided
        by known standard deviations, in which case ``s`` should be about 1).
        If ``result`` also has ``cost`` (as a ``least_squares`` result does),
        it must be :math:`\tfrac12\lVert f\rVert^2`, that is, the fit must
        have used ``loss='linear'``. If it has ``active_mask``, a nonzero
        entry (a parameter at a bound) triggers a warning.
    names : sequence of str, optional
        Parameter names; ``x[0]``, ``x[1]``, ... by default.
    rcond : float, optional
        Relative tolerance for rank deficiency: after scaling the columns of
        ``jac`` to unit length, a singular value below ``rcond`` times the
        largest one means the parameters are not identifiable. Default
        ``max(m, n) * eps``.

    Returns
    -------
    FitSummary

    Raises
    ------
    TypeError
        If ``result`` lacks ``x``, ``fun`` or ``jac``, or they (or ``cost``)
        are not numeric.
    ValueError
        If the shapes disagree, a value is not finite, the residual sum of
        squares overflows, ``m - n <= 0`` (no degrees of freedom), the
        Jacobian is rank deficient, or ``result.cost`` is not
        :math:`\tfrac12\lVert f\rVert^2` (a robust ``loss`` was used).

    Warns
    -----
    UserWarning
        If ``result.active_mask`` has a nonzero entry: a parameter at a bound
        makes the standard errors unreliable.

    Notes
    -----
    With :math:`D = \operatorname{diag}(\lVert J_{:,j}\rVert)` and the thin SVD
    :math:`J D^{-1} = U\Sigma V^\top`,

    .. math:: \operatorname{cov} = s^2 D^{-1} V \Sigma^{-2} V^\top D^{-1},
              \qquad s^2 = \frac{\lVert f\rVert^2}{m - n}.

    This never forms :math:`J^\top J`, whose condition number is the square
    of :math:`J`'s, and its accuracy is governed by the condition number
    :math:`\kappa_s` of the column-scaled Jacobian (``cond_scaled``), not by
    the spread of the parameters' scales. Measured on Jacobians with known
    covariance, the standard errors are accurate to about :math:`10^{-9}`
    (relative) at :math:`\kappa_s \approx 10^8`, about :math:`5\times10^{-8}`
    (at worst :math:`10^{-7}`) at :math:`10^{10}` and only about
    :math:`10^{-5}` at :math:`10^{12}`.
    Near the rank cut-off (:math:`\kappa_s` close to ``1 / rcond``, about
    :math:`10^{14}` by default for tens of residuals) the standard errors are huge and carry few
    correct digits; that honestly says that some parameter combination is not
    identifiable from the data, not that it is known to that precision.

    The formula is that of the linear loss. For a robust ``loss`` the
    reweighted fit has no such simple covariance, so such results are
    rejected: estimate the uncertainty by a bootstrap instead (refit
    resampled data and take the spread of the parameters). The formula also
    assumes an interior minimum, which a parameter held at a bound is not.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.optimize import least_squares
    >>> t = np.array([0.0, 1.0, 2.0, 3.0]); y = np.array([1.1, 2.9, 5.2, 6.9])
    >>> res = least_squares(lambda p: p[0] * t + p[1] - y, [0.0, 0.0])
    >>> s = fit_summary(res, names=["m", "b"])
    >>> print(s.table(4))
    name  value  std. error  rel. error
    m      1.97     0.07937      0.0403
    b      1.07      0.1485       0.139
    rss = 0.063, dof = 2, residual std = 0.1775
    """
    x = as_1d_array(_get(result, "x"), "result.x")
    fun = as_1d_array(_get(result, "fun"), "result.fun")
    jac = _get(result, "jac")
    if hasattr(jac, "toarray") and not isinstance(jac, np.ndarray):
        jac = jac.toarray()  # scipy.sparse matrices and arrays
    jac = as_2d_array(jac, "result.jac")
    m, n = fun.size, x.size
    if jac.shape != (m, n):
        raise ValueError(
            f"result.jac must have shape (len(fun), len(x)) = ({m}, {n}), got {jac.shape}"
        )
    names_list = _names_for(n, names)
    dof = m - n
    if dof <= 0:
        raise ValueError(
            f"no degrees of freedom: {m} residuals and {n} parameters (m - n = {dof}); "
            "the residual variance, hence the covariance, needs m > n"
        )
    eps = np.finfo(float).eps
    rcond = max(m, n) * eps if rcond is None else check_nonnegative(rcond, "rcond")
    with np.errstate(over="ignore"):
        rss = float(np.sum(fun**2))
    if not np.isfinite(rss):
        raise ValueError(
            f"the residual sum of squares of result.fun overflows float64 (max |fun| = "
            f"{np.max(np.abs(fun)):.3g}); rescale the residuals, for example by dividing "
            "them by a typical measurement error"
        )
    cost = getattr(result, "cost", None)
    if cost is not None:
        cost = check_real(cost, "result.cost")
        # SciPy's linear-loss cost is ½ f·f; allow rounding, plus subnormal noise.
        if not np.isclose(cost, 0.5 * rss, rtol=1e-8, atol=np.finfo(float).tiny):
            raise ValueError(
                f"result.cost = {cost:.6g} is not half the sum of squared residuals "
                f"({0.5 * rss:.6g}), so the fit used a robust loss; the standard-error "
                "formula assumes loss='linear'. Estimate the uncertainty of a robust fit "
                "by a bootstrap (refit resampled data) instead"
            )
    active = getattr(result, "active_mask", None)
    if active is not None:
        active = np.asarray(active)
        if active.shape != (n,):
            raise ValueError(
                f"result.active_mask must have shape (len(x),) = ({n},), got {active.shape}"
            )
        at_bound = np.flatnonzero(active != 0)
        if at_bound.size:
            warnings.warn(
                f"parameter(s) {[names_list[i] for i in at_bound]} are at a bound "
                "(result.active_mask is nonzero): the standard errors assume an interior "
                "minimum and are unreliable",
                UserWarning,
                stacklevel=2,
            )

    scale = np.linalg.norm(jac, axis=0)
    zero = np.flatnonzero(scale == 0)
    if zero.size:
        raise ValueError(
            f"the Jacobian is rank deficient: column(s) {zero.tolist()} are zero, so "
            f"parameter(s) {[names_list[i] for i in zero]} do not affect the residuals"
        )
    _, sv, vt = np.linalg.svd(jac / scale, full_matrices=False)
    if sv[-1] <= rcond * sv[0]:
        raise ValueError(
            f"the Jacobian is rank deficient (numerically): after column scaling its "
            f"singular values span {sv[0]:.3g} to {sv[-1]:.3g}, below the tolerance "
            f"rcond * max = {rcond * sv[0]:.3g}; some parameter combination is not "
            "determined by the data"
        )
    s2 = rss / dof
    # cov = s² D⁻¹ V Σ⁻² Vᵀ D⁻¹; W = Σ⁻¹ Vᵀ D⁻¹ so cov = s² WᵀW.
    w = (vt / sv[:, None]) / scale
    cov = s2 * (w.T @ w)
    norms = np.sqrt(np.sum(w**2, axis=0))
    corr = np.clip((w.T @ w) / np.outer(norms, norms), -1.0, 1.0)
    stderr = np.sqrt(s2) * norms
    np.fill_diagonal(corr, 1.0)
    cov = 0.5 * (cov + cov.T)
    corr = 0.5 * (corr + corr.T)
    return FitSummary(
        names_list,
        x.copy(),
        stderr,
        cov,
        corr,
        rss,
        dof,
        float(sv[0] / sv[-1]),
    )
