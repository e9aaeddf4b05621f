"""Batch normalisation over the m columns (per channel over n_H, n_W and m for images), with learnable gamma
and beta and running statistics."""
from __future__ import annotations

import numpy as np

from .activations import as_activation
from .block import Block
from .checks import check_hyper, column_array, columns, float_dtype, numeric_array, positive_int
from .windows import image_shape, images


def _axes(Z):
    """The axes a row's (channel's) statistics run over, and the shape (n, 1, ...) that broadcasts a row."""
    return tuple(range(1, Z.ndim)), (Z.shape[0],) + (1,) * (Z.ndim - 1)


class BatchNorm(Block):
    """Ioffe and Szegedy (2015), on the rows of Z over the m columns (samples), then an activation g:

        mu = (1/m) sum_columns(Z),   var = (1/m) sum_columns((Z - mu)^2)
        Z_norm = (Z - mu) / sqrt(var + eps),   Z_tilde = gamma * Z_norm + beta,   A = g(Z_tilde)

    The course puts batch norm on Z, before g. A Layer applies its own g, so write
    ``Layer(n_in, n_out, activation=Identity())`` followed by ``BatchNorm(n_out, activation=ReLU())``;
    the Layer's b is then redundant (its mean is subtracted) and its db is 0.

    In training mode the batch's mu and var are used and the running statistics follow them,
    ``running = momentum * running + (1 - momentum) * batch`` (the course's exponentially weighted average;
    Keras's convention, PyTorch's momentum is 1 - this one); var is the biased batch variance. In eval
    mode (``predict``) the running statistics replace mu and var. backward, with the seed's per-sample dA:

        dZ_tilde = dA * g'(Z_tilde)
        dgamma = (1/m) sum_columns(dZ_tilde * Z_norm),   dbeta = (1/m) sum_columns(dZ_tilde)
        dZ_norm = gamma * dZ_tilde
        dA_prev = (1/sqrt(var + eps)) (dZ_norm - mean_columns(dZ_norm) - Z_norm mean_columns(dZ_norm * Z_norm))

    (in eval mode, dA_prev = dZ_norm / sqrt(running_var + eps)). gamma and beta are not weight-decayed.

    Images (n_C, n_H, n_W, m), after a Conv2D, are normalised per channel, ``BatchNorm(n_C)``: each sum and
    mean above runs over the n_H n_W m entries of a channel (PyTorch's BatchNorm2d, Keras's BatchNormalization),
    except the 1/m of dgamma and dbeta, which stays 1/m, the samples (the exact gradient of J).

    Shapes:
        A_prev = Z, Z_norm, Z_tilde, A, dA, dA_prev: (n, m) or images (n, n_H, n_W, m), n = n_C
        gamma, beta, dgamma, dbeta, running_mean, running_var: (n, 1)
    """

    parameter_names = ("gamma", "beta")
    buffers = ("running_mean", "running_var")
    no_decay = ("gamma", "beta")

    def __init__(self, n, activation=None, *, momentum: float = 0.9, eps: float = 1e-5, dtype=np.float64):
        self.n = self.n_in = self.n_out = positive_int("n", n)
        self.activation = as_activation(activation)
        self.momentum = check_hyper("momentum", momentum, 0.0, 1.0, high_open=True)
        self.eps = check_hyper("eps", eps, 0.0, low_open=True)
        self.dtype = float_dtype(dtype)
        self.gamma, self.beta = np.ones((self.n, 1)), np.zeros((self.n, 1))
        self.running_mean, self.running_var = np.zeros((self.n, 1)), np.ones((self.n, 1))
        self.Z_norm = self.Z_tilde = self.A = self.inv_std = None
        self.batch_statistics = True
        self.dgamma = self.dbeta = None

    def forward(self, A_prev):
        """A = g(gamma Z_norm + beta), with the batch's statistics (training) or the running ones (eval)."""
        Z = self._input(A_prev)
        axes, per_row = _axes(Z)
        if self.training:
            if Z.shape[-1] == 0:
                raise ValueError(f"{self!r} needs at least one sample (m >= 1) in training mode to compute the "
                                 f"batch's mean and variance; got A_prev of shape {Z.shape}")
            mu = Z.mean(axis=axes, keepdims=True)
            var = np.square(Z - mu).mean(axis=axes, keepdims=True)
            self.running_mean *= self.momentum
            self.running_mean += (1 - self.momentum) * mu.reshape(self.n, 1)
            self.running_var *= self.momentum
            self.running_var += (1 - self.momentum) * var.reshape(self.n, 1)
        else:
            mu, var = self.running_mean.reshape(per_row), self.running_var.reshape(per_row)
        self.inv_std = 1 / np.sqrt(var + self.eps)
        self.batch_statistics = self.training
        self.Z_norm = (Z - mu) * self.inv_std
        self.Z_tilde = self.gamma.reshape(per_row) * self.Z_norm + self.beta.reshape(per_row)
        self.A = self.activation.forward(self.Z_tilde)
        return self.A

    def backward(self, dA, *, need_dA_prev=True):
        """Fills dgamma, dbeta and returns dA_prev (see the class docstring)."""
        if self.Z_norm is None:
            raise RuntimeError(f"{self!r}: backward(dA) was called before forward(A_prev)")
        dA = numeric_array("dA", dA, self.dtype, who=self)
        if dA.shape != self.A.shape:
            raise ValueError(f"{self!r} expects dA shaped like its A, {self.A.shape}; got {dA.shape}")
        if dA.shape[-1] == 0:
            raise ValueError(f"{self!r}: backward needs at least one sample (m >= 1) for the 1/m of dgamma and dbeta; "
                             f"got dA of shape {dA.shape}")
        dZ_tilde = self.activation.backward(dA, self.Z_tilde, self.A)
        m = dA.shape[-1]
        axes, per_row = _axes(dA)
        self.dgamma = (dZ_tilde * self.Z_norm).sum(axis=axes).reshape(self.n, 1) / m
        self.dbeta = dZ_tilde.sum(axis=axes).reshape(self.n, 1) / m
        if not need_dA_prev:
            return None
        dZ_norm = self.gamma.reshape(per_row) * dZ_tilde
        if not self.batch_statistics:
            return dZ_norm * self.inv_std
        centred = dZ_norm - dZ_norm.mean(axis=axes, keepdims=True)
        return self.inv_std * (centred - self.Z_norm * (dZ_norm * self.Z_norm).mean(axis=axes, keepdims=True))

    def _input(self, A_prev):
        """A_prev as columns (n, m) or images (n, n_H, n_W, m) in the block's dtype, else a clear error."""
        if type(A_prev) is np.ndarray and A_prev.ndim == 4:
            return images("A_prev", numeric_array("A_prev", A_prev, self.dtype, who=self), self, self.n)
        return columns("A_prev", A_prev, self.n, self, self.dtype, rows="n")

    def output_shape(self, shape):
        if shape is not None and len(shape) == 4:
            image_shape(self, shape, self.n)
            return shape
        return super().output_shape(shape)

    gamma = property(*column_array("gamma"))
    beta = property(*column_array("beta"))
    running_mean = property(*column_array("running_mean"))
    running_var = property(*column_array("running_var"))

    def get_config(self):
        return {"n": self.n, "activation": self.activation, "momentum": self.momentum, "eps": self.eps,
                "dtype": self.dtype.name}

    def __repr__(self):
        extra = "" if self.momentum == 0.9 else f", momentum={self.momentum!r}"
        extra += "" if self.eps == 1e-5 else f", eps={self.eps!r}"
        extra += "" if self.dtype == np.float64 else f", dtype={self.dtype.name}"
        return f"BatchNorm({self.n}, activation={self.activation!r}{extra})"
