"""Pictures of training: the cost curve and, for 2-D data, the decision boundary (matplotlib, optional)."""
from __future__ import annotations

import numpy as np

from .checks import numeric_array, positive_int

#: How to get matplotlib: npblocks is installed from a clone until it is published.
INSTALL_PLOT = ('pip install -e ".[plot]" in a clone of npblocks (npblocks is not on PyPI yet), '
                'or pip install matplotlib')


def pyplot():
    """matplotlib.pyplot on the headless Agg backend, or an ImportError that says how to install it."""
    try:
        import matplotlib
    except ImportError:
        raise ImportError(f"plots need matplotlib: {INSTALL_PLOT}") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_costs(costs, path, val_costs=None, title="cost"):
    """Write the cost per epoch (or iteration), and optionally the validation cost, to a PNG at ``path``."""
    costs = _curve("costs", costs)
    val_costs = None if val_costs is None else _curve("val_costs", val_costs)
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(np.arange(1, len(costs) + 1), costs, label="cost J")
    if val_costs is not None:
        ax.plot(np.arange(1, len(val_costs) + 1), val_costs, label="validation cost")
    ax.set(xlabel="epoch", ylabel="J", title=title)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def plot_decision_boundary(model, X, Y, path, resolution: int = 300, title="decision boundary", *,
                           X_test=None, Y_test=None, class_names=None):
    """Colour the plane by the model's predicted class and scatter the points of X (2, m) over it.

    Y is (1, m) with labels 0/1 or one-hot (n_classes, m); the model's prediction of a column is its
    class: AL > 0.5 for one output unit, the argmax over rows otherwise. With ``X_test, Y_test``, those
    points are drawn as triangles beside the circles of X; the legend names each class (``class_names``, or
    its index) by its colour, and the two kinds of points.
    """
    X, Y = _points(X, Y)
    test = None if X_test is None else _points(X_test, Y_test)
    resolution = positive_int("resolution", resolution)
    if X.shape[0] != 2 or (test is not None and test[0].shape[0] != 2):
        got = X.shape if X.shape[0] != 2 else test[0].shape
        raise ValueError(f"a decision boundary needs 2-D points, X of shape (2, m); got {got}")
    plt = pyplot()
    everything = X if test is None else np.concatenate([X, test[0]], axis=1)
    pad = 0.5
    x0, x1 = np.meshgrid(
        np.linspace(everything[0].min() - pad, everything[0].max() + pad, resolution),
        np.linspace(everything[1].min() - pad, everything[1].max() + pad, resolution),
    )
    grid = np.stack([x0.ravel(), x1.ravel()])
    classes = predicted_class(model.predict(grid)).reshape(x0.shape)
    k = max(2, Y.shape[0])
    colours = plt.get_cmap("coolwarm")(np.linspace(0, 1, k))
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.contourf(x0, x1, classes, levels=np.arange(k + 1) - 0.5, colors=colours, alpha=0.35)
    names = [str(c) for c in class_names] if class_names is not None else [str(c) for c in range(k)]
    sets = [(X, labels_of(Y), "o", "train")] + ([] if test is None else [(test[0], labels_of(test[1]), "^", "test")])
    for c in range(k):
        for points, labels, marker, kind in sets:
            ax.scatter(points[0, labels == c], points[1, labels == c], color=colours[c], marker=marker, s=14,
                       edgecolors="k", linewidths=0.3, label=f"{names[c]} ({kind})" if test is not None else names[c])
    ax.legend(fontsize=8, loc="best")
    ax.set(xlabel="x1", ylabel="x2", title=title)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def plot_digits(model, X, Y, path, count: int = 32, title="digits: predicted (true), mistakes first, in red"):
    """``count`` images of X (8x8 digits, (64, m), or images (1, 8, 8, m) for a convolutional model), the model's
    mistakes first, with the predicted class above each and the true one in brackets, in red where they differ.
    Y is one-hot (10, m) or labels (1, m)."""
    model_input = X
    if np.shape(X)[:3] == (1, 8, 8) and np.ndim(X) == 4:
        X = np.reshape(X, (64, -1))  # (c n_H + h) n_W + w: the same rows as the columns (64, m)
    X, Y = _points(X, Y)
    count = positive_int("count", count)
    if X.shape[0] != 64:
        raise ValueError(f"digit images need X of shape (64, m), 8x8 pixels per column; got {X.shape}")
    plt = pyplot()
    predicted, true = predicted_class(model.predict(model_input)), labels_of(Y)
    shown = np.argsort(predicted == true, kind="stable")[:count]
    columns, rows = 8, (len(shown) + 7) // 8
    fig, axes = plt.subplots(rows, columns, figsize=(columns, 1.2 * rows + 0.6), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, k in zip(axes.flat, shown, strict=False):  # the last row may have empty places
        ax.imshow(X[:, k].reshape(8, 8), cmap="gray_r")
        ax.set_title(f"{predicted[k]} ({true[k]})", fontsize=9, color="black" if predicted[k] == true[k] else "red")
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def plot_confusion_matrix(C, path, class_names=None, title="confusion matrix"):
    """The confusion matrix C (true classes as rows, predicted as columns) as a PNG at ``path``, each cell
    shaded by its share of its row and labelled with its count; returns path.

    Shapes:
        C: (n_classes, n_classes)
    """
    C = numeric_array("C", C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or not C.size:
        raise ValueError(f"a confusion matrix is square, (n_classes, n_classes); got shape {C.shape}")
    names = [str(c) for c in (range(len(C)) if class_names is None else class_names)]
    plt = pyplot()
    rows = C / np.maximum(C.sum(axis=1, keepdims=True), 1)
    size = 2.5 + 0.5 * len(C)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(rows, cmap="Blues", vmin=0, vmax=1)
    for i in range(len(C)):
        for j in range(len(C)):
            ax.text(j, i, str(int(C[i, j])), ha="center", va="center", color="white" if rows[i, j] > 0.5 else "black")
    ax.set(xticks=range(len(C)), yticks=range(len(C)), xlabel="predicted", ylabel="true", title=title)
    ax.set_xticklabels(names, rotation=45, ha="right")
    ax.set_yticklabels(names)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _curve(name, values):
    values = numeric_array(name, values)
    if values.ndim != 1 or not values.size:
        raise ValueError(f"{name} must be a non-empty list of numbers, one per epoch; got shape {values.shape}")
    return values


def _points(X, Y):
    """X (n^[0], m) and Y (1, m) or one-hot (n_classes, m), columns as samples, m >= 1."""
    X, Y = numeric_array("X", X), numeric_array("Y", Y)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1] or not X.shape[1]:
        raise ValueError(f"expected X (n^[0], m) and Y (1, m) or one-hot (n_classes, m), samples as columns, "
                         f"m >= 1; got X {X.shape} and Y {Y.shape}")
    return X, Y


def predicted_class(AL):
    """The class of each column: AL > 0.5 for one output unit, the argmax over the rows otherwise."""
    return (AL[0] > 0.5).astype(int) if AL.shape[0] == 1 else AL.argmax(axis=0)


def labels_of(Y):
    """Integer labels (m,) from Y (1, m) or one-hot (n_classes, m)."""
    return Y[0].astype(int) if Y.shape[0] == 1 else Y.argmax(axis=0)
