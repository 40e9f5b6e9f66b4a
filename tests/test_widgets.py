"""Widgets driven in-process: set a control's value or click a button, then read the state,
the text shown and the artists' data."""
import base64

import numpy as np
import pytest

from course_lib.chain import Chain
from course_lib.datasets import lecture_points
from widget_helpers import click, text
from widgets import (ActivationLossExplorer, BackpropExplorer, GradientDescentAnimator, NetworkDiagram,
                     PerceptronStepper, parse_layer_sizes)


# ---- PerceptronStepper ----------------------------------------------------------------------
def test_two_steps_on_the_lecture_points_match_the_slides():
    w = PerceptronStepper()
    assert "w(0) = (0, 0)" in text(w.equation)
    click(w, "Step")
    assert "w(1) = (0, 0) + (-1)(1, -1)(1) = (-1, 1)" in text(w.equation)
    assert "no match!" in text(w.equation)
    assert w.state["w"].tolist() == [-1, 1]
    np.testing.assert_allclose(w.current.get_offsets(), [[1, -1]])
    np.testing.assert_allclose(w.arrow.U, [-1])
    np.testing.assert_allclose(w.arrow.V, [1])
    # the boundary of w = (-1, 1) is the line x2 = x1
    xs, ys = w.boundary.get_data()
    np.testing.assert_allclose(xs, ys)
    click(w, "Step")
    assert "w(2) = (-1, 1) + (1)(-1, 1)(0) = (-1, 1)" in text(w.equation)
    assert "→ match" in text(w.equation)
    assert w.table.value.count("<tr>") == 3  # header + two steps
    click(w, "Back")
    assert w.state["t"] == 1


def test_extended_points_and_end_states():
    w = PerceptronStepper("extended points")
    for _ in range(3):
        click(w, "Step")
    assert "w(3) = (-1, 1) + (-1)(1, 1)(1) = (-2, 0)" in text(w.equation)
    w.t.value = w.t.max
    assert "converged after 2 epochs" in text(w.status)
    w.dataset.value = "XOR"
    assert w.state["t"] == 0
    w.t.value = w.t.max
    assert "no line separates these points: did not converge after 10 epochs" in text(w.status)


def test_play_is_linked_to_the_step_and_reset_goes_back():
    w = PerceptronStepper()
    w.play.value = 2
    assert w.state["t"] == 2
    click(w, "Reset")
    assert w.state["t"] == 0 and w.state["w"].tolist() == [0, 0]


def test_own_points_and_bad_points():
    X, y = lecture_points()
    w = PerceptronStepper(X=X * 2, y=y)
    click(w, "Step")
    assert w.state["w"].tolist() == [-2, 2]
    with pytest.raises(ValueError, match="y must contain only -1 and"):
        PerceptronStepper(X=X, y=[0, 1])
    with pytest.raises(ValueError, match="X must have 2 columns"):
        PerceptronStepper(X=np.ones((2, 3)), y=[1, -1])


def test_an_exception_in_a_callback_is_shown_in_the_widget():
    w = PerceptronStepper()
    w.perceptron = None  # simulate a broken state: the next step fails
    w.trace = None
    click(w, "Step")
    assert "That did not work" in w.status.value
    click(w, "Reset")  # still usable
    assert w.state["t"] == 0


def test_static_picture_for_exports():
    bundle = PerceptronStepper()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert bundle["text/plain"] == "PerceptronStepper(lecture points, t=0 of 4)"


# ---- GradientDescentAnimator ----------------------------------------------------------------
def test_smallest_perceptron_steps_follow_the_rule():
    w = GradientDescentAnimator("smallest", eta=0.1)
    p = w.problem
    click(w, "Step")
    w1 = 0 - 0.1 * p.grad([0.0])[0]
    assert w.state["w"][0] == pytest.approx(w1)
    assert w.ball.get_xdata()[0] == pytest.approx(w1)
    assert w.ball.get_ydata()[0] == pytest.approx(p.loss([w1]))
    xs, ys = w.fit_line.get_data()
    np.testing.assert_allclose(ys, w1 * xs)
    slope = np.diff(w.tangent.get_ydata()) / np.diff(w.tangent.get_xdata())
    assert slope[0] == pytest.approx(p.grad([w1])[0])


def test_too_large_eta_diverges_in_words_never_nan():
    w = GradientDescentAnimator("smallest", eta=0.1)
    w.eta.value = 2.0
    w.k.value = w.k.max
    status = text(w.status)
    assert status.startswith("diverged at step") and "too large" in status
    assert np.all(np.isfinite(w.path.get_xydata()))
    w.eta.value = 0.8  # above 2 / curvature: oscillates, slowly
    assert "swing from side to side" in text(w.status)


def test_two_parameter_path_and_start_sliders():
    w = GradientDescentAnimator("two", eta=0.5)
    w.w0[0].value, w.w0[1].value = 1.0, 1.0
    assert w.state["w"].tolist() == [1.0, 1.0]
    w.k.value = 5
    assert len(w.path.get_xdata()) == 6
    assert len(w.loss_line.get_xdata()) == 6
    assert w.state["loss"] < w.trajectory.loss[0]


def test_jshtml_export():
    w = GradientDescentAnimator("smallest", n_steps=3)
    out = w.to_jshtml()
    assert "<script" in out and out.count("data:image/png;base64") >= 4
    assert w.state["k"] == 0


# ---- BackpropExplorer -----------------------------------------------------------------------
def test_factors_match_course_lib_chain():
    w = BackpropExplorer(x=1.5, y=1.0, w1=0.5, b1=0.1, w2=-0.3, w3=0.8)
    expected = Chain(0.5, 0.1, -0.3, 0.8).backward(1.5, 1.0)
    r = w.state["result"]
    assert r.factors == expected.factors and r.grads == expected.grads
    shown = text(w.factors)
    for name, value in expected.factors.items():
        assert f"{value:.4f}" in shown
    assert "already computed, re-use (propagate)!" in shown
    for name, g in expected.grads.items():
        assert w.state["numeric"][name] == pytest.approx(g, rel=1e-6, abs=1e-10)
    assert f"{expected.loss:.4f}" == w.values[-1].get_text()


def test_gradient_step_lowers_the_loss():
    w = BackpropExplorer()
    before = w.state["result"].loss
    click(w, "Take one gradient step")
    click(w, "Take one gradient step")
    assert len(w.losses) == 3 and w.losses[2] < w.losses[1] < w.losses[0] == before
    assert len(w.loss_line.get_xdata()) == 3
    w.sliders["x"].value = 0.0  # a new problem starts a new loss curve
    assert len(w.losses) == 1


# ---- NetworkDiagram -------------------------------------------------------------------------
def test_lecture_counts_and_bad_text():
    w = NetworkDiagram()
    assert w.state == {"layer_sizes": [3, 4, 2], "n_neurons": 6, "n_weights": 20, "n_biases": 6, "n_params": 26}
    shown = text(w.counts)
    assert "(3 × 4) + (4 × 2) = 20" in shown and "20 + 6 = 26" in shown and "4 + 2 = 6" in shown
    w.sizes_text.value = "2-8-8-1"
    assert w.state["n_params"] == 2 * 8 + 8 * 8 + 8 + 17
    w.sizes_text.value = "3-four-2"
    assert "layer sizes must be positive whole numbers" in text(w.status)
    assert w.state["layer_sizes"] == [2, 8, 8, 1]  # the last good network stays
    assert parse_layer_sizes("3, 4, 2") == [3, 4, 2]


def test_edge_colours_follow_weight_signs():
    w = NetworkDiagram("2-2", color_weights=True)
    lines = w.ax.collections[0]
    colours = lines.get_colors()
    signs = np.sign(w.model.W_[0]).ravel()
    blue = np.array([8, 119, 189]) / 255
    for c, s in zip(colours, signs):
        assert np.allclose(c[:3], blue, atol=0.01) == (s > 0)


# ---- ActivationLossExplorer -----------------------------------------------------------------
def test_point_value_and_slope():
    w = ActivationLossExplorer("sigmoid", "l2")
    w.a.value = 0.0
    assert w.state["f"] == 0.5 and w.state["df"] == 0.25
    w.y.value, w.y_hat.value = 1.0, 0.5
    assert w.state["loss"] == pytest.approx(0.125) and w.state["dloss"] == pytest.approx(-0.5)
    w.activation.value = "relu"
    w.a.value = -1.0
    assert w.state["f"] == 0 and w.state["df"] == 0
    w.loss.value = "binary_cross_entropy"
    assert 0 < w.y_hat.value < 1
    assert np.isfinite(w.state["loss"])


def test_unknown_names():
    with pytest.raises(ValueError, match="unknown activation .*'swish'"):
        ActivationLossExplorer("swish")


def test_present_mode_makes_a_bigger_picture():
    small, big = PerceptronStepper(), PerceptronStepper(present=True)
    assert big.view.fig.get_size_inches()[0] > small.view.fig.get_size_inches()[0]
    assert big.ax.title.get_fontsize() > small.ax.title.get_fontsize()
    big._repr_mimebundle_()
    assert big.equation.style.font_size == "18px" and small.equation.style.font_size in (None, "")


def test_clicking_the_loss_picture_sets_the_start():
    w = GradientDescentAnimator("two")
    col, row = w.view.pixel_of(w.ax_loss, 1.0, -0.5)
    w.view.handle_click(col, row)
    assert w.state["w"].tolist() == [1.0, -0.5] and w.state["k"] == 0
    one = GradientDescentAnimator("smallest")
    col, row = one.view.pixel_of(one.ax_loss, 3.0, 1.0)
    one.view.handle_click(col, row)
    assert one.w0[0].value == 3.0
    outside = one.view.pixel_of(one.ax_right, 1.0, 1.0)  # the data panel is not a start point
    one.view.handle_click(*outside)
    assert one.w0[0].value == 3.0


def test_backprop_explorer_colours_weights_by_sign_and_the_loss_neutrally():
    from matplotlib.colors import to_hex
    from widgets.figure_view import BLUE, ORANGE
    w = BackpropExplorer()     # w1 = 0.5, w2 = -0.3, w3 = 0.8
    assert [to_hex(t.get_color()) for t in w.weights] == [to_hex(BLUE), to_hex(ORANGE), to_hex(BLUE)]
    assert to_hex(w.loss_line.get_color()) not in (to_hex(BLUE), to_hex(ORANGE))


# ---- SGDExplorer ---------------------------------------------------------------------------
def test_sgd_explorer_draws_three_methods_and_counts_their_cost():
    from course_lib.optim import sgd
    from widgets import SGDExplorer
    w = SGDExplorer(eta=0.02, batch_size=10, epochs=5)
    s = w.state
    assert (s["full batch"]["steps"], s["mini-batch"]["steps"], s["one sample (SGD)"]["steps"]) == (5, 100, 1000)
    reference = sgd(w.problem, [0.0, 0.0], eta=0.02, epochs=5, batch_size=10, seed=0)
    np.testing.assert_array_equal(w.paths["mini-batch"].get_xdata(), reference.w[:, 0])
    np.testing.assert_array_equal(w.curves["one sample (SGD)"].get_xdata()[-1], 1000)   # cost: 1000 sample-gradients
    assert "mini-batch, B = 10: 20 steps per epoch" in text(w.readout)
    w.batch.value = 50
    assert w.state["mini-batch"]["steps"] == 20 and "B = 50: 4 steps per epoch" in text(w.readout)
    w.eta.value = 1.5
    assert w.state["one sample (SGD)"]["diverged"] and "diverged at step" in text(w.readout)
    assert w.error is None


def test_sgd_explorer_refuses_settings_its_controls_cannot_show():
    from widgets import SGDExplorer
    with pytest.raises(ValueError, match="batch_size"):
        SGDExplorer(batch_size=500)
    with pytest.raises(ValueError, match="eta"):
        SGDExplorer(eta=-1)


def test_sgd_explorer_on_a_small_classification_problem():
    from widgets import SGDExplorer
    w = SGDExplorer(problem="circle", eta=0.5, batch_size=20, epochs=3)
    s = w.state
    # 400 points, half of them for training: 200 / 20 = 10 mini-batches per epoch
    assert (s["full batch"]["steps"], s["mini-batch"]["steps"], s["one sample (SGD)"]["steps"]) == (3, 30, 600)
    assert len(w.curves["one sample (SGD)"].get_xdata()) == 600 and w.error is None
    assert "test accuracy" in text(w.readout)
    with pytest.raises(ValueError, match="problem"):
        SGDExplorer(problem="spiral")
    with pytest.raises(ValueError, match="eta"):      # below its slider's range: refused, not clipped
        SGDExplorer(problem="circle", eta=0.0005)


def test_present_mode_enlarges_the_playground_painted_in_the_browser():
    from widgets import PlaygroundWidget

    assert PlaygroundWidget(present=True).canvas.zoom > PlaygroundWidget().canvas.zoom == 1.0
