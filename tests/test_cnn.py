"""Whole convolutional networks: gradients, Sequential's shapes and summary, fit/evaluate/predict, save/load,
BatchNorm and Dropout after a convolution, float32, and (when torch is installed) PyTorch as a reference."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from blocks import AvgPool2D, BatchNorm, Conv2D, Dropout, Flatten, Layer, MaxPool2D, ReLU, Sequential, Softmax, Tanh
from blocks.testing import LinearLoss, check_gradients
from blocks.testing.strategies import conv2ds, distinct_images, one_hot
from losses import CategoricalCrossEntropy
from optim import Adam


def small_cnn(dtype=np.float64, input_shape=(1, 8, 8), seed=0):
    return Sequential(
        Conv2D(1, 4, 3, padding=1, activation=ReLU(), rng=seed, dtype=dtype), MaxPool2D(2),
        Conv2D(4, 6, 3, activation=Tanh(), rng=seed + 1, dtype=dtype), AvgPool2D(2),
        Flatten(), Layer(6, 3, activation=Softmax(), rng=seed + 2, dtype=dtype),
        input_shape=input_shape,
    )


def lenet(**options):
    return Sequential(
        Conv2D(1, 6, 5, padding=2, activation=ReLU(), rng=0), MaxPool2D(2),
        Conv2D(6, 16, 5, activation=ReLU(), rng=1), MaxPool2D(2), Flatten(),
        Layer(400, 120, activation=ReLU(), rng=2), Layer(120, 84, activation=ReLU(), rng=3),
        Layer(84, 10, activation=Softmax(), rng=4), **options,
    )


def data(m=5, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    X = rng.permutation(64 * m).reshape(1, 8, 8, m) / (64 * m)  # distinct pixels: no tie in a max pooling
    return X.astype(dtype), np.eye(3, dtype=dtype)[rng.integers(0, 3, m)].T


def test_whole_cnn_gradients_match_central_differences():
    X, Y = data()
    check_gradients(small_cnn(), X, Y, CategoricalCrossEntropy(), max_entries=25)


@settings(max_examples=10)
@given(draw=st.data(), m=st.integers(1, 3))
def test_drawn_conv_pool_flatten_layer_networks(draw, m):
    conv, (n_H, n_W) = draw.draw(conv2ds(activation=st.sampled_from([Tanh(), ReLU()])))
    model = Sequential(conv, MaxPool2D(1, stride=draw.draw(st.integers(1, 2))), Flatten())
    rows = model.output_shape((conv.n_C_prev, n_H, n_W, "m"))[0]
    model = Sequential(*model.blocks, Layer(rows, 3, activation=Softmax(), rng=0))
    X = draw.draw(distinct_images(conv.n_C_prev, n_H, n_W, m))
    check_gradients(model, X, draw.draw(one_hot(3, m)), CategoricalCrossEntropy(), max_entries=20)


def test_summary_shows_the_image_shapes():
    table = str(lenet(input_shape=(1, 28, 28)))
    for shape in ("(6, 28, 28, m)", "(6, 14, 14, m)", "(16, 10, 10, m)", "(16, 5, 5, m)", "(400, m)", "(10, m)"):
        assert shape in table
    assert "Total parameters: 61,706   input: (1, 28, 28, m)" in table
    assert "(6, ?, ?, m)" in str(lenet()) and "input: (1, ?, ?, m)" in str(lenet())


def test_input_shape_is_checked_at_forward():
    with pytest.raises(ValueError, match=r"built with input_shape=\(1, 28, 28\), so X must have shape "
                                         r"\(1, 28, 28, m\); got X of shape \(1, 32, 32, 4\)"):
        lenet(input_shape=(1, 28, 28)).forward(np.zeros((1, 32, 32, 4)))
    with pytest.raises(ValueError, match=r"input_shape must be the shape of one sample without m"):
        lenet(input_shape=(1, 28, "m"))


def test_fit_evaluate_predict_on_images():
    X, Y = data(m=40)
    model = small_cnn()
    history = model.fit(X, Y, loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters(), lr=0.01),
                        epochs=3, batch_size=16, rng=0, verbose=0, validation_data=(X, Y))
    assert len(history["loss"]) == 3 and "val_loss" in history.history
    assert model.predict(X).shape == (3, 40)
    assert 0 <= model.evaluate(X, Y)["accuracy"] <= 1


@pytest.mark.parametrize("X, match", [
    (np.zeros((40, 8, 8, 1)), r"fit expects X of shape \(1, 8, 8, m\) for this model, samples last; got shape "
                              r"\(40, 8, 8, 1\). It looks like the samples-first layout \(m, n_H, n_W, n_C\)"),
    (np.zeros((64, 40)), r"fit expects X of shape \(1, 8, 8, m\) for this model"),
])
def test_fit_refuses_images_in_the_wrong_layout(X, match):
    model = small_cnn()
    with pytest.raises(ValueError, match=match):
        model.fit(X, data(m=40)[1], loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters()), verbose=0)


def test_fit_without_input_shape_names_the_samples_first_layout():
    model = Sequential(Flatten(), Layer(64, 3, activation=Softmax()))
    with pytest.raises(ValueError, match=r"got m = 1 in X \(40, 8, 8, 1\) and m = 40 in Y.*transpose\(3, 1, 2, 0\)"):
        model.fit(np.zeros((40, 8, 8, 1)), data(m=40)[1], loss=CategoricalCrossEntropy(),
                  optimizer=Adam(model.parameters()), verbose=0)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_save_and_load_are_bit_exact(tmp_path, dtype):
    X, Y = data(m=20, dtype=dtype)
    model = Sequential(Conv2D(1, 4, (3, 2), stride=(1, 2), padding=(1, 0), activation=ReLU(),
                              rng=0, dtype=dtype),
                       BatchNorm(4, activation=ReLU(), dtype=dtype), Dropout(keep_prob=0.8, rng=0),
                       MaxPool2D(2, stride=1), Flatten(), Layer(4 * 7 * 3, 3, activation=Softmax(), dtype=dtype),
                       input_shape=(1, 8, 8))
    model.fit(X, Y, loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters()), epochs=2, verbose=0)
    model.save(tmp_path / "cnn.npz")
    loaded = Sequential.load(tmp_path / "cnn.npz")
    assert repr(loaded) == repr(model)
    assert_array_equal(loaded.predict(X), model.predict(X))
    assert loaded.predict(X).dtype == dtype
    for p, q in zip(model.parameters(), loaded.parameters(), strict=True):
        assert_array_equal(p.value, q.value)


def test_batchnorm_after_a_conv_is_per_channel():
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((3, 4, 5, 6)) * np.array([1.0, 3.0, 0.5]).reshape(3, 1, 1, 1) + 2.0
    norm = BatchNorm(3, momentum=0.0)
    A = norm.forward(Z)
    assert_allclose(A.mean(axis=(1, 2, 3)), 0, atol=1e-12)
    assert_allclose(A.var(axis=(1, 2, 3)), 1, atol=1e-3)
    assert_allclose(norm.running_mean, Z.mean(axis=(1, 2, 3)).reshape(3, 1))
    dA = rng.standard_normal(A.shape)
    norm.forward(Z)
    norm.backward(dA)
    assert norm.dgamma.shape == (3, 1)
    check_gradients(Sequential(Conv2D(2, 3, 2, rng=0), BatchNorm(3, activation=Tanh()), Flatten()),
                    rng.standard_normal((2, 4, 5, 3)), rng.standard_normal((3 * 3 * 4, 3)), LinearLoss(),
                    max_entries=30)
    with pytest.raises(ValueError, match=r"BatchNorm\(3.*expects A_prev with n_C_prev = 3 channels.*got shape \(4, "):
        norm.forward(np.zeros((4, 2, 2, 1)))
    with pytest.raises(ValueError, match=r"block 1: BatchNorm\(4.*n_C_prev = 4 channels.*gives 6 channels"):
        Sequential(Conv2D(1, 6, 3), BatchNorm(4))


def test_dropout_after_a_conv_drops_pixels_and_its_gradient_matches():
    X = np.random.default_rng(0).standard_normal((1, 6, 6, 4))
    model = Sequential(Conv2D(1, 2, 3, activation=Tanh(), rng=0), Dropout(keep_prob=0.5, rng=0), Flatten())
    A = model.forward(X)
    assert (A == 0).any() and A.shape == (32, 4)
    check_gradients(model, X, np.random.default_rng(1).standard_normal((32, 4)), LinearLoss(), max_entries=20)
    assert_array_equal(model.predict(X), Sequential(*model.blocks[:1], Flatten()).forward(X))


def test_float32_end_to_end():
    X, Y = data(m=12, dtype=np.float32)
    model = small_cnn(np.float32)
    optimizer = Adam(model.parameters())
    model.fit(X, Y, loss=CategoricalCrossEntropy(), optimizer=optimizer, epochs=1, verbose=0)
    arrays = [model.predict(X)] + [a for b in model.blocks for a in vars(b).values() if isinstance(a, np.ndarray)
                                   and a.dtype.kind == "f"]
    assert {a.dtype for a in arrays} == {np.dtype(np.float32)}


def test_agrees_with_pytorch():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 9, 8, 2))
    conv = Conv2D(3, 4, (3, 2), stride=(2, 1), padding=(1, 2), rng=0)
    conv.b = rng.standard_normal((4, 1))
    Z = conv.forward(X)
    dZ = rng.standard_normal(Z.shape)
    dA_prev = conv.backward(dZ)
    Xt = torch.tensor(np.moveaxis(X, -1, 0), requires_grad=True)
    Wt = torch.tensor(conv.W, requires_grad=True)
    bt = torch.tensor(conv.b.ravel(), requires_grad=True)
    Zt = F.conv2d(Xt, Wt, bt, stride=(2, 1), padding=(1, 2))
    (Zt * torch.tensor(np.moveaxis(dZ, -1, 0))).sum().backward()
    assert_allclose(np.moveaxis(Zt.detach().numpy(), 0, -1), Z, atol=1e-12)
    assert_allclose(Wt.grad.numpy() / 2, conv.dW, atol=1e-12)  # torch sums over the batch; dW carries 1/m
    assert_allclose(bt.grad.numpy().reshape(4, 1) / 2, conv.db, atol=1e-12)
    assert_allclose(np.moveaxis(Xt.grad.numpy(), 0, -1), dA_prev, atol=1e-12)
    same = Conv2D(3, 2, (3, 5), padding="same", rng=0)
    assert_allclose(same.forward(X), np.moveaxis(F.conv2d(torch.tensor(np.moveaxis(X, -1, 0)),
                                                          torch.tensor(same.W), padding="same").numpy(), 0, -1),
                    atol=1e-12)
    for block, reference in ((MaxPool2D(3, stride=2), F.max_pool2d), (AvgPool2D(2, stride=1), F.avg_pool2d)):
        A = block.forward(X)
        dA = rng.standard_normal(A.shape)
        Xt = torch.tensor(np.moveaxis(X, -1, 0), requires_grad=True)
        At = reference(Xt, block.kernel, block.strides)
        (At * torch.tensor(np.moveaxis(dA, -1, 0))).sum().backward()
        assert_allclose(np.moveaxis(At.detach().numpy(), 0, -1), A, atol=1e-12)
        assert_allclose(np.moveaxis(Xt.grad.numpy(), 0, -1), block.backward(dA), atol=1e-12)


def test_add_slices_and_validation_split_keep_working_with_images():
    model = Sequential(Conv2D(1, 4, 3, padding=1, activation=ReLU(), rng=0), MaxPool2D(2), input_shape=(1, 8, 8))
    model.add(Flatten()).add(Layer(64, 3, activation=Softmax(), rng=0))
    assert model.output_shape(None) == (3, "m") and model[:2].input_shape == (1, 8, 8, "m")
    assert model[1:].input_shape == (None, None, None, "m")
    with pytest.raises(ValueError, match=r"block 3: Layer\(5, 2.*expects A_prev with n\^\[l-1\] = 5 rows; the block "
                                         r"before it gives 64 rows"):
        model[:3].add(Layer(5, 2))
    X, Y = data(m=20)
    history = model.fit(X, Y, loss=CategoricalCrossEntropy(), optimizer=Adam(model.parameters()), epochs=1,
                        validation_split=0.25, verbose=0)
    assert "val_loss" in history.history
