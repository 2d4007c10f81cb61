"""Models over named features, fitted by a script and saved beside the code.

The search's fusion weights and the yes/no model are linear: a weighted sum of named
features (plus a bias), read as a score or, through the logistic function, as a
probability. The reader's candidate model may instead be boosted trees (`TreeModel`),
which weigh features by each other ("a noun phrase counts less when the question asks
for a name"), or ranking trees that order a question's candidates with pointwise trees
that say how likely the first is right (`RankedModel`). Each JSON file says which
features, the model's numbers, the decision threshold (and named thresholds for named
situations, such as the reader's threshold for overruling a decline), what it was
fitted on, and a version; `load_model` reads any of them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import numpy as np


def _version(numbers: Any) -> str:
    """The day fitted and a digest of what was fitted."""
    return f"{date.today().isoformat()}-{hashlib.sha256(json.dumps(numbers).encode()).hexdigest()[:8]}"


def _logistic(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))


def _decision_body(model: LinearModel | TreeModel | RankedModel) -> dict[str, Any]:
    """What every saved model says besides its numbers: version, training sets, thresholds."""
    return {
        "version": model.version,
        "trained_on": list(model.trained_on),
        "threshold": round(model.threshold, 4),
        "thresholds": {k: round(v, 4) for k, v in model.thresholds.items()},
    }


def _decision(raw: dict[str, Any]) -> dict[str, Any]:
    """`_decision_body`'s fields read back, as keyword arguments of any model."""
    return {
        "threshold": float(raw.get("threshold", 0.5)),
        "version": str(raw.get("version", "")),
        "trained_on": tuple(raw.get("trained_on", ())),
        "thresholds": {str(k): float(v) for k, v in raw.get("thresholds", {}).items()},
    }


class FittedModel(Protocol):
    """What answering needs of a fitted model, linear or trees."""

    @property
    def threshold(self) -> float:
        """The general decision threshold."""
        ...

    def threshold_for(self, situation: str) -> float:
        """The decision threshold fitted for a situation, or the general one."""
        ...

    def probabilities(self, candidates: Sequence[dict[str, float]]) -> list[float]:
        """The probability of each of one question's candidates."""
        ...

    def save(self, path: Path) -> None:
        """Write the model beside the code."""
        ...


@dataclass(frozen=True)
class LinearModel:
    """Weights over named features, with a bias and a decision threshold."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float = 0.0
    threshold: float = 0.5
    version: str = "untrained"
    trained_on: tuple[str, ...] = ()
    thresholds: dict[str, float] = field(default_factory=dict)  # by situation, else `threshold`

    @classmethod
    def fitted(
        cls,
        features: Sequence[str],
        weights: Sequence[float],
        bias: float = 0.0,
        threshold: float = 0.5,
        trained_on: Sequence[str] = (),
        thresholds: dict[str, float] | None = None,
    ) -> LinearModel:
        """A model just fitted, versioned by the day and a digest of its features and weights."""
        version = _version([list(features), list(weights)])
        named = dict(thresholds or {})
        return cls(tuple(features), tuple(weights), bias, threshold, version, tuple(trained_on), named)

    def weights_table(self) -> str:
        """One line per feature with its weight, for a fitting script to print."""
        return "\n".join(f"  {n:18} {w:+.3f}" for n, w in zip(self.features, self.weights, strict=True))

    def threshold_for(self, situation: str) -> float:
        """The decision threshold fitted for a situation, or the general one."""
        return self.thresholds.get(situation, self.threshold)

    def score(self, values: dict[str, float]) -> float:
        """The weighted sum of the features (a missing feature counts 0), plus the bias."""
        pairs = zip(self.features, self.weights, strict=True)
        return self.bias + sum(w * values.get(name, 0.0) for name, w in pairs)

    def probability(self, values: dict[str, float]) -> float:
        """The score through the logistic function."""
        return _logistic(self.score(values))

    def probabilities(self, candidates: Sequence[dict[str, float]]) -> list[float]:
        """Each candidate's probability, on its own."""
        return [self.probability(values) for values in candidates]

    @classmethod
    def load(cls, path: Path) -> LinearModel | None:
        """The saved model, or None when none has been fitted."""
        if not path.exists():
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            tuple(raw["features"]),
            tuple(float(w) for w in raw["weights"]),
            float(raw.get("bias", 0.0)),
            **_decision(raw),
        )

    def save(self, path: Path) -> None:
        """Write the model, with its features, threshold and version."""
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {
            "kind": "linear",
            **_decision_body(self),
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
        }
        path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


# One tree: parallel lists indexed by node. A leaf has feature -1 and its value; an inner
# node sends a value <= its threshold to `left`, else to `right`.
Tree = dict[str, list[Any]]


@dataclass(frozen=True)
class TreeModel:
    """Boosted regression trees over named features: the score is the bias plus each tree's
    leaf for the feature values. A pointwise model's score is log-odds; a listwise one
    (fitted to rank one question's candidates) gives a question's candidates the softmax of
    their scores."""

    features: tuple[str, ...]
    trees: tuple[Tree, ...]
    bias: float = 0.0
    threshold: float = 0.5
    version: str = "untrained"
    trained_on: tuple[str, ...] = ()
    thresholds: dict[str, float] = field(default_factory=dict)
    importance: tuple[float, ...] = ()  # each feature's share of the trees' gain
    listwise: bool = False

    @classmethod
    def fitted(
        cls,
        features: Sequence[str],
        trees: Sequence[Tree],
        bias: float,
        threshold: float,
        trained_on: Sequence[str] = (),
        thresholds: dict[str, float] | None = None,
        importance: Sequence[float] = (),
        listwise: bool = False,
    ) -> TreeModel:
        """A model just fitted, versioned by the day and a digest of its features and trees."""
        version = _version([list(features), list(trees)])
        named = dict(thresholds or {})
        return cls(
            tuple(features),
            tuple(trees),
            bias,
            threshold,
            version,
            tuple(trained_on),
            named,
            tuple(importance),
            listwise,
        )

    def threshold_for(self, situation: str) -> float:
        """The decision threshold fitted for a situation, or the general one."""
        return self.thresholds.get(situation, self.threshold)

    def score(self, values: dict[str, float]) -> float:
        """The log-odds: the bias plus the leaf each tree reaches (a missing feature counts 0)."""
        return float(self.scores([values])[0])

    def scores(self, candidates: Sequence[dict[str, float]]) -> np.ndarray:
        """Each candidate's log-odds: every candidate walks every tree at once, one level a
        step (60 candidates through 300 trees in 3 ms, against 10 ms tree by tree)."""
        rows = np.array(
            [[values.get(name, 0.0) for name in self.features] for values in candidates], dtype=float
        ).reshape(len(candidates), len(self.features))
        feature, threshold, left, right, value, roots = self._tables
        # Each candidate's node in each tree, as an index into the flattened tables.
        node = np.tile(roots, (len(rows), 1))
        row_start = np.arange(len(rows))[:, None] * len(self.features)
        while ((asked := feature.take(node)) >= 0).any():
            said = rows.take(row_start + np.maximum(asked, 0))
            onward = np.where(said <= threshold.take(node), left.take(node), right.take(node))
            node = np.where(asked >= 0, onward, node)
        return np.asarray(self.bias + value.take(node).sum(axis=1), dtype=float)

    @functools.cached_property
    def _tables(self) -> tuple[np.ndarray, ...]:
        """The trees' node lists, padded with leaves to one width and flattened tree after
        tree (node n of tree t at t * width + n): feature, threshold, left and right (as
        flat indexes), value; and each tree's root."""
        width = max((len(tree["feature"]) for tree in self.trees), default=1)
        roots = np.arange(len(self.trees)) * width

        def table(key: str, dtype: type, pad: float) -> np.ndarray:
            padded = [tree[key] + [pad] * (width - len(tree[key])) for tree in self.trees]
            return np.array(padded, dtype=dtype).reshape(len(self.trees), width)

        return (
            table("feature", np.intp, -1).ravel(),
            table("threshold", float, 0.0).ravel(),
            (table("left", np.intp, 0) + roots[:, None]).ravel(),
            (table("right", np.intp, 0) + roots[:, None]).ravel(),
            table("value", float, 0.0).ravel(),
            roots,
        )

    def probabilities(self, candidates: Sequence[dict[str, float]]) -> list[float]:
        """Each candidate's probability: the logistic of its log-odds, or for a listwise
        model, the softmax of the candidates' scores."""
        scores = [float(score) for score in self.scores(candidates)]
        if not self.listwise:
            return [_logistic(score) for score in scores]
        top = max(scores, default=0.0)
        weights = [math.exp(score - top) for score in scores]
        return [w / sum(weights) for w in weights]

    def weights_table(self) -> str:
        """One line per feature with its share of the trees' gain, largest first."""
        pairs = sorted(zip(self.features, self.importance, strict=True), key=lambda p: -p[1])
        return "\n".join(f"  {n:24} {share:.3f}" for n, share in pairs)

    def body(self) -> dict[str, Any]:
        """The model as JSON-ready data."""
        return {
            "kind": "trees",
            "listwise": self.listwise,
            **_decision_body(self),
            "features": list(self.features),
            "importance": [round(v, 4) for v in self.importance],
            "bias": round(self.bias, 6),
            # Thresholds unrounded: a split can fall exactly on a value seen in fitting.
            "trees": [{**tree, "value": [round(v, 6) for v in tree["value"]]} for tree in self.trees],
        }

    @classmethod
    def from_body(cls, raw: dict[str, Any]) -> TreeModel:
        """The model from `body()`'s data."""
        return cls(
            tuple(raw["features"]),
            tuple(
                {key: list(tree[key]) for key in ("feature", "threshold", "left", "right", "value")}
                for tree in raw["trees"]
            ),
            float(raw.get("bias", 0.0)),
            importance=tuple(float(v) for v in raw.get("importance", ())),
            listwise=bool(raw.get("listwise", False)),
            **_decision(raw),
        )

    def save(self, path: Path) -> None:
        """Write the model, with its features, thresholds and version."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.body(), separators=(",", ":")) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class RankedModel:
    """Ranking trees order one question's candidates; pointwise trees say how likely the
    first of them is right. A ranker's softmax share is no probability across questions (a
    question with three weak candidates gives the best a large share); a pointwise model
    is, and declines by it hold on questions it was not fitted on."""

    order: TreeModel  # listwise
    confidence: TreeModel  # pointwise
    threshold: float = 0.5
    version: str = "untrained"
    trained_on: tuple[str, ...] = ()
    thresholds: dict[str, float] = field(default_factory=dict)

    @property
    def features(self) -> tuple[str, ...]:
        """The features both models read (the same list)."""
        return self.order.features

    def threshold_for(self, situation: str) -> float:
        """The decision threshold fitted for a situation, or the general one."""
        return self.thresholds.get(situation, self.threshold)

    def probabilities(self, candidates: Sequence[dict[str, float]]) -> list[float]:
        """The first candidate's probability by the pointwise trees; the others' in
        proportion to their ranking shares."""
        if not candidates:
            return []
        shares = self.order.probabilities(candidates)
        first = max(range(len(shares)), key=shares.__getitem__)
        sure = self.confidence.probabilities([candidates[first]])[0]
        return [sure * share / shares[first] for share in shares]

    def weights_table(self) -> str:
        """Each feature's share of the gain, in the ranking trees then in the pointwise ones."""
        ranking, pointwise = self.order.weights_table(), self.confidence.weights_table()
        return f"ranking trees:\n{ranking}\npointwise trees:\n{pointwise}"

    def save(self, path: Path) -> None:
        """Write both models, with the thresholds and version."""
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {
            "kind": "ranked",
            **_decision_body(self),
            "order": self.order.body(),
            "confidence": self.confidence.body(),
        }
        path.write_text(json.dumps(body, separators=(",", ":")) + "\n", encoding="utf-8")


def load_model(path: Path) -> LinearModel | TreeModel | RankedModel | None:
    """The model saved at `path` (linear, trees, or ranking and pointwise trees), or None
    when none has been fitted."""
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("kind") == "trees":
        return TreeModel.from_body(raw)
    if raw.get("kind") == "ranked":
        return RankedModel(
            TreeModel.from_body(raw["order"]), TreeModel.from_body(raw["confidence"]), **_decision(raw)
        )
    return LinearModel.load(path)
