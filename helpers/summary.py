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
from ._validate import (
    as_1d_array,
    as_2d_array,
    check_bool,
    check_digits,
    check_int,
    check_nonnegative,
    check_real,
)
from .trace import _names_for, format_number

__all__ = ["FitSummary", "fit_summary"]


def _vector(values: Any, name: str, n: int) -> np.ndarray:
    arr = as_1d_array(values, name)
    if arr.size != n:
        raise ValueError(
            f"{name} must have one entry per parameter (len(params) = {n}), got {arr.size}"
        )
    return arr


def _square(values: Any, name: str, n: int) -> np.ndarray:
    arr = as_2d_array(values, name)
    if arr.shape != (n, n):
        raise ValueError(
            f"{name} must have shape (n, n) with n = len(params) = {n}, got {arr.shape}"
        )
    return arr


class FitSummary:
    """Parameters, standard errors and covariance of a least-squares fit.

    Made by :func:`fit_summary`. Built directly, it checks its arguments
    (types, shapes, finiteness, ``stderr >= 0``, ``|corr| <= 1``,
    ``dof >= 0``, ``cond_scaled >= 1``) but not that they agree with each
    other: that is :func:`fit_summary`'s job.

    Attributes
    ----------
    names : list of str
        Parameter names.
    params : ndarray, shape (n,)
        Fitted parameters (``result.x``).
    stderr : ndarray, shape (n,)
        Standard errors, the square roots of the covariance's diagonal.
    cov : ndarray, shape (n, n)
        Covariance matrix :math:`s^2 (J^\\top J)^{-1}`, or
        :math:`(J^\\top J)^{-1}` when ``absolute_sigma`` is True.
    corr : ndarray, shape (n, n)
        Correlation matrix (unit diagonal).
    rss : float
        Residual sum of squares :math:`\\lVert f\\rVert^2` (twice the linear-loss cost).
    dof : int
        Degrees of freedom ``m - n``.
    residual_std : float
        :math:`s = \\sqrt{\\mathrm{rss}/\\mathrm{dof}}` (NaN when ``dof`` is 0).
    cond_scaled : float
        Condition number of the Jacobian after scaling its columns to unit
        length (the part of the ill-conditioning that scaling cannot remove).
    absolute_sigma : bool
        Whether the covariance was left unscaled by :math:`s^2` (see
        :func:`fit_summary`).

    Raises
    ------
    TypeError, ValueError
        If an argument has the wrong type, shape or value, naming it.
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
        *,
        residual_std: float | None = None,
        absolute_sigma: bool = False,
    ) -> None:
        params = as_1d_array(params, "params")
        n = params.size
        self.names = _names_for(n, names, "params")
        self.params = params
        self.stderr = _vector(stderr, "stderr", n)
        if np.any(self.stderr < 0):
            raise ValueError("stderr must be >= 0 (standard errors)")
        self.cov = _square(cov, "cov", n)
        self.corr = _square(corr, "corr", n)
        if np.any(np.abs(self.corr) > 1):
            raise ValueError("corr must hold correlations, between -1 and 1")
        self.rss = check_nonnegative(rss, "rss")
        self.dof = check_int(dof, "dof", minimum=0)
        if self.dof > 2**53:
            raise ValueError(f"dof must be at most 2**53 (m - n residuals), got {self.dof}")
        self.absolute_sigma = check_bool(absolute_sigma, "absolute_sigma")
        if residual_std is None:
            residual_std = float(np.sqrt(self.rss / self.dof)) if self.dof > 0 else float("nan")
        elif not (self.dof == 0 and isinstance(residual_std, float) and np.isnan(residual_std)):
            residual_std = check_nonnegative(residual_std, "residual_std")
        self.residual_std = residual_std
        self.cond_scaled = check_real(cond_scaled, "cond_scaled")
        if self.cond_scaled < 1:
            raise ValueError(f"cond_scaled must be >= 1 (a condition number), got {cond_scaled}")

    @property
    def rel_error(self) -> np.ndarray:
        """Standard errors relative to ``|params|`` (inf where a parameter is 0)."""
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            rel = self.stderr / np.abs(self.params)
        return np.where(self.params == 0, np.inf, rel)

    def _rows(self, digits: int) -> tuple[list[str], list[list[str]]]:
        header = ["name", "value", "std. error", "rel. error"]
        rows = [
            [name, format_number(v, digits), format_number(se, digits), format_number(rel, 3)]
            for name, v, se, rel in zip(
                self.names, self.params, self.stderr, self.rel_error, strict=True
            )
        ]
        return header, rows

    def _footer(self, digits: int) -> str:
        text = (
            f"rss = {format_number(self.rss, digits)}, dof = {self.dof}, "
            f"residual std = {format_number(self.residual_std, digits)}"
        )
        if self.absolute_sigma:
            text += "\nabsolute_sigma: cov = (JᵀJ)⁻¹, not scaled by residual std²"
        return text

    def table(self, digits: int = 6) -> str:
        """The summary as a plain-text table, numbers to ``digits`` (1 to 17) significant digits.

        Relative errors are shown to 3 significant digits. Magnitudes below
        1e-12 print as 0 (see :func:`helpers.trace.format_number`).
        """
        digits = check_digits(digits)
        header, rows = self._rows(digits)
        return text_table(header, rows) + "\n" + self._footer(digits)

    def to_html(self, digits: int = 6) -> str:
        """The summary as an HTML table (same rounding as :meth:`table`; digits 1 to 17)."""
        digits = check_digits(digits)
        header, rows = self._rows(digits)
        footer = "".join(
            f"<p>{html.escape(line)}</p>" for line in self._footer(digits).splitlines()
        )
        return html_table(header, rows) + footer

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


#: Most parameters :func:`fit_summary` accepts: the covariance is a dense n-by-n
#: matrix and its SVD costs O(n³) (2000 parameters: 32 MB and a few seconds).
MAX_PARAMS = 2000

#: Rows of a sparse Jacobian made dense at a time are chosen so that a block
#: holds about this many entries (8 MB).
_BLOCK_ENTRIES = 1_000_000


def _norm(v: np.ndarray) -> float:
    """Euclidean norm of a finite vector without overflow or underflow of the squares."""
    big = float(np.max(np.abs(v))) if v.size else 0.0
    if big == 0.0:
        return 0.0
    e = int(np.frexp(big)[1])
    return float(np.ldexp(np.sqrt(np.sum(np.ldexp(v, -e) ** 2)), e))


def _scaled_dense(jac: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``J D⁻¹`` with unit columns, and ``D = 2**e * inner`` as (exponents e, inner).

    Each column is first scaled by a power of two (exact) that brings its largest
    entry into [0.5, 1), then divided by its remaining norm (between 0.5 and
    sqrt(m)); neither step can overflow or underflow, whatever the column's scale.
    """
    amax = np.max(np.abs(jac), axis=0)
    exps = np.frexp(amax)[1]
    scaled = np.ldexp(jac, -exps)
    inner = np.sqrt(np.sum(scaled**2, axis=0))
    return scaled / np.where(amax == 0, 1.0, inner), exps, inner


def _scaled_sparse(jac: Any, n: int) -> tuple[Any, np.ndarray, np.ndarray]:
    """The same column scaling as :func:`_scaled_dense` for a SciPy sparse matrix."""
    import scipy.sparse  # type: ignore[import-untyped]

    csr = scipy.sparse.csr_array(jac, dtype=float, copy=True)
    csr.sum_duplicates()
    amax = np.zeros(n)
    np.maximum.at(amax, csr.indices, np.abs(csr.data))
    exps = np.frexp(amax)[1]
    csr.data = np.ldexp(csr.data, -exps[csr.indices])
    inner = np.sqrt(np.bincount(csr.indices, weights=csr.data**2, minlength=n))
    csr.data /= np.where(amax == 0, 1.0, inner)[csr.indices]
    return csr, exps, inner


def _sparse_svd(scaled: Any, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Singular values and right singular vectors of a tall sparse matrix, never dense whole.

    The triangular factor R of ``scaled = QR`` is accumulated over blocks of rows
    (each block made dense on its own, ``R = qr([R; block])``); R has the same
    singular values and right singular vectors as ``scaled``, and Householder QR
    is as backward stable as the SVD of the whole matrix.
    """
    block = max(n, _BLOCK_ENTRIES // n)
    r: np.ndarray = np.zeros((0, n))
    for start in range(0, m, block):
        rows = scaled[start : start + block].toarray()
        r = np.asarray(np.linalg.qr(np.vstack([r, rows]), mode="r"))
    _, sv, vt = np.linalg.svd(r, full_matrices=False)
    return sv, vt


def fit_summary(
    result: Any,
    names: Sequence[str] | None = None,
    *,
    rcond: float | None = None,
    absolute_sigma: bool = False,
) -> FitSummary:
    r"""Covariance, standard errors and correlations of a least-squares fit.

    Parameters
    ----------
    result : OptimizeResult or object
        Anything with ``x`` (shape (n,)), ``fun`` (residuals, shape (m,)) and
        ``jac`` (shape (m, n); a dense array or a SciPy sparse matrix or
        array), such as the result of :func:`scipy.optimize.least_squares`.
        The residuals are data-minus-model differences, possibly divided by
        the measurement errors :math:`\sigma_i` (see ``absolute_sigma``).
        If ``result`` also has ``cost`` (as a ``least_squares`` result does),
        it must be :math:`\tfrac12\lVert f\rVert^2`, that is, the fit must
        have used ``loss='linear'``. If it has ``active_mask``, a nonzero
        entry (a parameter at a bound) triggers a warning. At most
        :data:`MAX_PARAMS` (2000) parameters.
    names : sequence of str, optional
        Parameter names; ``x[0]``, ``x[1]``, ... by default.
    rcond : float, optional
        Relative tolerance for rank deficiency: after scaling the columns of
        ``jac`` to unit length, a singular value below ``rcond`` times the
        largest one means the parameters are not identifiable. Default
        ``max(m, n) * eps``.
    absolute_sigma : bool, default False
        The meaning of :func:`scipy.optimize.curve_fit`'s option of that name.
        False: the covariance is :math:`s^2 (J^\top J)^{-1}`, scaled by the
        residual variance :math:`s^2 = \lVert f\rVert^2/(m - n)`, so only the
        relative sizes of any :math:`\sigma_i` the residuals were divided by
        matter (``curve_fit``'s default). True: the residuals were divided by
        known, absolute standard deviations :math:`\sigma_i`, and the
        covariance is :math:`(J^\top J)^{-1}` with no :math:`s^2`; ``s``
        (``residual_std``) should then be close to 1, and ``m = n`` is allowed
        (``residual_std`` is then NaN).

    Returns
    -------
    FitSummary

    Raises
    ------
    TypeError
        If ``result`` lacks ``x``, ``fun`` or ``jac``, or they (or ``cost``)
        are not numeric, ``jac`` is neither an array nor a SciPy sparse
        matrix (a ``LinearOperator``, say), or ``absolute_sigma`` is not a
        bool.
    ValueError
        If the shapes disagree, a value is not finite, the residual sum of
        squares overflows, there are more than :data:`MAX_PARAMS` parameters,
        ``m - n <= 0`` (no degrees of freedom; ``m - n < 0`` with
        ``absolute_sigma``), the Jacobian is rank deficient, the covariance
        overflows float64, or ``result.cost`` is not
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
              \qquad s^2 = \frac{\lVert f\rVert^2}{m - n}

    (:math:`s = 1` with ``absolute_sigma=True``).
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

    The column norms are computed without squaring overflow or underflow, so a
    column of any finite scale (1e-170 or 1e170) is judged by its direction
    alone. A sparse ``jac`` is never made dense as a whole: the triangular
    factor of its QR decomposition is accumulated over blocks of rows (about
    a million entries each), which has the same singular values, so memory
    stays O(n²) plus one block however many residuals there are.

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

    With known measurement errors :math:`\sigma_i = 0.1`, divide the
    residuals by them and keep the covariance absolute:

    >>> sigma = np.full(4, 0.1)
    >>> res = least_squares(lambda p: (p[0] * t + p[1] - y) / sigma, [0.0, 0.0])
    >>> print(fit_summary(res, names=["m", "b"], absolute_sigma=True).table(4))
    name  value  std. error  rel. error
    m      1.97     0.04472      0.0227
    b      1.07     0.08367      0.0782
    rss = 6.3, dof = 2, residual std = 1.775
    absolute_sigma: cov = (JᵀJ)⁻¹, not scaled by residual std²
    """
    absolute = check_bool(absolute_sigma, "absolute_sigma")
    x = as_1d_array(_get(result, "x"), "result.x")
    fun = as_1d_array(_get(result, "fun"), "result.fun")
    m, n = fun.size, x.size
    if n > MAX_PARAMS:
        raise ValueError(
            f"result.x has {n} parameters; fit_summary handles at most {MAX_PARAMS} "
            f"(the covariance is a dense {n} x {n} matrix)"
        )
    jac = _get(result, "jac")
    import scipy.sparse

    sparse = scipy.sparse.issparse(jac)
    if sparse:
        if jac.ndim != 2:
            raise ValueError(f"result.jac must be 2-D, got a sparse array of shape {jac.shape}")
        if not (np.issubdtype(jac.dtype, np.number) or np.issubdtype(jac.dtype, np.bool_)):
            raise TypeError(f"result.jac must hold real numbers, got dtype {jac.dtype}")
        if np.iscomplexobj(jac.data):
            raise TypeError("result.jac must be real, got complex values")
        if not np.all(np.isfinite(jac.data)):
            raise ValueError("result.jac must contain only finite values (no NaN or inf)")
    elif hasattr(jac, "matvec") and hasattr(jac, "rmatvec"):
        raise TypeError(
            "result.jac is a LinearOperator (tr_solver='lsmr' with such a jac); fit_summary "
            "needs the Jacobian's entries: pass a dense array or a SciPy sparse matrix"
        )
    else:
        jac = as_2d_array(jac, "result.jac")
    if jac.shape != (m, n):
        raise ValueError(
            f"result.jac must have shape (len(fun), len(x)) = ({m}, {n}), got {jac.shape}"
        )
    names_list = _names_for(n, names, "result.x")
    dof = m - n
    if dof < 0 or (dof == 0 and not absolute):
        raise ValueError(
            f"no degrees of freedom: result has {m} residuals and {n} parameters "
            f"(m - n = {dof}); "
            "the residual variance, hence the covariance, needs m > n"
            + ("" if absolute else " (m = n is allowed with absolute_sigma=True)")
        )
    eps = np.finfo(float).eps
    rcond = max(m, n) * eps if rcond is None else check_nonnegative(rcond, "rcond")
    fnorm = _norm(fun)
    with np.errstate(over="ignore"):
        rss = float(np.float64(fnorm) * fnorm)
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

    if sparse:
        scaled, exps, inner = _scaled_sparse(jac, n)
    else:
        scaled, exps, inner = _scaled_dense(jac)
    zero = np.flatnonzero(inner == 0)
    if zero.size:
        raise ValueError(
            f"result.jac is rank deficient: column(s) {zero.tolist()} are zero, so "
            f"parameter(s) {[names_list[i] for i in zero]} do not affect the residuals"
        )
    if sparse:
        sv, vt = _sparse_svd(scaled, m, n)
    else:
        _, sv, vt = np.linalg.svd(scaled, full_matrices=False)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        # A = Σ⁻¹Vᵀ: cov = s² D⁻¹ AᵀA D⁻¹ in the scaled parameters.
        a = vt / sv[:, None]
        a_norm = np.sqrt(np.sum(a**2, axis=0))
    if sv[-1] <= rcond * sv[0] or not np.all(np.isfinite(a_norm)):
        raise ValueError(
            f"result.jac is rank deficient (numerically): after column scaling its "
            f"singular values span {sv[0]:.3g} to {sv[-1]:.3g}, below the tolerance "
            f"rcond * max = {rcond * sv[0]:.3g}; some parameter combination is not "
            "determined by the data"
        )
    corr = np.clip((a.T @ a) / np.outer(a_norm, a_norm), -1.0, 1.0)
    corr = 0.5 * (corr + corr.T)
    np.fill_diagonal(corr, 1.0)
    # stderr_j = s * |A[:, j]| / D_j with D_j = 2**e_j * inner_j, computed through
    # mantissas and exponents so that no intermediate overflows or underflows.
    s = 1.0 if absolute else _norm(fun) / np.sqrt(dof)
    s_mant, s_exp = np.frexp(s)
    c_mant, c_exp = np.frexp(a_norm / inner)
    with np.errstate(over="ignore", under="ignore"):
        stderr = np.ldexp(s_mant * c_mant, s_exp + c_exp - exps)
        cov = np.outer(stderr, stderr) * corr
    if not np.all(np.isfinite(cov)):
        worst = int(np.argmax(stderr))
        raise ValueError(
            f"the covariance overflows float64: the standard error of {names_list[worst]!r} "
            f"is {stderr[worst]:.3g}; rescale the parameters (other units) so that the "
            "columns of result.jac are not so small"
        )
    residual_std = float("nan") if dof == 0 else float(s if not absolute else fnorm / np.sqrt(dof))
    return FitSummary(
        names_list,
        x.copy(),
        stderr,
        cov,
        corr,
        rss,
        dof,
        float(sv[0] / sv[-1]),
        residual_std=residual_std,
        absolute_sigma=absolute,
    )
