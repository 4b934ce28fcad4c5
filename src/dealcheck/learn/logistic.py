"""A small, deterministic L2-regularised logistic regression in plain Python.

The learning wing fits a handful of coefficients (one per criterion and red flag) on
deals that share few distinct answer patterns, so a dependency such as numpy would buy
little: rows are grouped by pattern (`Rows`), and Newton's method on the grouped rows
converges in a few steps. Each coefficient is pulled towards a prior value (the
current framework's view) by a Gaussian penalty, so a small history moves nothing.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

MAX_STEPS = 50
TOLERANCE = 1e-7
FRESH_CURVATURE = 2
Z95 = 1.959963984540054


def simultaneous_z(tests: int, confidence: float = 0.95) -> float:
    """The z of intervals that hold together, `tests` at once, with `confidence` (Bonferroni)."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / (2 * max(tests, 1)))


@dataclass(frozen=True)
class Rows:
    """Training rows grouped by identical features: how many deals, how many won.

    Attributes:
        width: Number of features.
        columns: One list per feature, one value per group.
        deals: Number of deals per group.
        wins: Number of won deals per group.
    """

    width: int
    columns: list[list[float]]
    deals: list[float]
    wins: list[float]

    @classmethod
    def grouped(
        cls, width: int, features: Iterable[tuple[float, ...]], won: Iterable[bool]
    ) -> Rows:
        """Group deals by identical features (in order of first appearance)."""
        counts: dict[tuple[float, ...], list[float]] = {}
        for row, outcome in zip(features, won, strict=True):
            found = counts.get(row)
            if found is None:
                counts[row] = [1.0, 1.0 if outcome else 0.0]
            else:
                found[0] += 1.0
                found[1] += outcome
        columns = [list(c) for c in zip(*counts, strict=True)] or [[] for _ in range(width)]
        tallies = list(counts.values())
        return cls(width, columns, [t[0] for t in tallies], [t[1] for t in tallies])


@dataclass(frozen=True)
class Fit:
    """Fitted coefficients with their approximate 95 % intervals.

    Attributes:
        intercept: Log-odds of winning with every feature at 0.
        coefficients: Change in log-odds per unit of each feature.
        standard_errors: From the inverse of the penalised information matrix.
    """

    intercept: float
    coefficients: tuple[float, ...]
    standard_errors: tuple[float, ...]

    def interval(self, index: int, z: float = Z95) -> tuple[float, float]:
        """The Wald interval of one coefficient (95 % by default; `z` for another)."""
        half = z * self.standard_errors[index]
        return self.coefficients[index] - half, self.coefficients[index] + half

    def predict(self, features: Sequence[float]) -> float:
        """The fitted probability of winning for one row of features."""
        eta = self.intercept + sum(map(operator.mul, self.coefficients, features))
        return _sigmoid(eta)


def fit_logistic(
    rows: Rows, *, prior: Sequence[float], penalty: Sequence[float], start: float = 0.0
) -> Fit:
    """Maximise the log-likelihood minus `penalty_j / 2 * (beta_j - prior_j) ** 2`.

    Args:
        rows: Grouped training rows.
        prior: Value each coefficient is pulled towards (the intercept is not penalised).
        penalty: Strength of the pull per coefficient (a Gaussian prior's precision).
        start: Starting intercept.

    Raises:
        ValueError: When there are no rows.
    """
    if not rows.deals:
        raise ValueError("no deals to fit")
    width = rows.width
    beta = [start, *prior]
    lam = [0.0, *penalty]
    mu = [0.0, *prior]
    columns = [[1.0] * len(rows.deals), *rows.columns]
    eta = _linear(beta, columns)
    objective = _objective(eta, beta, rows, lam, mu)
    hessian: list[list[float]] = []
    for count in range(MAX_STEPS):
        chance = [_sigmoid(e) for e in eta]
        gradient = _gradient(beta, chance, columns, rows, lam, mu)
        # Newton's first steps do the work; near the optimum the last curvature still
        # points the right way, and refreshing it costs a pass per pair of features.
        if count < FRESH_CURVATURE:
            hessian = _hessian(chance, columns, rows, lam)
        step = _solve(hessian, gradient)
        shrink = 1.0
        while True:
            trial = [b + shrink * s for b, s in zip(beta, step, strict=True)]
            eta = _linear(trial, columns)
            value = _objective(eta, trial, rows, lam, mu)
            if value >= objective - 1e-12 or shrink < 1e-6:
                break
            shrink /= 2
        beta, objective = trial, value
        if max(abs(shrink * s) for s in step) < TOLERANCE:
            break
    covariance = _invert(_hessian([_sigmoid(e) for e in eta], columns, rows, lam))
    errors = tuple(math.sqrt(max(covariance[j][j], 0.0)) for j in range(1, width + 1))
    return Fit(beta[0], tuple(beta[1:]), errors)


def _sigmoid(eta: float) -> float:
    if eta >= 0:
        return 1.0 / (1.0 + math.exp(-eta))
    exp = math.exp(eta)
    return exp / (1.0 + exp)


def _linear(beta: Sequence[float], columns: list[list[float]]) -> list[float]:
    eta = [beta[0]] * len(columns[0])
    for b, column in zip(beta[1:], columns[1:], strict=True):
        if b:
            eta = [e + b * x for e, x in zip(eta, column, strict=True)]
    return eta


def _objective(
    eta: list[float], beta: Sequence[float], rows: Rows, lam: list[float], mu: list[float]
) -> float:
    """Penalised log-likelihood; log(1 + e^eta) computed without overflow."""
    log1p, exp = math.log1p, math.exp
    total: float = sum(map(operator.mul, rows.wins, eta)) - sum(
        n * (e + log1p(exp(-e)) if e > 0 else log1p(exp(e)))
        for e, n in zip(eta, rows.deals, strict=True)
    )
    return total - sum(lj * (b - m) ** 2 for lj, b, m in zip(lam, beta, mu, strict=True)) / 2


def _gradient(
    beta: Sequence[float],
    chance: list[float],
    columns: list[list[float]],
    rows: Rows,
    lam: list[float],
    mu: list[float],
) -> list[float]:
    residual = [y - n * p for y, n, p in zip(rows.wins, rows.deals, chance, strict=True)]
    return [
        sum(map(operator.mul, residual, column)) - lj * (b - m)
        for column, lj, b, m in zip(columns, lam, beta, mu, strict=True)
    ]


def _hessian(
    chance: list[float], columns: list[list[float]], rows: Rows, lam: list[float]
) -> list[list[float]]:
    """The information matrix plus the penalty (the negated Hessian of the objective)."""
    weight = [n * p * (1.0 - p) for n, p in zip(rows.deals, chance, strict=True)]
    size = len(columns)
    hessian = [[0.0] * size for _ in range(size)]
    for j in range(size):
        weighted = list(map(operator.mul, weight, columns[j]))
        for k in range(j + 1):
            hessian[j][k] = hessian[k][j] = sum(map(operator.mul, weighted, columns[k]))
        hessian[j][j] += lam[j]
    return hessian


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve `matrix @ x = vector` by Gaussian elimination with partial pivoting."""
    size = len(vector)
    work = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(work[r][col]))
        work[col], work[pivot] = work[pivot], work[col]
        head = work[col][col] or 1e-300
        for row in range(col + 1, size):
            factor = work[row][col] / head
            if factor:
                work[row] = [a - factor * b for a, b in zip(work[row], work[col], strict=True)]
    solution = [0.0] * size
    for row in reversed(range(size)):
        known = sum(work[row][k] * solution[k] for k in range(row + 1, size))
        solution[row] = (work[row][size] - known) / (work[row][row] or 1e-300)
    return solution


def _invert(matrix: list[list[float]]) -> list[list[float]]:
    size = len(matrix)
    columns = [_solve(matrix, [1.0 if i == j else 0.0 for i in range(size)]) for j in range(size)]
    return [[columns[j][i] for j in range(size)] for i in range(size)]
