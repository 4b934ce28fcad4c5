"""dealcheck: qualify B2B deals against MEDDPICC, BANT and your team's own frameworks.

The core is a plain Python API that imports no CLI or terminal libraries::

    from dealcheck import load_framework, score, Answers, CriterionAnswer

    framework = load_framework("meddpicc")
    card = score(framework, Answers({"champion": CriterionAnswer("partial")}), stage="discovery")
    print(card.score, card.recommendation, [g.criterion.id for g in card.gaps])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Answers",
    "CriterionAnswer",
    "Framework",
    "Scorecard",
    "__version__",
    "load_framework",
    "score",
]

if TYPE_CHECKING:
    from dealcheck.language.framework import Framework
    from dealcheck.language.loading import load_framework
    from dealcheck.scoring.answers import Answers, CriterionAnswer
    from dealcheck.scoring.score import Scorecard, score

_LAZY = {
    "Answers": "dealcheck.scoring.answers",
    "CriterionAnswer": "dealcheck.scoring.answers",
    "Framework": "dealcheck.language.framework",
    "load_framework": "dealcheck.language.loading",
    "Scorecard": "dealcheck.scoring.score",
    "score": "dealcheck.scoring.score",
}


def __getattr__(name: str) -> Any:
    # Lazy so that `dealcheck --version` never pays for pydantic and PyYAML.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'dealcheck' has no attribute {name!r}")
