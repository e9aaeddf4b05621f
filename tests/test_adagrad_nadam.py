"""Adagrad and Nadam: PyTorch's conventions, step by step against torch.optim when it is installed."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from blocks import Layer, ReLU, Sequential, Sigmoid
from blocks.saving import load_checkpoint
from optim import Adagrad, Nadam

RULES = [
    (Adagrad, "Adagrad", {"lr": 0.1}),
    (Adagrad, "Adagrad", {"lr": 0.05, "lr_decay": 0.01, "eps": 1e-6, "weight_decay": 0.1}),
    (Nadam, "NAdam", {}),
    (Nadam, "NAdam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "momentum_decay": 0.01,
                      "weight_decay": 0.05}),
]


def torch_names(kwargs):
    """Our keyword arguments as torch.optim spells them (betas=(beta1, beta2))."""
    kwargs = dict(kwargs)
    if "beta1" in kwargs:
        kwargs["betas"] = (kwargs.pop("beta1"), kwargs.pop("beta2"))
    return kwargs


def gradients(shape, steps, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(shape) * 10.0 ** rng.integers(-3, 2) for _ in range(steps)]


def run_ours(cls, kwargs, W0, grads):
    layer = Layer(W0.shape[1], W0.shape[0], rng=0)
    layer.W[...] = W0
    opt = cls([layer.parameters()[0]], **kwargs)
    for dW in grads:
        layer.dW = dW
        opt.step()
        yield layer.W.copy()


def with_float64(torch, step):
    """step() run with float64 as torch's default dtype (where NAdam creates its state)."""
    def run():
        default = torch.get_default_dtype()
        torch.set_default_dtype(torch.float64)
        try:
            step()
        finally:
            torch.set_default_dtype(default)
    return run


@pytest.mark.parametrize(("cls", "torch_name", "kwargs"), RULES)
def test_every_step_equals_pytorchs(cls, torch_name, kwargs):
    torch = pytest.importorskip("torch")
    W0 = np.random.default_rng(1).standard_normal((4, 3))
    grads = gradients(W0.shape, 30)
    weight = torch.tensor(W0.copy(), dtype=torch.float64, requires_grad=True)
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)  # else NAdam keeps its product of mu's in float32
    try:
        reference = getattr(torch.optim, torch_name)([weight], **torch_names(kwargs))
        reference.step = with_float64(torch, reference.step)
    finally:
        torch.set_default_dtype(default)
    for t, (ours, dW) in enumerate(zip(run_ours(cls, kwargs, W0, grads), grads, strict=True), start=1):
        weight.grad = torch.tensor(dW)
        reference.step()
        assert_allclose(ours, weight.detach().numpy(), rtol=1e-12, atol=1e-15, err_msg=f"step {t}")


def test_adagrad_first_step_is_about_lr_times_the_sign():
    W0, dW = np.zeros((2, 2)), np.array([[3.0, -0.5], [2.0, -7.0]])
    (W,) = run_ours(Adagrad, {"lr": 0.1}, W0, [dW])
    assert_allclose(W, -0.1 * np.sign(dW), rtol=1e-9)


def test_nadam_first_step_by_hand():
    W0, dW, beta1, psi = np.zeros((1, 2)), np.array([[2.0, -1.0]]), 0.9, 4e-3
    (W,) = run_ours(Nadam, {"lr": 0.002}, W0, [dW])
    mu1, mu2 = (beta1 * (1 - 0.5 * 0.96 ** (t * psi)) for t in (1, 2))
    d = np.abs(dW) + 1e-8  # sqrt(s / (1 - beta2)) = |dW|
    expected = -0.002 * (1 - mu1) / (1 - mu1) * dW / d - 0.002 * mu2 / (1 - mu1 * mu2) * (1 - beta1) * dW / d
    assert_allclose(W, expected, rtol=1e-12)


@pytest.mark.parametrize("cls", [Adagrad, Nadam])
def test_a_checkpoint_resumes_bit_for_bit(tmp_path, cls):
    X = np.random.default_rng(0).standard_normal((2, 16))

    def build():
        model = Sequential(Layer(2, 4, activation=ReLU(), rng=1), Layer(4, 1, activation=Sigmoid(), rng=2))
        return model, cls(model.parameters())

    def train(model, opt, steps):
        for _ in range(steps):
            model.backward(model.forward(X) - 0.5)
            opt.step()

    model, opt = build()
    train(model, opt, 10)
    model.save(tmp_path / "c.npz", optimizer=opt)
    train(model, opt, 10)
    resumed, resumed_opt = load_checkpoint(tmp_path / "c.npz")
    assert sorted(resumed_opt.state_dict()["state"][0]) == (["s"] if cls is Adagrad else ["s", "v"])
    train(resumed, resumed_opt, 10)
    for a, b in zip(model.parameters(), resumed.parameters(), strict=True):
        assert a.value.tobytes() == b.value.tobytes()


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: Adagrad(p, lr_decay=-1), r"lr_decay must be in \[0.0, inf\]. Received: lr_decay=-1.0"),
    (lambda p: Adagrad(p, eps=0), r"eps must be in \(0.0, inf\]"),
    (lambda p: Nadam(p, beta1=1.0), r"beta1 must be in \[0.0, 1.0\)"),
    (lambda p: Nadam(p, momentum_decay=-0.1), r"momentum_decay must be in \[0.0, inf\]"),
])
def test_bad_hyperparameters_are_named(make, message):
    with pytest.raises(ValueError, match=message):
        make(Layer(2, 1).parameters())


def test_float32_state_stays_float32():
    layer = Layer(3, 2, rng=0, dtype=np.float32)
    for cls in (Adagrad, Nadam):
        opt = cls(layer.parameters())
        layer.dW, layer.db = np.ones((2, 3), np.float32), np.ones((2, 1), np.float32)
        opt.step()
        assert layer.W.dtype == np.float32 and all(a.dtype == np.float32 for a in opt.state_dict()["state"][0].values())
