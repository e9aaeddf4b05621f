"""blocks.testing as a package: its public names, and Hypothesis as an optional dependency."""
import subprocess
import sys

import blocks.testing


def run_python(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_public_names():
    from blocks.testing import GradientReport, LinearLoss, check_activation, check_gradients, check_loss, strategies

    assert {"check_activation", "check_loss", "check_gradients", "strategies"} <= set(blocks.testing.__all__)
    assert callable(check_activation) and callable(check_loss) and callable(check_gradients)
    assert strategies.matrices and GradientReport and LinearLoss


def test_importing_the_framework_never_imports_hypothesis():
    result = run_python("import sys, blocks, losses, optim, blocks.testing; print('hypothesis' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr


def test_without_hypothesis_the_error_says_what_to_install():
    result = run_python(
        "import sys; sys.modules['hypothesis'] = None\n"
        "from blocks.testing import check_gradients, LinearLoss\n"
        "for name in ['check_activation', 'check_loss', 'strategies']:\n"
        "    try:\n"
        "        getattr(__import__('blocks.testing', fromlist=[name]), name)\n"
        "    except ImportError as exc:\n"
        "        print(exc)\n"
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.stderr
    assert all(line.endswith('need Hypothesis: pip install "npblocks[testing]"') for line in lines)
