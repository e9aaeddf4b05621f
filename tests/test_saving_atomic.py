"""Atomic saves: a save that fails for any reason leaves an existing file untouched and no temporary file."""
import os

import numpy as np
import pytest

import blocks.saving.archive as archive
from blocks import Layer, Sequential, Sigmoid
from blocks.saving.temporary import stem
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


def test_a_killed_saves_temporary_files_are_removed_by_the_next_save(existing):
    path = existing[0]
    stale = [path.parent / f".model.npz.{i:012x}.tmp" for i in range(3)]
    others = [path.parent / ".other.npz.0123456789ab.tmp", path.parent / ".model.npz.notes.tmp"]
    for file in stale + others:
        file.write_bytes(b"PK\x03\x04 left by a killed save")
        os.utime(file, (1_000_000_000, 1_000_000_000))
    other_model().save(path)
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name] + [p.name for p in others])


@pytest.mark.skipif(os.name == "nt", reason="flock is POSIX")
def test_a_temporary_that_a_running_save_holds_is_kept(existing):
    import fcntl

    path = existing[0]
    live = path.parent / ".model.npz.0123456789ab.tmp"
    live.write_bytes(b"being written")
    os.utime(live, (1_000_000_000, 1_000_000_000))
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        other_model().save(path)
    assert live.exists()


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_saving_over_a_file_keeps_its_permission_bits(existing, mode):
    path = existing[0]
    path.chmod(mode)
    other_model().save(path)
    assert path.stat().st_mode & 0o777 == mode


def test_a_255_byte_file_name_saves_and_loads(tmp_path):
    path = tmp_path / ("m" * 251 + ".npz")
    other_model().save(path)
    assert Sequential.load(path)[0].W.shape == (3, 2)
    assert os.listdir(tmp_path) == [path.name]
    path.with_name(".mmm.npz.0123456789ab.tmp").write_bytes(b"")  # a temporary of another target
    stale = path.with_name(f".{stem(str(path))}.0123456789ab.tmp")
    stale.write_bytes(b"left by a killed save")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    other_model().save(path)
    assert sorted(os.listdir(tmp_path)) == sorted([path.name, ".mmm.npz.0123456789ab.tmp"])
