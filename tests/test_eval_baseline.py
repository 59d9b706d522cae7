"""The eval gate's pins (bench/eval/run.py) on synthetic baselines: they are raised or kept, never lowered.

No evaluation data is read: the evaluations are stand-ins returning fixed figures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval import run as gate

PINS: gate.Baseline = {"quotes": {"direct_f1": 0.8, "direct_recall": 0.7}}


def test_a_figure_below_its_pin_is_refused_by_name() -> None:
    with pytest.raises(gate.RefusedPin, match=r"quotes\.direct_f1 0\.7000 < baseline 0\.8000"):
        gate.updated(PINS, {"quotes": {"direct_f1": 0.7, "direct_recall": 0.9}})


def test_a_higher_figure_raises_its_pin_and_a_new_metric_is_added() -> None:
    pinned = gate.updated(PINS, {"quotes": {"direct_f1": 0.85, "indirect_f1": 0.5}, "ner": {"f1": 0.6}})
    assert pinned == {
        "quotes": {"direct_f1": 0.85, "direct_recall": 0.7, "indirect_f1": 0.5},
        "ner": {"f1": 0.6},
    }


def test_noise_under_a_pin_keeps_the_pin() -> None:
    below = 0.8 - gate.TOLERANCE / 2
    assert gate.updated(PINS, {"quotes": {"direct_f1": below}})["quotes"]["direct_f1"] == 0.8


def test_other_tools_figures_are_never_pinned_nor_checked() -> None:
    figures = {"ref_direct_f1": 0.1}
    assert gate.regressions("quotes", figures, {"quotes": {"ref_direct_f1": 0.9}}) == []
    assert "ref_direct_f1" not in gate.updated({}, {"quotes": figures}).get("quotes", {})


def test_regressions_name_only_figures_past_the_tolerance() -> None:
    figures = {"direct_f1": 0.8 - 2 * gate.TOLERANCE, "direct_recall": 0.7 - gate.TOLERANCE / 2}
    assert gate.regressions("quotes", figures, PINS) == ["quotes.direct_f1 0.7900 < baseline 0.8000"]


def _stand_in(figures: dict[str, float]) -> SimpleNamespace:
    """An evaluation named ``quotes`` that measures ``figures`` whatever it is asked."""
    return SimpleNamespace(NAME="quotes", TUNING="t", REPORTING="r", run=lambda limit, split: dict(figures))


@pytest.fixture
def one_evaluation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The gate with a baseline file in tmp_path and one stand-in evaluation that dropped."""
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(PINS))
    dropped = _stand_in({"direct_f1": 0.6, "direct_recall": 0.9})
    monkeypatch.setattr(gate, "BASELINE", baseline)
    monkeypatch.setattr(gate, "MODULES", ["quotes"])
    monkeypatch.setattr(gate, "load", lambda name: dropped)
    return baseline


def test_update_after_a_drop_fails_and_leaves_the_baseline_alone(
    one_evaluation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert gate.main(["--update"]) == 1
    assert json.loads(one_evaluation.read_text()) == PINS
    assert "quotes.direct_f1" in capsys.readouterr().err


def test_a_drop_fails_the_check_without_update(one_evaluation: Path) -> None:
    assert gate.main([]) == 1


@pytest.mark.parametrize("options", [["--update", "--limit", "3"], ["--update", "--split", "tuning"]])
def test_only_full_reporting_runs_may_pin(one_evaluation: Path, options: list[str]) -> None:
    with pytest.raises(SystemExit):
        gate.main(options)
    assert json.loads(one_evaluation.read_text()) == PINS


def test_tuning_figures_are_never_checked(one_evaluation: Path) -> None:
    assert gate.main(["--split", "tuning"]) == 0


def test_update_after_a_rise_raises_the_pins(one_evaluation: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    better = _stand_in({"direct_f1": 0.9, "indirect_f1": 0.4})
    monkeypatch.setattr(gate, "load", lambda name: better)
    assert gate.main(["--update"]) == 0
    assert json.loads(one_evaluation.read_text()) == {
        "quotes": {"direct_f1": 0.9, "direct_recall": 0.7, "indirect_f1": 0.4}
    }
