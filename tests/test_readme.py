"""The README's Python examples run as written, in order, and its quoted errors are the ones raised."""
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def examples():
    """(code, expected error text or None) for each ```python block; a plain block right after holds the error."""
    fences = [(m.group(1), m.group(2)) for m in FENCE.finditer(README.read_text(encoding="utf-8"))]
    result = []
    for i, (language, code) in enumerate(fences):
        if language == "python":
            after = fences[i + 1] if i + 1 < len(fences) else ("", "")
            error = after[1].strip() if after[0] == "" and re.match(r"\w+Error: ", after[1]) else None
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
    """Copied into a project without our profiles, Hypothesis's 200 ms deadline would fail it now and then."""
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "readme"}
    for code, error in examples():
        if error is None:
            exec(compile(code, str(README), "exec"), namespace)
    example = namespace["test_my_networks"]
    assert example._hypothesis_internal_use_settings.deadline is None
    example()
