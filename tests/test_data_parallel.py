"""optim.DataParallel and fit on several processes: in threads with a fake communicator (always), and
under a real ``mpiexec -n 2`` and ``-n 3`` (when mpi4py and mpiexec are installed: pip install -e ".[mpi]")."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import optim
from blocks.saving import load_checkpoint
from losses import BinaryCrossEntropy
from optim import SGD, Adam, DataParallel
from optim.data_parallel import columns_of
from tests.fake_comm import run_together
from tests.mpi.scenario import RULES, canonical, checkpoint_together, mismatched, network, problem, train_together

ROOT = Path(__file__).resolve().parents[1]


# --- in threads: the logic, without MPI ------------------------------------------------------------------
@pytest.mark.parametrize("size", [2, 3])
def test_processes_together_train_as_one_process_on_the_whole_batch(size, capsys):
    reports = run_together(size, train_together)
    assert [r.failures for r in reports] == [[]] * size
    assert all(len(r.passed) == 16 for r in reports)
    assert len(re.findall(r"^epoch \d/3", capsys.readouterr().out, flags=re.M)) == 12  # process 0 alone prints


def test_a_checkpoint_saved_by_process_0_resumes_on_every_process():
    reports = run_together(3, checkpoint_together)
    assert [r.failures for r in reports] == [[]] * 3


def test_models_that_differ_are_the_same_clear_error_on_every_process():
    messages = run_together(3, mismatched)
    for rank, pair in enumerate(messages):
        assert all(message.endswith(f" (this is process {rank} of 3)") for message in pair)
    same = [[re.sub(r" \(this is .*", "", message) for message in pair] for pair in messages]
    wider, float32 = zip(*same, strict=True)
    assert len(set(wider)) == 1 and len(set(float32)) == 1  # word for word, on every process
    assert re.match(r"ValueError: .*parameter 0 \(Layer\.W\) is \(7, 5\) float64 on process 1 where process 0 "
                    r"has \(6, 5\) float64", wider[0])
    assert re.match(r"ValueError: .*\(6, 5\) float32 on process 1 where process 0 has \(6, 5\) float64", float32[0])


def test_different_optimizers_or_parameter_counts_are_an_error():
    def work(comm):
        model = network() if comm.Get_rank() == 0 else network().blocks[0]
        rule = SGD if comm.Get_rank() == 0 else Adam
        for params in (model.parameters(), network().parameters()):
            with pytest.raises(ValueError, match="process 1 (has 2 parameters where process 0 has 6|wraps Adam)"):
                DataParallel(rule(params, lr=0.1), comm=comm)
    run_together(2, work)


def test_building_it_makes_every_process_hold_process_0s_parameters_and_optimizer_state():
    X, Y = problem()

    def work(comm):
        model = network(seed=comm.Get_rank())
        rule = Adam(model.parameters())
        if comm.Get_rank() == 0:
            canonical(model, rule, X, Y)  # process 0 has trained: t = 20 and moments v, s
        DataParallel(rule, comm=comm)
        return model, rule
    (model_0, rule_0), (model_1, rule_1) = run_together(2, work)
    for p, q in zip(model_0.parameters(), model_1.parameters(), strict=True):
        np.testing.assert_array_equal(p.value, q.value)
        np.testing.assert_array_equal(rule_0.state[p]["v"], rule_1.state[q]["v"])
    assert rule_1.t == 20


def test_a_float32_model_stays_float32_and_matches_one_process_to_float32_rounding():
    X, Y = (a.astype(np.float32) for a in problem())

    def work(comm):
        model = network(dtype=np.float32)
        opt = DataParallel(Adam(model.parameters(), lr=0.01), comm=comm)
        mine = opt.shard(X.shape[1])
        canonical(model, opt, X[:, mine], Y[:, mine], m=mine.stop - mine.start)
        return model
    alone = network(dtype=np.float32)
    canonical(alone, Adam(alone.parameters(), lr=0.01), X, Y)
    for model in run_together(3, work):
        for p, q in zip(model.parameters(), alone.parameters(), strict=True):
            assert p.value.dtype == p.grad.dtype == np.float32
            np.testing.assert_allclose(p.value, q.value, rtol=0, atol=1e-5)


def test_a_process_without_columns_sends_zeros_even_before_its_first_gradient():
    X, Y = problem(m=1)

    def work(comm):
        model = network()
        opt = DataParallel(SGD(model.parameters(), lr=0.5), comm=comm)
        X_p, Y_p = X[:, opt.shard(1)], Y[:, opt.shard(1)]
        for _ in range(3):
            if X_p.shape[1]:  # processes 1 and 2 have no column: they compute nothing and step with the others
                AL = model.forward(X_p)
                model.backward(BinaryCrossEntropy().backward(AL, Y_p))
            opt.step(m=X_p.shape[1])
        return model
    alone = network()
    rule = SGD(alone.parameters(), lr=0.5)
    for _ in range(3):
        alone.backward(BinaryCrossEntropy().backward(alone.forward(X), Y))
        rule.step()
    for model in run_together(3, work):
        for p, q in zip(model.parameters(), alone.parameters(), strict=True):
            np.testing.assert_allclose(p.value, q.value, rtol=0, atol=1e-12)


# --- one process: the wrapper itself ----------------------------------------------------------------------
def one_process(rule):
    return run_together(1, lambda comm: DataParallel(rule, comm=comm))[0]


@pytest.mark.parametrize("name", sorted(RULES))
def test_on_one_process_it_is_the_wrapped_optimizer(name):
    X, Y = problem()
    alone, model = network(), network()
    canonical(alone, RULES[name](alone.parameters()), X, Y)
    canonical(model, one_process(RULES[name](model.parameters())), X, Y)
    for p, q in zip(model.parameters(), alone.parameters(), strict=True):
        np.testing.assert_array_equal(p.value, q.value)  # m = 1: 1 * dW / 1 is dW to the bit


def test_lr_t_params_config_and_state_are_the_wrapped_optimizers():
    model = network()
    rule = Adam(model.parameters(), lr=0.01, weight_decay=0.1)
    opt = one_process(rule)
    opt.lr = 0.5  # what LearningRateScheduler does
    assert rule.lr == 0.5 and opt.params is rule.params and opt.get_config() == rule.get_config()
    assert opt.t == 0 and opt.weight_decay == 0.1 and opt.penalty() == rule.penalty()
    assert repr(opt) == f"DataParallel({rule!r}, process 0 of 1)"


def test_a_checkpoint_of_it_holds_the_wrapped_optimizer(tmp_path):
    X, Y = problem()
    model = network()
    opt = one_process(Adam(model.parameters()))
    canonical(model, opt, X, Y)
    model.save(tmp_path / "c.npz", optimizer=opt)
    _, rule = load_checkpoint(tmp_path / "c.npz")
    assert type(rule) is Adam and rule.t == 20


@pytest.mark.parametrize("m", [-1, 2.0, True, "3"])
def test_m_must_be_a_count_of_columns(m):
    opt = one_process(SGD(network().parameters(), lr=0.1))
    with pytest.raises(ValueError, match=r"m must be this process's number of columns in the batch, an int >= 0\. "
                                         r"Received: m="):
        opt.step(m=m)


def test_a_step_where_no_process_has_columns_is_an_error_on_every_process():
    def work(comm):
        opt = DataParallel(SGD(network().parameters(), lr=0.1), comm=comm)
        with pytest.raises(ValueError, match="every process stepped with m = 0 columns; at least one must have"):
            opt.step(m=0)
    run_together(2, work)


def test_it_wraps_one_optimizer_once():
    with pytest.raises(TypeError, match=r"DataParallel wraps an optimizer such as SGD\(model.parameters\(\), "
                                        r"lr=0.1\) \(write it with parentheses\)"):
        DataParallel(SGD)
    opt = one_process(SGD(network().parameters(), lr=0.1))
    with pytest.raises(TypeError, match=r"DataParallel\(DataParallel\(...\)\) would average every gradient twice"):
        DataParallel(opt)
    with pytest.raises(TypeError, match="DataParallel has no update rule of its own"):
        opt.update(None, None, {})


@given(st.integers(1, 9), st.integers(0, 40))
def test_the_shards_of_a_batch_are_contiguous_and_differ_by_at_most_one_column(size, m):
    shards = [columns_of(rank, size, m) for rank in range(size)]
    assert [s.start for s in shards] == [0, *(s.stop for s in shards[:-1])] and shards[-1].stop == m
    assert max(s.stop - s.start for s in shards) - min(s.stop - s.start for s in shards) <= 1


# --- without mpi4py ------------------------------------------------------------------------------------
def test_without_mpi4py_it_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "mpi4py", None)  # import mpi4py now raises ImportError
    with pytest.raises(ImportError, match=re.escape('pip install -e ".[mpi]"')):
        DataParallel(SGD(network().parameters(), lr=0.1))


def test_importing_npblocks_never_imports_mpi4py():
    code = "import sys, blocks, losses, optim, blocks.training; print('mpi4py' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False" and optim.DataParallel is DataParallel


# --- under a real mpiexec ----------------------------------------------------------------------------------
def mpiexec() -> str | None:
    """The mpiexec beside this Python (the mpich wheel's), else on PATH; None without mpi4py."""
    try:
        import mpi4py  # noqa: F401
    except ImportError:
        return None
    return shutil.which("mpiexec", path=str(Path(sys.executable).parent)) or shutil.which("mpiexec")


needs_mpi = pytest.mark.skipif(mpiexec() is None, reason='needs mpi4py and mpiexec: pip install -e ".[mpi]"')


def launch(size, script) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    run = subprocess.run([mpiexec(), "-n", str(size), sys.executable, str(ROOT / "tests" / "mpi" / script)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


@needs_mpi
@pytest.mark.parametrize("size", [2, 3])
def test_under_mpiexec_every_process_ends_with_the_weights_of_one_process_alone(size):
    out = launch(size, "train_together.py")
    verdicts = re.findall(r"process (\d) of \d: (ok \(18 checks\)|FAILED.*)", out)
    assert sorted(verdicts) == [(str(rank), "ok (18 checks)") for rank in range(size)], out
    assert len(re.findall(r"epoch \d/3", out)) == 12, out  # printed by process 0 only


@needs_mpi
@pytest.mark.parametrize("size", [2, 3])
def test_under_mpiexec_models_that_differ_are_an_error_on_every_process(size):
    out = launch(size, "mismatch.py")
    errors = re.findall(r"process (\d): ValueError: DataParallel: every process must build the same model", out)
    assert sorted(errors) == sorted(str(rank) for rank in range(size) for _ in range(2)), out


@needs_mpi
def test_the_scaling_benchmark_runs_and_prints_its_table():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_mpi.py"), "--quick"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    for label in ("1 x 1 thread", "2 x 1 thread", "1 x 2 threads", "crossover estimate: ", "load average"):
        assert label in run.stdout


@needs_mpi
def test_the_readmes_train_py_runs_under_mpiexec(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    script = re.search(r"^## Scaling out.*?^```py\n(.*?)^```", readme, flags=re.S | re.M).group(1)
    (tmp_path / "train.py").write_text(script, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    run = subprocess.run([mpiexec(), "-n", "2", sys.executable, "train.py"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert len(re.findall(r"epoch +\d+/20", run.stdout)) == 20, run.stdout  # process 0 alone prints
    model, rule = load_checkpoint(tmp_path / "model.npz")
    assert type(rule) is Adam and rule.t == 20 * 10


def embedding_model():
    from blocks import LSTM, Embedding, Layer, Sequential, Sigmoid

    return Sequential(Embedding(5, 3, rng=0), LSTM(3, 4, return_sequences=False, rng=1),
                      Layer(4, 1, activation=Sigmoid(), rng=2))


def test_fit_shards_an_embeddings_ids_along_their_sample_axis_0():
    """Ids (m, T_x) hold the samples on axis 0: every process takes its rows, and together they train as one."""
    rng = np.random.default_rng(0)
    ids, Y = rng.integers(0, 5, (13, 4)), (rng.random((1, 13)) < 0.5).astype(float)
    alone = embedding_model()
    alone.fit(ids, Y, loss=BinaryCrossEntropy(), optimizer=SGD(alone.parameters(), lr=0.5), epochs=2,
              batch_size=7, rng=1, verbose=0)

    def work(comm):
        model = embedding_model()
        model.fit(ids, Y, loss=BinaryCrossEntropy(), epochs=2, batch_size=7, rng=1, verbose=0,
                  optimizer=DataParallel(SGD(model.parameters(), lr=0.5), comm=comm))
        return [p.value for p in model.parameters()]

    for weights in run_together(3, work):
        for value, p in zip(weights, alone.parameters(), strict=True):
            np.testing.assert_allclose(value, p.value, rtol=0, atol=1e-12)
