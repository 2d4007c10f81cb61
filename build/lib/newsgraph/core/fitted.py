"""A linear model over named features, fitted by a script and saved beside the code.

The search's fusion weights, the reader's candidate model and the yes/no model are all
this: a weighted sum of named features (plus a bias), read as a score or, through the
logistic function, as a probability. The JSON file says which features, which weights,
the decision threshold (and named thresholds for named situations, such as the reader's
threshold for overruling a decline), what it was fitted on, and a version.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


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
        digest = hashlib.sha256(json.dumps([list(features), list(weights)]).encode()).hexdigest()[:8]
        version = f"{date.today().isoformat()}-{digest}"
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
        return 1.0 / (1.0 + math.exp(-max(min(self.score(values), 30.0), -30.0)))

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
            float(raw.get("threshold", 0.5)),
            str(raw.get("version", "")),
            tuple(raw.get("trained_on", ())),
            {str(k): float(v) for k, v in raw.get("thresholds", {}).items()},
        )

    def save(self, path: Path) -> None:
        """Write the model, with its features, threshold and version."""
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {
            "version": self.version,
            "trained_on": list(self.trained_on),
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            "thresholds": {k: round(v, 4) for k, v in self.thresholds.items()},
        }
        path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
