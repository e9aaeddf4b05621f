"""Every usual mistake gets npblocks' own error at the public boundary, in the seed's symbols.

Each case is a call, the documented exception type (TypeError: wrong type, ValueError: wrong value or
shape, RuntimeError: wrong call order) and the message it must match. Each error must also come from a
raise statement of npblocks itself (tests/boundary.py), never from inside NumPy.
"""

from __future__ import annotations

import ast
import os

import numpy as np
import pytest

import blocks
import optim
from blocks import BatchNorm, Dropout, Layer, ReLU, Sequential, Sigmoid, Softmax, Standardize, datasets, plots
from blocks.testing import check_activation, check_gradients, check_loss
from blocks.training import LearningRateScheduler, accuracy
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from optim import SGD, Adam, AdamW, ExponentialDecay, InverseTimeDecay, Momentum, RMSProp, WarmUp
from tests.boundary import PACKAGES, assert_deliberate

X = np.linspace(-1.0, 1.0, 15).reshape(3, 5)  # n^[0] = 3, m = 5
Y = np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
LABELS = np.array([0, 2, 1, 1, 0])
ONE_HOT = np.eye(3)[LABELS].T


def model():
    return Sequential(Layer(3, 4, ReLU(), rng=0), Layer(4, 1, Sigmoid(), rng=1))


def forwarded(block, A_prev=X):
    block.forward(A_prev)
    return block


def fit(X=X, Y=Y, net=None, loss=None, **options):
    net = net or model()
    options.setdefault("optimizer", SGD(net.parameters(), lr=0.1))
    return net.fit(X, Y, loss=loss or BinaryCrossEntropy(), verbose=0, **options)


def params():
    return model().parameters()


RAGGED = [[1.0, 2.0], [3.0]]
NON_NUMERIC = {
    "strings": np.array([["a"] * 5] * 3),
    "objects": np.ones((3, 5), dtype=object),
    "None": None,
    "ragged list": RAGGED,
    "complex": X + 1j,
}

CASES = {
    # X, A_prev: samples are columns, (n^[l-1], m)
    "X transposed": (
        lambda: model().forward(X.T),
        ValueError,
        r"block 0 of the Sequential: Layer\(3, 4, activation=ReLU\(\)\) expects A_prev with n\^\[l-1\] = 3 "
        r"rows, shape \(3, m\); got 5 rows, shape \(5, 3\). It looks transposed: samples are columns, "
        r"pass A_prev.T \(the A_prev of block 0 is the X given to the model\)",
    ),
    "X transposed to predict": (lambda: model().predict(X.T), ValueError, r"block 0 .*It looks transposed"),
    "X transposed to fit": (
        lambda: fit(X=X.T),
        ValueError,
        r"fit expects X with n\^\[0\] = 3 rows for this model, shape \(3, m\); got 5 rows, shape "
        r"\(5, 3\). It looks transposed: samples are columns, pass X.T",
    ),
    "X 1-D, one sample": (
        lambda: model().forward(X[:, 0]),
        ValueError,
        r"expects A_prev of shape \(n\^\[l-1\], m\) = \(3, m\), samples as columns; got a 1-D array "
        r"of shape \(3,\). For one sample use A_prev.reshape\(3, 1\)",
    ),
    "X 1-D to fit": (
        lambda: fit(X=X[0]),
        ValueError,
        r"fit expects X of shape \(n\^\[0\], m\), samples as columns; got shape \(5,\)",
    ),
    "X 3-D": (lambda: Layer(3, 2).forward(X[:, :, None]), ValueError, r"got a 3-D array of shape \(3, 5, 1\)"),
    "X with too few rows": (
        lambda: Layer(3, 2).forward(X[:2]),
        ValueError,
        r"Layer\(3, 2, activation=Identity\(\)\) expects A_prev with n\^\[l-1\] = 3 rows, shape "
        r"\(3, m\); got 2 rows, shape \(2, 5\)$",
    ),
    "BatchNorm A_prev transposed": (
        lambda: BatchNorm(3).forward(X.T),
        ValueError,
        r"BatchNorm\(3, .*\) expects A_prev with n = 3 rows.*It looks transposed",
    ),
    "Dropout A_prev 1-D": (
        lambda: Dropout(keep_prob=0.5).forward(X[0]),
        ValueError,
        r"Dropout\(keep_prob=0.5\) expects A_prev of shape \(n\^\[l\], m\)",
    ),
    # Y and the losses
    "Y of the wrong shape": (
        lambda: BinaryCrossEntropy().forward(np.full((1, 5), 0.5), np.ones((1, 4))),
        ValueError,
        r"BinaryCrossEntropy\(\) expects Y shaped like AL, \(n\^\[L\], m\) = \(1, 5\); got Y of "
        r"shape \(1, 4\)",
    ),
    "Y transposed": (
        lambda: MeanSquaredError().forward(np.zeros((1, 5)), Y.T),
        ValueError,
        r"Y looks transposed: samples are columns, pass Y.T",
    ),
    "Y transposed to fit": (lambda: fit(Y=Y.T), ValueError, r"fit expects Y with n\^\[L\] = 1 rows.*pass Y.T"),
    "Y with the wrong m in fit": (
        lambda: fit(Y=Y[:, :4]),
        ValueError,
        r"fit expects X and Y with the same m, one column per sample; got m = 5 in X",
    ),
    "integer labels (m,) to CCE": (
        lambda: CategoricalCrossEntropy().forward(np.full((3, 5), 1 / 3), LABELS),
        ValueError,
        r"CategoricalCrossEntropy\(\) expects one-hot Y of shape \(n_classes, m\) "
        r"= \(3, 5\); got labels of shape \(5,\). Make them one-hot: Y = "
        r"np.eye\(3\)\[labels.ravel\(\)\].T",
    ),
    "integer labels (1, m) to CCE": (
        lambda: CategoricalCrossEntropy().backward(np.full((3, 5), 1 / 3), LABELS[None]),
        ValueError,
        r"got labels of shape \(1, 5\). Make them one-hot",
    ),
    "integer labels (m, 1) to CCE": (
        lambda: CategoricalCrossEntropy().forward(np.full((3, 5), 1 / 3), LABELS[:, None]),
        ValueError,
        r"got labels of shape \(5, 1\). Make them one-hot",
    ),
    "integer labels to fit with CCE": (
        lambda: fit(Y=LABELS[None], net=Sequential(Layer(3, 3, Softmax(), rng=0)), loss=CategoricalCrossEntropy()),
        ValueError,
        r"For class labels use one-hot Y = np.eye\(3\)\[labels.ravel\(\)\].T",
    ),
    "labels outside [0, 1] to fit with BCE": (
        lambda: fit(Y=Y + 1),
        ValueError,
        r"fit: BinaryCrossEntropy\(\) expects Y in \[0, 1\] \(labels 0 and 1\); "
        r"got Y from 1 to 2",
    ),
    "AL outside [0, 1] to BCE (logits)": (
        lambda: BinaryCrossEntropy().forward(np.array([[-2.0, 3.0]]), np.ones((1, 2))),
        ValueError,
        r"BinaryCrossEntropy\(\) expects AL in \[0, 1\], probabilities such "
        r"as the output of Sigmoid; got AL from -2 to 3. Does the last layer have "
        r"activation=Sigmoid\(\)\?",
    ),
    "negative AL to CCE": (
        lambda: CategoricalCrossEntropy().backward(-ONE_HOT, ONE_HOT),
        ValueError,
        r"expects AL in \[0, 1\].*activation=Softmax\(\)\?",
    ),
    "a loss given AL 1-D": (
        lambda: MeanSquaredError().forward(np.zeros(5), np.zeros(5)),
        ValueError,
        r"MeanSquaredError\(\) expects AL of shape \(n\^\[L\], m\), samples as columns, with "
        r"n\^\[L\] >= 1 and m >= 1; got \(5,\)",
    ),
    "a loss given no sample": (
        lambda: BinaryCrossEntropy().forward(np.zeros((1, 0)), np.zeros((1, 0))),
        ValueError,
        r"with n\^\[L\] >= 1 and m >= 1; got \(1, 0\)",
    ),
    # W and b
    "b of shape (n,)": (
        lambda: setattr(Layer(3, 2), "b", np.zeros(2)),
        ValueError,
        r"Layer\(3, 2, activation=Identity\(\)\): b must have shape \(2, 1\), got \(2,\); use "
        r"b.reshape\(2, 1\)",
    ),
    "b of shape (1, n)": (
        lambda: setattr(Layer(3, 2), "b", np.zeros((1, 2))),
        ValueError,
        r"b must have shape \(2, 1\), got \(1, 2\); use b.reshape\(2, 1\)",
    ),
    "W reassigned transposed": (
        lambda: setattr(Layer(3, 2), "W", np.zeros((3, 2))),
        ValueError,
        r"W must have shape \(2, 3\), got \(3, 2\): W is \(n\^\[l\], n\^\[l-1\]\) = "
        r"\(n_out, n_in\); it looks transposed, pass W.T",
    ),
    "W reassigned with another size": (
        lambda: setattr(Layer(3, 2), "W", np.zeros((2, 4))),
        ValueError,
        r"W must have shape \(2, 3\), got \(2, 4\): W is \(n\^\[l\], n\^\[l-1\]\)",
    ),
    "W reassigned with strings": (
        lambda: setattr(Layer(3, 2), "W", np.array([["a"] * 3] * 2)),
        TypeError,
        r"Layer\(3, 2, .*\): W must be a numeric array of real numbers. Received: dtype <U1",
    ),
    "gamma of shape (n,)": (
        lambda: setattr(BatchNorm(3), "gamma", np.ones(3)),
        ValueError,
        r"gamma must have shape \(3, 1\), got \(3,\)",
    ),
    "an initialiser giving NaN": (
        lambda: Layer(3, 2, init=lambda n_in, n_out, rng: np.full((n_out, n_in), np.nan)),
        ValueError,
        r"the initialiser .*<lambda> gave a W with NaN or inf entries",
    ),
    # sizes, activations, dtypes, seeds
    "a layer size of 0": (lambda: Layer(0, 2), ValueError, r"n_in must be a positive int. Received: n_in=0"),
    "a negative layer size": (lambda: Layer(3, -2), ValueError, r"n_out must be a positive int. Received: n_out=-2"),
    "a non-integer layer size": (lambda: Layer(2.5, 2), TypeError, r"n_in must be a positive int. Received: n_in=2.5"),
    "a layer size given as a string": (lambda: Layer("3", 2), TypeError, r"n_in must be a positive int"),
    "a bool layer size": (lambda: Layer(True, 2), TypeError, r"n_in must be a positive int"),
    "a BatchNorm size of 0": (lambda: BatchNorm(0), ValueError, r"n must be a positive int. Received: n=0"),
    "activation as a string": (
        lambda: Layer(3, 2, activation="relu"),
        TypeError,
        r"activation must be an Activation instance, not a string: write activation=ReLU\(\) "
        r"\(from blocks import ReLU\). Received: activation='relu'",
    ),
    "activation as an alias": (
        lambda: Layer(3, 2, activation="leaky_relu"),
        TypeError,
        r"write activation=LeakyReLU\(\)",
    ),
    "activation as an unknown string": (
        lambda: Layer(3, 2, activation="mish"),
        TypeError,
        r"not a string: use one of ELU\(\), GELU\(\), .*Tanh\(\) from blocks, or your "
        r"own subclass",
    ),
    "activation as a string to BatchNorm": (lambda: BatchNorm(4, "tanh"), TypeError, r"write activation=Tanh\(\)"),
    "activation as a class": (
        lambda: Layer(3, 2, activation=ReLU),
        TypeError,
        r"write activation=ReLU\(\), with parentheses",
    ),
    "activation as a function": (
        lambda: Layer(3, 2, activation=np.tanh),
        TypeError,
        r"activation must be an Activation instance such as ReLU\(\)",
    ),
    "an integer dtype": (
        lambda: Layer(3, 2, dtype=np.int32),
        ValueError,
        r"dtype must be a floating dtype \(float32 or float64\). Received: dtype=int32",
    ),
    "a float16 model": (
        lambda: Layer(3, 2, dtype=np.float16),
        ValueError,
        r"\(float32 or float64\). Received: "
        r"dtype=float16",
    ),
    "a negative seed": (lambda: Layer(3, 2, rng=-1), ValueError, r"rng must be a seed >= 0, a numpy.random.Generator"),
    "a string seed": (lambda: Dropout(keep_prob=0.5, rng="x"), TypeError, r"rng must be an int seed"),
    "LeakyReLU alpha as a string": (lambda: blocks.LeakyReLU("0.1"), TypeError, r"alpha must be a real number"),
    "ELU alpha NaN": (lambda: blocks.ELU(float("nan")), ValueError, r"alpha must be a finite real number"),
    # hyperparameters
    "a negative learning rate": (
        lambda: SGD(params(), lr=-0.1),
        ValueError,
        r"lr must be in \(0.0, inf\]. Received: lr=-0.1",
    ),
    "a learning rate as a string": (lambda: Adam(params(), lr="0.01"), TypeError, r"lr must be a real number"),
    "beta of 1": (lambda: Momentum(params(), 0.1, beta=1.0), ValueError, r"beta must be in \[0.0, 1.0\)"),
    "a negative beta": (lambda: RMSProp(params(), beta=-0.1), ValueError, r"beta must be in \[0.0, 1.0\)"),
    "beta1 above 1": (lambda: Adam(params(), beta1=1.5), ValueError, r"beta1 must be in \[0.0, 1.0\)"),
    "beta2 of 1": (lambda: AdamW(params(), beta2=1.0), ValueError, r"beta2 must be in \[0.0, 1.0\)"),
    "eps of 0 for Adam": (lambda: Adam(params(), eps=0.0), ValueError, r"eps must be in \(0.0, inf\]"),
    "a negative eps for RMSProp": (lambda: RMSProp(params(), eps=-1e-8), ValueError, r"eps must be in \(0.0, inf\]"),
    "eps of 0 for BatchNorm": (lambda: BatchNorm(3, eps=0.0), ValueError, r"eps must be in \(0.0, inf\]"),
    "BatchNorm momentum of 1": (lambda: BatchNorm(3, momentum=1.0), ValueError, r"momentum must be in \[0.0, 1.0\)"),
    "keep_prob of 0": (lambda: Dropout(keep_prob=0.0), ValueError, r"keep_prob must be in \(0.0, 1.0\]"),
    "keep_prob above 1": (lambda: Dropout(keep_prob=1.2), ValueError, r"keep_prob must be in \(0.0, 1.0\]"),
    "a negative weight_decay": (
        lambda: SGD(params(), 0.1, weight_decay=-1e-4),
        ValueError,
        r"weight_decay must be in \[0.0, inf\]",
    ),
    "clip_norm of 0": (lambda: Adam(params(), clip_norm=0.0), ValueError, r"clip_norm must be in \(0.0, inf\]"),
    "a NaN learning rate": (lambda: SGD(params(), float("nan")), ValueError, r"lr must be in \(0.0, inf\]"),
    "a schedule's negative lr0": (lambda: InverseTimeDecay(-1.0, 0.1), ValueError, r"lr0 must be in \(0.0, inf\]"),
    "a decay rate above 1": (lambda: ExponentialDecay(0.1, 1.5), ValueError, r"decay_rate must be in \(0.0, 1.0\]"),
    "a warm-up of 0 epochs": (lambda: WarmUp(0.1, 0), ValueError, r"epochs must be a positive int"),
    "a schedule giving a negative rate": (
        lambda: WarmUp(lambda epoch: -1.0, 2)(5),
        ValueError,
        r"must give a learning rate >= 0; epoch 3 gave lr=-1.0",
    ),
    "a schedule giving a string": (
        lambda: WarmUp(lambda epoch: "0.1", 2)(0),
        TypeError,
        r"must give a learning rate \(a real number\); epoch 0 gave '0.1'",
    ),
    "a schedule applied to no optimizer": (
        lambda: InverseTimeDecay(0.1, 0.1).apply(None, 0),
        TypeError,
        r"apply needs an Optimizer such as Adam\(model.parameters\(\)\)",
    ),
    "a schedule that is not callable": (lambda: LearningRateScheduler(0.1), TypeError, r"schedule must be a callable"),
    # parameters
    "an empty parameter list": (
        lambda: SGD([], lr=0.1),
        ValueError,
        r"params is empty: the optimizer has nothing to update. Pass model.parameters\(\)",
    ),
    "the model instead of its parameters": (
        lambda: SGD(model(), lr=0.1),
        TypeError,
        r"params must be model.parameters\(\), a list of Parameters; received an "
        r"element of type Layer",
    ),
    "arrays instead of parameters": (lambda: Adam([np.ones(3)]), TypeError, r"element of type ndarray"),
    "the same parameters twice": (
        lambda: SGD(2 * params(), lr=0.1),
        ValueError,
        r"params holds Parameter\(Layer.W, shape=\(4, 3\)\) more than once",
    ),
    "global_norm of arrays": (
        lambda: optim.global_norm([np.ones(3)]),
        TypeError,
        r"params must be model.parameters\(\), a list of Parameters",
    ),
    "l2_penalty of arrays": (lambda: optim.l2_penalty([np.ones(3)], 0.1), TypeError, r"a list of Parameters"),
    # call order
    "Layer backward before forward": (
        lambda: Layer(3, 2).backward(np.ones((2, 5))),
        RuntimeError,
        r"Layer\(3, 2, activation=Identity\(\)\): backward\(dA\) was called before "
        r"forward\(A_prev\)",
    ),
    "Dropout backward before forward": (
        lambda: Dropout(keep_prob=0.5).backward(X),
        RuntimeError,
        r"Dropout\(keep_prob=0.5\): backward\(dA\) was called before forward",
    ),
    "BatchNorm backward before forward": (
        lambda: BatchNorm(3).backward(X),
        RuntimeError,
        r"BatchNorm\(3, activation=Identity\(\)\): backward\(dA\) was called before",
    ),
    "Standardize backward before forward": (
        lambda: Standardize(3).backward(X),
        RuntimeError,
        r"Standardize\(3\): backward\(dA\) was called before forward",
    ),
    "Sequential backward before forward": (
        lambda: model().backward(Y),
        RuntimeError,
        r"block 1 of the Sequential: Layer\(4, 1, activation=Sigmoid\(\)\): "
        r"backward\(dA\) was called before forward",
    ),
    "optimizer step before backward": (
        lambda: SGD(forwarded(model()).parameters(), 0.1).step(),
        RuntimeError,
        r"Parameter\(Layer.W, shape=\(4, 3\)\) has no gradient dW yet: call "
        r"model.backward\(dAL\) after model.forward\(X\) and before optimizer.step\(\)",
    ),
    # dA of the wrong shape
    "Layer dA transposed": (
        lambda: forwarded(Layer(3, 2)).backward(np.ones((5, 2))),
        ValueError,
        r"Layer\(3, 2, activation=Identity\(\)\) expects dA shaped like its A, \(2, 5\); got "
        r"\(5, 2\)",
    ),
    "Dropout dA of the wrong shape": (
        lambda: forwarded(Dropout(keep_prob=0.5, rng=0)).backward(X[:, :4]),
        ValueError,
        r"Dropout\(keep_prob=0.5\) expects dA shaped like its A, \(3, 5\); got \(3, 4\)",
    ),
    "Dropout in eval mode, dA of the wrong shape": (
        lambda: forwarded(Dropout(keep_prob=0.5).eval()).backward(X.T),
        ValueError,
        r"expects dA shaped like its A, \(3, 5\); got \(5, 3\)",
    ),
    "BatchNorm dA of the wrong shape": (
        lambda: forwarded(BatchNorm(3)).backward(X.T),
        ValueError,
        r"BatchNorm\(3, .*\) expects dA shaped like its A, \(3, 5\); got \(5, 3\)",
    ),
    "Sequential dAL of the wrong shape": (
        lambda: forwarded(model()).backward(Y.T),
        ValueError,
        r"block 1 of the Sequential: Layer\(4, 1, activation=Sigmoid\(\)\) expects dA "
        r"shaped like its A, \(1, 5\); got \(5, 1\)",
    ),
    "a dAL of strings": (
        lambda: forwarded(model()).backward(np.array([["a"] * 5])),
        TypeError,
        r"Layer\(4, 1, activation=Sigmoid\(\)\): dA must be a numeric array of real numbers",
    ),
    # Sequential
    "a string in a Sequential": (
        lambda: Sequential(Layer(3, 2), "relu"),
        TypeError,
        r"block 1 of the Sequential must be a Block \(Layer, Dropout, ...\); it is a "
        r"str: 'relu'",
    ),
    "an activation in a Sequential": (
        lambda: Sequential(Layer(3, 2), ReLU()),
        TypeError,
        r"block 1 of the Sequential is the activation ReLU\(\), not a Block: give it to a "
        r"layer, Layer\(n_in, n_out, activation=ReLU\(\)\)",
    ),
    "a class in a Sequential": (
        lambda: Sequential(Layer), TypeError,
        r"block 0 of the Sequential must be a Block \(Layer, Dropout, ...\); it is a type",
    ),
    "an empty Sequential": (lambda: Sequential(), ValueError, r"Sequential needs at least one block"),
    "layers that do not chain": (
        lambda: Sequential(Layer(3, 4), Layer(5, 1)),
        ValueError,
        r"blocks 0 and 1 of the Sequential do not chain: block 0, Layer\(3, 4, activation=Identity\(\)\), "
        r"gives \(4, m\), but "
        r"block 1: Layer\(5, 1, activation=Identity\(\)\) expects A_prev with n\^\[l-1\] = 5 rows; the block before "
        r"it gives 4 rows",
    ),
    "a BatchNorm that does not chain": (
        lambda: Sequential(Layer(3, 4), BatchNorm(5)),
        ValueError,
        r"blocks 0 and 1 of the Sequential do not chain",
    ),
    "one block at two places": (
        lambda: (lambda layer: Sequential(layer, Layer(3, 3), layer))(Layer(3, 3)),
        ValueError,
        r"block 2 of the Sequential is the same object as block 0, Layer\(3, 3, "
        r"activation=Identity\(\)\): a block caches its input for backward",
    ),
    "one block at two places, nested": (
        lambda: (lambda layer: Sequential(layer, Sequential(Layer(3, 3), layer)))(Layer(3, 3)),
        ValueError,
        r"block 1.1 of the Sequential is the same object as block 0",
    ),
    "an index out of range": (
        lambda: model()[2],
        IndexError,
        r"block index 2 is out of range: this Sequential has 2 blocks, 0 to 1",
    ),
    "a string index": (lambda: model()["0"], TypeError, r"a Sequential is indexed by int or slice"),
    # fit and evaluate
    "NaN in X given to fit": (
        lambda: fit(X=np.where(X > 0.9, np.nan, X)),
        ValueError,
        r"fit expects finite X; it holds 1 NaN or inf value\(s\), the first at row 2, column "
        r"\(sample\) 4: nan",
    ),
    "inf in Y given to fit": (lambda: fit(Y=np.where(Y > 0, np.inf, Y)), ValueError, r"fit expects finite Y"),
    "NaN in validation data": (lambda: fit(validation_data=(X * np.nan, Y)), ValueError, r"fit expects finite X_val"),
    "a batch size of zero": (
        lambda: fit(batch_size=0),
        ValueError,
        r"batch_size must be a positive int. Received: batch_size=0",
    ),
    "a float batch size": (lambda: fit(batch_size=2.0), TypeError, r"batch_size must be a positive int"),
    "zero epochs": (lambda: fit(epochs=0), ValueError, r"epochs must be a positive int"),
    "no sample": (lambda: fit(X=X[:, :0], Y=Y[:, :0]), ValueError, r"fit needs at least one sample"),
    "a loss class": (
        lambda: fit(loss=BinaryCrossEntropy),
        TypeError,
        r"loss must be an instance: write loss=BinaryCrossEntropy\(...\), with parentheses",
    ),
    "a loss by name": (lambda: fit(loss="bce"), TypeError, r"loss must be a Loss such as loss=BinaryCrossEntropy\(\)"),
    "an optimizer of another model": (
        lambda: fit(optimizer=SGD(params(), 0.1)),
        ValueError,
        r"the optimizer updates 4 parameter\(s\) that are not this model's",
    ),
    "evaluate with X transposed": (
        lambda: model().evaluate(X.T, Y),
        ValueError,
        r"evaluate expects X with n\^\[0\] = 3 rows.*looks transposed",
    ),
    "accuracy of mismatched shapes": (
        lambda: accuracy(np.zeros((1, 5)), np.zeros((1, 4))),
        ValueError,
        r"accuracy expects AL and Y of one shape \(n\^\[L\], m\) with m >= 1",
    ),
    # BatchNorm and Standardize without samples
    "BatchNorm training on m = 0": (
        lambda: BatchNorm(3).forward(X[:, :0]),
        ValueError,
        r"needs at least one sample \(m >= 1\) in training mode",
    ),
    "a Standardize std of 0": (
        lambda: setattr(Standardize(2), "std", np.array([[1.0], [0.0]])),
        ValueError,
        r"std must be finite and > 0 in every row",
    ),
    # data sets
    "a data set of 0 samples": (lambda: datasets.moons(m=0), ValueError, r"m must be a positive int"),
    "negative noise": (lambda: datasets.planar_flower(noise=-0.1), ValueError, r"noise must be >= 0"),
    "labels beyond n_classes": (
        lambda: datasets.one_hot([0, 3], 3),
        ValueError,
        r"labels must be integers from 0 to n_classes - 1 = 2; got 3 \(at column 1\)",
    ),
    "negative labels": (lambda: datasets.one_hot([0, -1], 3), ValueError, r"got -1 \(at column 1\)"),
    "a split with no test sample": (
        lambda: datasets.train_test_split(X[:, :2], Y[:, :2], 0.2),
        ValueError,
        r"leaves 0 test and 2 training samples; each part needs at least one",
    ),
    "a split of mismatched X and Y": (
        lambda: datasets.train_test_split(X, Y[:, :4]),
        ValueError,
        r"train_test_split expects X \(n\^\[0\], m\) and Y \(n\^\[L\], m\) with one m",
    ),
    # plots (checked before matplotlib is imported)
    "a decision boundary of transposed points": (
        lambda: plots.plot_decision_boundary(model(), X.T, Y, "b.png"),
        ValueError,
        r"expected X \(n\^\[0\], m\) and Y \(1, m\) or one-hot \(n_classes, m\), samples as columns, m >= 1; got "
        r"X \(5, 3\) and Y \(1, 5\)",
    ),
    "a cost curve of text": (lambda: plots.plot_costs("abc", "c.png"), TypeError, r"costs must be a numeric array"),
    "a cost curve of a matrix": (
        lambda: plots.plot_costs(np.ones((2, 2)), "c.png"),
        ValueError,
        r"costs must be a non-empty list of numbers, one per epoch; got shape \(2, 2\)",
    ),
    # the testing toolkit
    "check_activation given a Loss": (
        lambda: check_activation(BinaryCrossEntropy()),
        TypeError,
        r"check_activation needs an Activation such as Tanh\(\); BinaryCrossEntropy\(\) "
        r"is a Loss: use check_loss\(loss\)",
    ),
    "check_activation given a Layer": (
        lambda: check_activation(Layer(2, 2)),
        TypeError,
        r"is a Block: use check_gradients\(model, X, Y, loss\)",
    ),
    "check_activation given a name": (
        lambda: check_activation("tanh"),
        TypeError,
        r"needs an Activation \(forward and backward\); str has no forward",
    ),
    "check_loss given an Activation": (
        lambda: check_loss(Sigmoid()),
        TypeError,
        r"check_loss needs a Loss such as BinaryCrossEntropy\(\); Sigmoid\(\) is not one: "
        r"use check_activation\(activation\)",
    ),
    "check_loss given a class": (lambda: check_loss(MeanSquaredError), TypeError, r"needs a Loss instance"),
    "check_gradients given an Activation as loss": (
        lambda: check_gradients(model(), X, Y, Sigmoid()),
        TypeError,
        r"check_gradients: loss must be a Loss such as "
        r"BinaryCrossEntropy\(\); Sigmoid\(\) is an Activation",
    ),
    "check_gradients given complex X": (
        lambda: check_gradients(model(), X + 1j, Y, BinaryCrossEntropy()),
        TypeError,
        r"check_gradients: X must be a numeric array of real numbers. Received: dtype "
        r"complex128: drop the imaginary part",
    ),
}


@pytest.mark.parametrize(("call", "error", "match"), list(CASES.values()), ids=list(CASES))
def test_each_mistake_gets_npblocks_own_error(call, error, match):
    with pytest.raises(error, match=match) as caught:
        call()
    if error is not IndexError:  # the one LookupError: model[i] out of range, as for any Python sequence
        assert_deliberate(caught.value)


ENTRY_POINTS = {
    "Layer.forward": lambda value: Layer(3, 2).forward(value),
    "Sequential.forward": lambda value: model().forward(value),
    "Sequential.predict": lambda value: model().predict(value),
    "Layer.backward": lambda value: forwarded(Layer(3, 2)).backward(value),
    "Sequential.backward": lambda value: forwarded(model()).backward(value),
    "Dropout.forward": lambda value: Dropout(keep_prob=0.5).forward(value),
    "BatchNorm.forward": lambda value: BatchNorm(3).forward(value),
    "BatchNorm.backward": lambda value: forwarded(BatchNorm(3)).backward(value),
    "Layer.W =": lambda value: setattr(Layer(5, 3), "W", value),
    "loss AL": lambda value: BinaryCrossEntropy().forward(value, Y),
    "loss Y": lambda value: MeanSquaredError().backward(np.zeros((3, 5)), value),
    "fit X": lambda value: fit(X=value),
    "fit Y": lambda value: fit(Y=value),
    "check_gradients X": lambda value: check_gradients(model(), value, Y, BinaryCrossEntropy()),
}


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
@pytest.mark.parametrize("kind", list(NON_NUMERIC))
def test_non_numeric_arrays_are_type_errors_that_say_so(entry, kind):
    with pytest.raises(TypeError, match=r"must be a numeric array") as caught:
        ENTRY_POINTS[entry](NON_NUMERIC[kind])
    assert_deliberate(caught.value)


def test_a_complex_array_is_told_how_to_become_real():
    with pytest.raises(TypeError, match=r"Received: dtype complex128: drop the imaginary part with .real"):
        Layer(3, 2).forward(X + 1j)


def test_a_ragged_list_says_what_numpy_found():
    with pytest.raises(
        TypeError,
        match=r"A_prev must be a numeric array of real numbers. Received: list "
        r"\(setting an array element with a sequence",
    ):
        Layer(3, 2).forward(RAGGED)


@pytest.mark.parametrize(
    ("path", "error", "match"),
    [
        ("", ValueError, r"path is empty; give a file path such as 'model.npz'"),
        ("a\0b.npz", ValueError, r"path must not contain a NUL character"),
        (3, TypeError, r"path must be a str or a pathlib.Path"),
        (b"model.npz", TypeError, r"path must be a str or a pathlib.Path"),
    ],
)
def test_save_and_load_refuse_paths_that_are_no_paths(path, error, match):
    with pytest.raises(error, match=match) as saved:
        model().save(path)
    with pytest.raises(error, match=match) as loaded:
        Sequential.load(path)
    assert_deliberate(saved.value)
    assert_deliberate(loaded.value)


def test_save_to_a_directory_names_it_and_suggests_a_file(tmp_path):
    with pytest.raises(
        IsADirectoryError,
        match=r"cannot save to .*: it is a directory; give a file path such as "
        r".*model.npz",
    ):
        model().save(tmp_path)
    with pytest.raises(IsADirectoryError, match=r"it names a directory \(it ends with a separator\)"):
        model().save(str(tmp_path / "new") + os.sep)
    with pytest.raises(FileNotFoundError, match=r"cannot save to .*: the directory .*missing does not exist"):
        model().save(tmp_path / "missing" / "model.npz")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_directory_names_the_path_given_not_the_temporary_file(tmp_path, monkeypatch):
    def refuse(path, *args):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "open", refuse)
    target = str(tmp_path / "model.npz")
    with pytest.raises(PermissionError) as caught:
        model().save(target)
    assert caught.value.filename == target and "Permission denied" in str(caught.value)


def test_load_of_a_missing_file_or_a_directory_is_the_usual_os_error(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"No such file or directory") as caught:
        Sequential.load(tmp_path / "missing.npz")
    assert caught.value.filename == str(tmp_path / "missing.npz")
    with pytest.raises(IsADirectoryError, match=r"Is a directory"):
        Sequential.load(tmp_path)


def test_layer_backward_on_no_sample_is_a_value_error():
    layer = forwarded(Layer(3, 2), X[:, :0])
    with pytest.raises(ValueError, match=r"at least one sample"):
        layer.backward(np.zeros((2, 0)))


def test_no_assert_checks_user_input_anywhere_in_the_packages():
    """``assert`` vanishes under ``python -O``; npblocks raises its errors instead (blocks.testing raises
    AssertionError on a wrong derivative on purpose, never with an assert statement)."""
    found = []
    for package in PACKAGES:
        for folder, _, files in os.walk(package):
            for name in files:
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    with open(path, encoding="utf-8") as file:
                        tree = ast.parse(file.read(), path)
                    found += [f"{path}:{node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.Assert)]
    assert found == []


def test_the_readme_shows_the_messages_as_printed():
    """The two messages of README's "Common mistakes", from running its snippets."""
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")
    with open(path, encoding="utf-8") as file:
        readme = file.read()
    net = Sequential(Layer(2, 4, activation=ReLU()), Layer(4, 1, activation=Sigmoid()))
    with pytest.raises(ValueError) as transposed:
        net.forward(np.random.default_rng(0).standard_normal((400, 2)))
    logits = Sequential(Layer(2, 4, activation=ReLU(), rng=0), Layer(4, 1, rng=1))
    X, Y = np.random.default_rng(0).standard_normal((2, 400)), np.ones((1, 400))
    with pytest.raises(ValueError) as not_probabilities:
        BinaryCrossEntropy().forward(logits.forward(X), Y)
    for caught in (transposed, not_probabilities):
        assert f"ValueError: {caught.value}\n" in readme


def test_an_output_refilled_in_place_is_checked_again():
    """The scan of AL is skipped only once after it passed (backward right after forward): an AL array
    refilled in place for the next step is scanned again."""
    loss, Y = BinaryCrossEntropy(), np.ones((1, 3))
    AL = np.full((1, 3), 0.5)
    loss.forward(AL, Y)
    loss.backward(AL, Y)
    AL[...] = 2.0
    with pytest.raises(ValueError, match=r"expects AL in \[0, 1\]"):
        loss.forward(AL, Y)
    AL[...] = -1.0
    with pytest.raises(ValueError, match=r"got AL from -1 to -1"):
        loss.backward(AL, Y)
