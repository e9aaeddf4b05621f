"""npblocks check MODULE:CLASS: the verdict of blocks.testing's gradient check on a user's own class."""
import importlib.util
import re
import textwrap

import pytest

from blocks.cli import main
from tests.cli_helpers import command, run_all

has_testing = importlib.util.find_spec("blocks.testing") is not None and importlib.util.find_spec("hypothesis")
needs_testing = pytest.mark.skipif(not has_testing, reason="blocks.testing (issue 3) is not in this tree yet")

USER_CODE = textwrap.dedent('''
    import numpy as np
    from blocks import Activation
    from losses import Loss


    class Softsign(Activation):
        def forward(self, Z):
            return Z / (1 + np.abs(Z))

        def derivative(self, Z, A):
            return (1 - np.abs(A)) ** 2


    class BrokenSoftsign(Softsign):
        def derivative(self, Z, A):
            return 1 - np.abs(A)


    class Scaled(Activation):
        def __init__(self, k):
            self.k = k

        def forward(self, Z):
            return self.k * Z

        def derivative(self, Z, A):
            return self.k * np.ones_like(Z)


    scaled = Scaled(3.0)


    class HalfSquares(Loss):
        """J = (1/m) sum (AL - Y)^2 / 2, so dAL = AL - Y per sample."""

        def forward(self, AL, Y):
            return float(((AL - Y) ** 2).sum() / (2 * AL.shape[1]))

        def backward(self, AL, Y):
            return AL - Y


    class DoubleMean(HalfSquares):
        def backward(self, AL, Y):
            return (AL - Y) / AL.shape[1]     # the classic extra 1/m


    not_a_block = 42
''')


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "user_acts.py").write_text(USER_CODE)
    (tmp_path / "crash.py").write_text("1 / 0\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


@needs_testing
def test_right_derivatives_pass_and_wrong_ones_fail_with_the_checkers_message(folder):
    targets = ["user_acts:Softsign", "user_acts.py:scaled", "user_acts:HalfSquares",
               "user_acts:BrokenSoftsign", "user_acts.py:DoubleMean"]
    runs = run_all({t: command("check", t) for t in targets}, cwd=folder)
    for target in targets[:3]:
        assert runs[target].returncode == 0, runs[target].stdout + runs[target].stderr
        assert runs[target].stdout.startswith(f"PASS {target}: check_")
    for target in targets[3:]:
        result = runs[target]
        assert result.returncode == 1 and result.stdout.startswith(f"FAIL {target}: check_"), result.stdout
        assert len(result.stdout.splitlines()) > 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(("target", "status", "message"), [
    ("Softsign", 2, r"expected MODULE:CLASS, such as mylib.acts:Softsign or my_acts.py:Softsign; got 'Softsign'"),
    ("user_acts:", 2, r"expected MODULE:CLASS"),
    ("no_such_module:Softsign", 2, r"cannot import no_such_module: No module named 'no_such_module' \(run from"),
    ("missing.py:Softsign", 2, r"missing.py: no such file"),
    ("user_acts:Softplus", 2, r"user_acts has no 'Softplus'; the Activation and Loss classes it has: BrokenSoftsign, "
                              r"DoubleMean, HalfSquares, Scaled, Softsign"),
    ("user_acts:not_a_block", 2, r"user_acts:not_a_block is a int, not an Activation or Loss"),
    ("user_acts:Activation", 2, r"user_acts:Activation is not a subclass of blocks.Activation or losses.Loss"),
    ("user_acts:Scaled", 2, r"cannot build Scaled\(\) without arguments \(.*\); put an instance in user_acts, e.g. "
                            r"my_scaled = Scaled\(...\), and check user_acts:my_scaled"),
    ("crash.py:Thing", 1, r"importing crash.py raised ZeroDivisionError: division by zero"),
])
def test_targets_that_cannot_be_checked(folder, capsys, target, status, message):
    assert main(["check", target]) == status
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("npblocks check: error: ")
    assert re.search(message, err), err
