"""Plots are written headless as real PNG files; without matplotlib they say how to install it."""
import builtins

import numpy as np
import pytest

from blocks import Layer, ReLU, Sequential, Sigmoid, Softmax, plots
from blocks.datasets import planar_flower, spirals

PNG = b"\x89PNG\r\n\x1a\n"

pytest.importorskip("matplotlib")


def test_cost_curve_is_a_png(tmp_path):
    path = plots.plot_costs([0.7, 0.5, 0.3], tmp_path / "cost.png", val_costs=[0.8, 0.6, 0.5])
    assert path.read_bytes().startswith(PNG)


@pytest.mark.parametrize(("make", "last"), [(planar_flower, Layer(8, 1, activation=Sigmoid())),
                                             (spirals, Layer(8, 3, activation=Softmax()))])
def test_decision_boundary_is_a_png(tmp_path, make, last):
    X, Y = make(m=60)
    model = Sequential(Layer(2, 8, activation=ReLU(), rng=0), last)
    path = plots.plot_decision_boundary(model, X, Y, tmp_path / "boundary.png", resolution=40)
    assert path.read_bytes().startswith(PNG)


def test_digits_with_their_predicted_classes_are_a_png(tmp_path):
    from blocks.datasets import digits

    X, Y = digits()
    model = Sequential(Layer(64, 10, activation=Softmax(), rng=0))
    path = plots.plot_digits(model, X[:, :20], Y[:, :20], tmp_path / "digits.png", count=12)
    assert path.read_bytes().startswith(PNG)
    with pytest.raises(ValueError, match=r"need X of shape \(64, m\), 8x8 pixels per column; got \(2, 5\)"):
        plots.plot_digits(model, np.ones((2, 5)), np.ones((1, 5)), tmp_path / "x.png")


def test_decision_boundary_needs_two_features(tmp_path):
    with pytest.raises(ValueError, match=r"needs 2-D points, X of shape \(2, m\); got \(3, 5\)"):
        plots.plot_decision_boundary(None, np.ones((3, 5)), np.ones((1, 5)), tmp_path / "x.png")


def test_without_matplotlib_the_message_says_how_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(ImportError, match=r'plots need matplotlib: pip install -e "\.\[plot\]" in a clone of npblocks'):
        plots.plot_costs([1.0], "never.png")


def test_history_plot_writes_the_cost_curves(tmp_path):
    from losses import BinaryCrossEntropy
    from optim import Adam

    X, Y = planar_flower(m=40)
    model = Sequential(Layer(2, 4, activation=ReLU(), rng=0), Layer(4, 1, activation=Sigmoid(), rng=1))
    history = model.fit(X, Y, loss=BinaryCrossEntropy(), optimizer=Adam(model.parameters()), epochs=3,
                        validation_data=(X, Y), verbose=0)
    path = history.plot(tmp_path / "cost.png", title="flower")
    assert path == tmp_path / "cost.png" and path.read_bytes().startswith(PNG)


def test_the_boundary_names_the_classes_and_tells_train_from_test_points(tmp_path, monkeypatch):
    figures = []
    real = plots.pyplot()

    class Spy:
        def __getattr__(self, name):
            return getattr(real, name)

        def subplots(self, *args, **kwargs):
            figures.append(real.subplots(*args, **kwargs))
            return figures[-1]

    monkeypatch.setattr(plots, "pyplot", Spy)
    X, Y = spirals(m=60)
    model = Sequential(Layer(2, 8, activation=ReLU(), rng=0), Layer(8, 3, activation=Softmax(), rng=1))
    plots.plot_decision_boundary(model, X[:, :40], Y[:, :40], tmp_path / "b.png", resolution=20,
                                 X_test=X[:, 40:], Y_test=Y[:, 40:], class_names=["A", "B", "C"])
    (_, ax), = figures
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["A (train)", "A (test)", "B (train)", "B (test)", "C (train)", "C (test)"]
    markers = {c.get_label(): c.get_paths()[0].vertices.shape[0] for c in ax.collections if c.get_label()}
    assert markers["A (train)"] != markers["A (test)"]  # circles against triangles
