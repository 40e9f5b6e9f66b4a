import numpy as np
import pytest

from widget_helpers import browser_says, click, text
from widgets import PlaygroundWidget
from widgets.playground_parts.canvas import GRID, OUT_GRID


def sent(w, name, dtype=np.float32):
    """What the browser received in one of the canvas's byte traits, as an array."""
    return np.frombuffer(getattr(w.canvas, name), dtype)


def test_every_control_changes_the_configuration():
    w = PlaygroundWidget()
    changes = {"dataset": "xor", "noise": 20, "train_ratio": 70, "batch_size": 5, "learning_rate": 0.1,
               "activation": "relu", "regularization": "l2", "reg_rate": 0.01, "output": "softmax",
               "optimizer": "adam", "seed": 7}
    for name, value in changes.items():
        w.controls[name].value = value
        assert getattr(w.model.config, name) == value, name
        assert f"{name}=" in w.config_text.value
    w.feature_boxes["x1x2"].value = True
    assert w.model.config.features == ("x1", "x2", "x1x2")
    assert w.canvas.network["hidden"] == [4, 2] and w.canvas.network["inputs"] == ["X₁", "X₂", "X₁X₂"]
    assert len(w.canvas.maps) == 6 * GRID ** 2 and len(w.canvas.input_maps) == 3 * GRID ** 2


def test_layers_and_neurons_buttons():
    w = PlaygroundWidget("hidden=4,2")
    click(w, "+ layer")
    assert w.model.config.hidden == (4, 2, 4)
    plus = w.layers_box.children[1].children[2]
    plus.click()
    assert w.model.config.hidden == (4, 3, 4)
    click(w, "− layer")
    assert w.model.config.hidden == (4, 3)
    for _ in range(3):
        w.layers_box.children[1].children[0].click()
    assert w.model.config.hidden == (4, 1)
    assert "0 to 6 hidden layers of 1 to 8 neurons" in text(w.status)  # 0 neurons refused, in words


def test_step_play_reset_and_the_numbers_shown():
    w = PlaygroundWidget("dataset=gaussian&hidden=2")
    w.step()
    assert w.model.epoch == 1 and "epoch 0001" in text(w.numbers)
    w.play.value = 1
    w.play.value = 2
    assert w.model.epoch == 3
    epochs, train, test = sent(w, "losses").reshape(3, -1)
    assert epochs.tolist() == [0, 1, 2, 3] and np.allclose(train, [r.train_loss for r in w.model.history])
    losses = [r.train_loss for r in w.model.history]
    w.reset()
    assert w.model.epoch == 0 and w.model.history[0].train_loss == losses[0]


def test_config_string_box_and_bad_strings():
    w = PlaygroundWidget()
    w.config_text.value = "dataset=spiral&hidden=8,8&activation=relu"
    assert w.model.config.dataset == "spiral" and w.controls["activation"].value == "relu"
    assert w.config_text.value == w.model.config.to_string()  # the box shows every setting in use
    w.config_text.value = "dataset=spiral&hidden=9"
    assert "hidden=(9,) is not valid" in text(w.status)
    assert w.model.config.hidden == (8, 8)  # the last good configuration stays


def test_divergence_is_said_and_play_stops():
    w = PlaygroundWidget("dataset=regression_plane&hidden=8,8&activation=relu&learning_rate=10&batch_size=1")
    for i in range(1, 25):
        w.play.value = i
    assert "training diverged" in text(w.status) and "too large" in text(w.status)
    assert not w.play.playing


def test_teacher_mode_hides_controls_and_export(tmp_path):
    w = PlaygroundWidget(hide=("learning_rate", "features"))
    assert w.controls["learning_rate"].layout.display == "none"
    assert all(b.layout.display == "none" for b in w.feature_boxes.values())
    with pytest.raises(ValueError, match="cannot hide 'colour'"):
        PlaygroundWidget(hide=("colour",))
    w.export(tmp_path)
    assert (tmp_path / "playground-weights.npz").exists() and (tmp_path / "playground.json").exists()


def test_backprop_view_and_selected_neuron():
    w = PlaygroundWidget("hidden=3")
    w.sample.value = 2
    w.show_backprop()
    assert "backprop for training sample 2" in text(w.details) and "δ = dL/da" in text(w.details)
    assert len(w.canvas.labels) == 3 and "δ=" in w.canvas.labels[0]
    w.neuron.value = (0, 1)
    assert "layer 1, neuron 2" in text(w.neuron_info) and "incoming weights" in text(w.neuron_info)
    assert "backprop for training sample 2" in text(w.details)   # both stay in view


def test_own_points():
    X = np.array([[1, 1], [2, 2], [-1, -1], [-2, -2], [1, 2], [-2, -1]], dtype=float)
    y = np.array([1, 1, -1, -1, 1, -1])
    w = PlaygroundWidget(X=X, y=y)
    assert w.controls["dataset"].value == "custom" and len(w.model.X) == 6


def test_points_from_csv_and_stop_epoch(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("1,1,1\n2,2,1\n-1,-1,-1\n-2,-2,-1\n1,2,1\n-2,-1,-1\n")
    w = PlaygroundWidget("stop_epoch=3", csv=f)
    assert len(w.model.X) == 6
    for i in range(1, 6):
        w.play.value = i
    assert w.model.epoch == 3 and "stopped at epoch 3" in text(w.status)
    w.controls["stop_epoch"].value = 0
    assert w.model.config.stop_epoch == 0


def test_clicking_the_output_adds_a_point_of_the_chosen_class():
    w = PlaygroundWidget("dataset=gaussian&hidden=2")
    n = len(w.model.X)
    w.click_label.value = -1
    browser_says(w.canvas, type="point", x=2.0, y=3.0)
    assert len(w.model.X) == n + 1 and w.model.config.dataset == "custom"
    assert np.allclose(w.model.X[-1], [2.0, 3.0], atol=0.1) and w.model.y[-1] == -1
    assert w.controls["dataset"].value == "custom"
    browser_says(w.canvas, type="point", x=-1.0, y=-1.0)   # the new picture still takes clicks
    assert len(w.model.X) == n + 2
    X = sent(w, "train_points").reshape(-1, 3)
    np.testing.assert_allclose(X[:, :2], w.model.X_train, rtol=1e-6)   # the browser draws the new points


def test_links_that_l1_kills_disappear_from_the_picture():
    w = PlaygroundWidget("dataset=xor&hidden=8&batch_size=1&regularization=l1&reg_rate=0.1&learning_rate=0.1")
    w.play.value = 1
    dead = np.concatenate([d.ravel() for d in w.model.dead_])
    weights = sent(w, "weights")         # NaN: the browser draws no line
    assert dead.sum() >= 10 and np.all(np.isnan(weights[dead])) and np.all(np.isfinite(weights[~dead]))


def test_a_neuron_is_shown_live_and_edited_by_hand():
    w = PlaygroundWidget("dataset=xor&hidden=3")
    w.select_neuron(0, 1)
    assert [label for label, _ in w.source.options] == ["X₁", "X₂"]
    w.source.value = 1
    assert w.weight_edit.value == round(float(w.model.net.W_[0][1, 1]), 4)
    w.play.value = 1                      # training moves it; the text follows, the box keeps what is typed
    assert f"X₂: {w.model.net.W_[0][1, 1]:.3f}" in text(w.neuron_info)
    before = w.canvas.output
    w.weight_edit.value = 4.0
    click(w, "Set weight")
    assert w.model.net.W_[0][1, 1] == 4.0 and w.canvas.output != before
    w.bias_edit.value = -2.5
    click(w, "Set bias")
    assert w.model.net.b_[0][1] == -2.5 and "bias -2.500" in text(w.neuron_info)
    w.weight_edit.value = 1e9
    click(w, "Set weight")
    assert "value must be <= 100" in text(w.status)


def test_clicking_a_neurons_picture_selects_it():
    w = PlaygroundWidget("dataset=xor&hidden=3,2")
    browser_says(w.canvas, type="neuron", layer=1, j=1)      # layer 2, neuron 2 pressed
    assert w.neuron.value == (1, 1) and w.canvas.selected == [1, 1]


def test_one_activation_per_layer_from_the_layer_controls():
    w = PlaygroundWidget("dataset=xor&hidden=3,2")
    second = w.layers_box.children[1].children[-1]
    second.value = "relu"
    assert w.model.config.activation == "tanh,relu"
    assert [a.name for a in w.model.net.activations] == ["tanh", "relu", "tanh"]
    assert "activation=tanh%2Crelu" in w.config_text.value or "activation=tanh,relu" in w.config_text.value


def test_metrics_and_the_pytorch_export(tmp_path):
    w = PlaygroundWidget("dataset=circle&hidden=3")
    w.play.value = 1
    assert "confusion matrix" in w.metrics.value and "blue (+1)" in w.metrics.value
    w.export_pytorch(tmp_path)
    source = (tmp_path / "playground_model.py").read_text()
    assert source == w.model.to_pytorch() and "nn.Sequential" in source
    r = PlaygroundWidget("dataset=regression_plane&hidden=2")
    assert "R²" in r.metrics.value


def test_adding_a_layer_keeps_one_activation_per_layer():
    w = PlaygroundWidget("dataset=xor&hidden=3,2&activation=relu,tanh")
    click(w, "+ layer")
    assert w.model.config.activation == "relu,tanh,tanh" and w.error is None
    click(w, "− layer")
    click(w, "− layer")
    assert w.model.config.activation == "relu" and w.model.config.hidden == (3,)


def test_a_neuron_is_always_selected_even_after_the_data_change():
    w = PlaygroundWidget("dataset=xor&hidden=3")
    w.add_point(1.0, 1.0, 1)
    assert w.neuron.value == (0, 0)
    w.bias_edit.value = 1.5
    click(w, "Set bias")
    assert w.error is None and w.model.net.b_[0][0] == 1.5


def test_a_change_rebuilds_only_what_it_touches():
    w = PlaygroundWidget("dataset=circle&hidden=3")
    rows = w.layers_box.children
    w.controls["dataset"].value = "xor"
    w.controls["learning_rate"].value = 0.1
    w.controls["output"].value = "softmax"
    assert w.layers_box.children is rows                         # same layout, new contents
    np.testing.assert_allclose(sent(w, "train_points").reshape(-1, 3)[:, :2], w.model.X_train, rtol=1e-6)
    assert len(sent(w, "weights")) == 2 * 3 + 3
    w.feature_boxes["x1x2"].value = True
    assert w.layers_box.children is not rows                     # a new input: a new layout
    assert w.model.config.features == ("x1", "x2", "x1x2")
