"""The README's Python examples run as written, in order, and its quoted errors are the ones raised."""
import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def examples():
    """(code, expected error text or None) for each ```python block; a plain block right after holds the error."""
    text = README.read_text(encoding="utf-8")
    # Each code block keeps its README line numbers (blank lines before it), so tracebacks and the source
    # that Hypothesis reads for a test defined in the README point at the right lines.
    fences = [(m.group(1), "\n" * text.count("\n", 0, m.start(2)) + m.group(2)) for m in FENCE.finditer(text)]
    result = []
    for i, (language, code) in enumerate(fences):
        if language == "python":
            after = fences[i + 1] if i + 1 < len(fences) else ("", "")
            error = after[1].strip() if after[0] == "" and re.match(r"\w+Error: ", after[1].strip()) else None
            result.append((code, error))
    return result


def test_the_readme_has_examples():
    assert len(examples()) >= 5


def test_every_python_example_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "readme"}
    for code, error in examples():
        if error is None:
            exec(compile(code, str(README), "exec"), namespace)
            continue
        kind, message = error.split(": ", 1)
        with pytest.raises(Exception) as info:
            exec(compile(code, str(README), "exec"), namespace)
        assert type(info.value).__name__ == kind and str(info.value) == message


def test_the_hypothesis_example_has_no_deadline_to_exceed(tmp_path, monkeypatch):
    """Copied into a project without our profiles, Hypothesis's 200 ms deadline would fail it now and then.

    Run under a profile whose deadline is 1 us, which every example exceeds: only the example's own
    ``deadline=None`` lets it pass.
    """
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "readme"}
    saved = settings.default
    settings.register_profile("readme-1-microsecond-deadline", deadline=timedelta(microseconds=1), max_examples=3)
    settings.load_profile("readme-1-microsecond-deadline")
    try:
        for code, error in examples():
            if error is None:
                exec(compile(code, str(README), "exec"), namespace)
        namespace["test_my_networks"]()
    finally:
        settings.register_profile("readme-restore", parent=saved)
        settings.load_profile("readme-restore")


def test_the_hypothesis_example_works_copied_into_a_users_project(tmp_path):
    """Softsign and test_my_networks as a user's test file, run by pytest with Hypothesis's default settings
    (no conftest, no profile of ours): it must pass without deadline or health-check failures."""
    import os
    import subprocess
    import sys

    codes = [code for code, _ in examples()]
    softsign = next(code for code in codes if "class Softsign" in code)
    example = next(code for code in codes if "def test_my_networks" in code)
    (tmp_path / "test_user.py").write_text(softsign + "\n\n" + example)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS")}
    env["PYTHONPATH"] = str(README.parent)
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "1 passed" in out.stdout
