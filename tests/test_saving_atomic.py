"""Atomic saves: a save that fails for any reason leaves an existing file untouched and no temporary file."""
import os

import numpy as np
import pytest

import blocks.saving.archive as archive
from blocks import Layer, Sequential, Sigmoid
from tests.custom_blocks import Tagged


@pytest.fixture
def existing(tmp_path):
    """A good file at tmp_path/model.npz, and its bytes."""
    path = tmp_path / "model.npz"
    Sequential(Layer(2, 1, activation=Sigmoid(), rng=0)).save(path)
    return path, path.read_bytes()


def other_model():
    return Sequential(Layer(2, 3, rng=5), Layer(3, 1, rng=6))


def assert_untouched(existing):
    path, content = existing
    assert path.read_bytes() == content
    assert sorted(os.listdir(path.parent)) == [path.name], "a temporary file was left behind"


def test_an_unserialisable_config_fails_before_anything_is_written(existing):
    with pytest.raises(TypeError, match="is not plain data"):
        Sequential(Layer(2, 2, rng=0), Tagged(table=object())).save(existing[0])
    assert_untouched(existing)


def fail_midway(file, **entries):
    file.write(b"PK\x03\x04 half an archive")
    raise OSError(28, "No space left on device")


def raising(error):
    def fail(*args, **kwargs):
        raise error
    return fail


@pytest.mark.parametrize("name, replacement", [
    ("np.savez", fail_midway),
    ("os.fsync", raising(OSError(5, "Input/output error"))),
    ("os.replace", raising(PermissionError(13, "Permission denied"))),
])
def test_an_error_while_writing_leaves_the_existing_file_untouched(existing, monkeypatch, name, replacement):
    module, attr = name.split(".")
    monkeypatch.setattr(getattr(archive, module), attr, replacement)
    with pytest.raises(OSError):
        other_model().save(existing[0])
    monkeypatch.undo()
    assert_untouched(existing)
    assert Sequential.load(existing[0])[0].W.shape == (1, 2)


def test_an_interrupt_while_writing_leaves_the_existing_file_untouched(existing, monkeypatch):
    def interrupted(file, **entries):
        file.write(b"PK")
        raise KeyboardInterrupt

    monkeypatch.setattr(archive.np, "savez", interrupted)
    with pytest.raises(KeyboardInterrupt):
        other_model().save(existing[0])
    monkeypatch.undo()
    assert_untouched(existing)


def test_a_successful_save_replaces_the_file_and_leaves_nothing_else(existing):
    path, _ = existing
    model = other_model()
    model.save(path)
    assert sorted(os.listdir(path.parent)) == [path.name]
    X = np.ones((2, 3))
    assert Sequential.load(path).predict(X).tobytes() == model.predict(X).tobytes()


def test_a_new_file_gets_the_permissions_of_any_new_file(tmp_path):
    Sequential(Layer(2, 1, rng=0)).save(tmp_path / "model.npz")
    (tmp_path / "plain").write_bytes(b"")
    assert (tmp_path / "model.npz").stat().st_mode == (tmp_path / "plain").stat().st_mode
