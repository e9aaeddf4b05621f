"""Sequential: chaining, whole-network gradients for each loss, modes, indexing and the summary."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import blocks
from blocks import Layer, Sequential
from blocks.testing import check_gradients
from blocks.testing.strategies import binary_labels, matrices, networks, one_hot, sizes
from losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError

# Every dW, db and dA0 against central differences of J, hidden activations drawn from all the built-ins
# (ReLU's kinks are stepped around by check_gradients).


@given(data=st.data(), m=sizes())
def test_binary_cross_entropy_network_gradients(data, m):
    model = data.draw(networks(n_out=1, output=blocks.Sigmoid()))
    X = data.draw(matrices(model.n_in, m))
    check_gradients(model, X, data.draw(binary_labels(1, m)), BinaryCrossEntropy())


@given(data=st.data(), m=sizes(), n_classes=st.integers(2, 4))
def test_categorical_cross_entropy_network_gradients(data, m, n_classes):
    model = data.draw(networks(n_out=n_classes, output=blocks.Softmax()))
    X = data.draw(matrices(model.n_in, m))
    check_gradients(model, X, data.draw(one_hot(n_classes, m)), CategoricalCrossEntropy())


@given(data=st.data(), m=sizes())
def test_mean_squared_error_network_gradients(data, m):
    model = data.draw(networks())
    X = data.draw(matrices(model.n_in, m))
    check_gradients(model, X, data.draw(matrices(model.n_out, m)), MeanSquaredError())


def small():
    return Sequential(
        Layer(4, 5, activation=blocks.ReLU(), rng=1),
        Layer(5, 3, activation=blocks.ReLU(), rng=2),
        Layer(3, 1, activation=blocks.Sigmoid(), rng=3),
    )


def test_list_and_varargs_and_container_protocol():
    layers = [Layer(4, 2, rng=0), Layer(2, 1, rng=1)]
    model = Sequential(layers)
    assert len(model) == 2 and model[1] is layers[1] and list(model) == layers
    assert isinstance(model[:1], Sequential) and len(model[:1]) == 1
    assert Sequential(*layers).parameters() == model.parameters()
    assert [p.name for p in model.parameters()] == ["W", "b", "W", "b"]


def test_forward_is_the_layers_in_order():
    model = small()
    X = np.random.default_rng(0).standard_normal((4, 6))
    A = X
    for layer in model:
        A = layer.activation.forward(layer.W @ A + layer.b)
    assert_allclose(model.forward(X), A)


def test_layers_that_do_not_chain_are_named():
    with pytest.raises(ValueError, match=r"blocks 0 and 1 of the Sequential do not chain: block 0, Layer\(4, 5.*\), "
                                         r"gives \(5, m\), but block 1: Layer\(3, 1.*expects A_prev with "
                                         r"n\^\[l-1\] = 3 rows"):
        Sequential(Layer(4, 5), Layer(3, 1))


def test_non_blocks_are_refused():
    with pytest.raises(TypeError, match=r"block 1 of the Sequential must be a Block .*; it is a str"):
        Sequential(Layer(2, 2), "relu")
    with pytest.raises(TypeError, match=r"activation ReLU\(\), not a Block.*Layer\(n_in, n_out, activation=ReLU\(\)\)"):
        Sequential(Layer(2, 2), blocks.ReLU())
    with pytest.raises(ValueError, match="at least one block"):
        Sequential()


def test_shape_errors_name_the_block_index():
    model = small()
    with pytest.raises(ValueError, match=r"block 0 of the Sequential: .*4 rows.*looks transposed"):
        model.forward(np.ones((7, 4)))
    model.forward(np.ones((4, 7)))
    with pytest.raises(ValueError, match=r"block 2 of the Sequential: .*dA shaped like its A, \(1, 7\)"):
        model.backward(np.ones((7, 1)))


def test_backward_before_forward_names_the_block():
    with pytest.raises(RuntimeError, match=r"block 2 of the Sequential: .*before forward"):
        small().backward(np.ones((1, 3)))


def test_train_eval_recurse_and_predict_restores_the_mode():
    model = small()
    assert model.eval() is model and not any(b.training for b in model)
    model.train()
    assert model.predict(np.ones((4, 2))).shape == (1, 2)
    assert model.training and all(b.training for b in model)


def test_summary_lists_blocks_outputs_and_parameter_counts(capsys):
    model = Sequential(Layer(12288, 20, activation=blocks.ReLU(), rng=0), Layer(20, 1, activation=blocks.Sigmoid()))
    text = str(model)
    assert "Layer(12288, 20, activation=ReLU())" in text and "(20, m)" in text and "245,780" in text
    assert "Total parameters: 245,801" in text
    model.summary()
    assert capsys.readouterr().out.strip() == text.strip()
    assert model.num_parameters() == 245_801
