"""What every widget of the kit promises, checked on each one found in widgets.__all__: errors
shown inside the widget in words and cleared by the next action that works; settings its controls
cannot show refused in words instead of being clipped."""
import numpy as np
import pytest

import widgets
from widget_helpers import click, text
from widgets import (ActivationLossExplorer, BackpropExplorer, GradientDescentAnimator, NetworkDiagram,
                     PerceptronStepper, PlaygroundWidget)
from widgets.base import CourseWidget

WIDGETS = sorted({getattr(widgets, n) for n in widgets.__all__
                  if isinstance(getattr(widgets, n), type) and issubclass(getattr(widgets, n), CourseWidget)},
                 key=lambda cls: cls.__name__)


def test_every_widget_class_is_found():
    assert len(WIDGETS) >= 6


@pytest.mark.parametrize("cls", WIDGETS, ids=lambda c: c.__name__)
def test_an_error_shows_in_words_and_the_next_success_clears_it(cls):
    w = cls()
    assert w.error is None and "did not work" not in w.status.value
    w.safe(lambda: 1 / 0)()
    assert "That did not work" in text(w.status) and "division by zero" in text(w.status)
    w.safe(lambda: None)()          # the next action succeeds without a word
    assert w.status.value == "" and w.error is None


def test_an_error_raised_inside_a_nested_callback_is_not_wiped_by_the_outer_one():
    w = ActivationLossExplorer()
    w.safe(lambda: w.safe(lambda: 1 / 0)())()
    assert "That did not work" in text(w.status)


def test_backprop_explorer_clears_its_error_after_a_good_step():
    w = BackpropExplorer()
    w.sliders["w1"].value = 1.0
    original = w.step
    w.eta.value = 0.5
    w.chain.__class__.step, saved = (lambda *a, **k: (_ for _ in ()).throw(ValueError("eta broke"))), \
        w.chain.__class__.step
    try:
        click(w, "Take one gradient step")
        assert "eta broke" in text(w.status)
    finally:
        w.chain.__class__.step = saved
    click(w, "Take one gradient step")
    assert w.status.value == "" and original is not None


@pytest.mark.parametrize("make, name", [
    (lambda: ActivationLossExplorer(activation="softmax"), "activation"),
    (lambda: ActivationLossExplorer(loss="cross_entropy"), "loss"),
    (lambda: PerceptronStepper(dataset="bogus"), "dataset"),
    (lambda: PerceptronStepper(max_epochs=0), "max_epochs"),
    (lambda: NetworkDiagram([3, -1, 2]), "layer_sizes"),
    (lambda: NetworkDiagram([3, 0]), "layer_sizes"),
    (lambda: NetworkDiagram("3--1-2x"), "layer sizes"),
    (lambda: GradientDescentAnimator(eta=-1), "eta"),
    (lambda: GradientDescentAnimator(eta=50), "eta"),
    (lambda: GradientDescentAnimator(n_steps=0), "n_steps"),
    (lambda: GradientDescentAnimator("two", w0=[1.0]), "w0"),
    (lambda: GradientDescentAnimator(w0=[100.0]), "w0"),
    (lambda: BackpropExplorer(x=100), "x"),
    (lambda: BackpropExplorer(y=2), "y"),
    (lambda: BackpropExplorer(eta=0), "eta"),
    (lambda: PlaygroundWidget(epochs_per_frame=0), "epochs_per_frame"),
    (lambda: PlaygroundWidget("activation=softmax"), "activation"),
])
def test_settings_the_controls_cannot_show_are_refused_in_words(make, name):
    with pytest.raises((ValueError, TypeError)) as info:
        make()
    assert name in str(info.value)


def test_the_playground_shows_any_rate_the_model_accepts():
    w = PlaygroundWidget("learning_rate=0.05&reg_rate=0.02&lr_decay=0.5&regularization=l2")
    assert (w.controls["learning_rate"].value, w.controls["reg_rate"].value, w.controls["lr_decay"].value) == \
           (0.05, 0.02, 0.5)
    assert w.model.config.learning_rate == 0.05


def test_backprop_labels_follow_training_and_go_on_reset():
    w = PlaygroundWidget("dataset=xor&hidden=3")
    click(w, "Show me backprop")
    first = list(w.canvas.labels)        # under each hidden neuron, in the browser
    assert len(first) == 3 and all("δ=" in t for t in first)
    for i in range(1, 4):
        w.play.value = i
    after = list(w.canvas.labels)
    expected = w.model.backprop_view(w.sample.value)["delta"][0]
    assert after != first and all(f"δ={d:.3f}" in t for t, d in zip(after, expected))
    click(w, "Reset")
    assert w.canvas.labels == []
