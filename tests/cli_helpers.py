"""Running the npblocks command in subprocesses, several at once, and the small files its tests feed it."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SPECIES = ("setosa", "versicolor", "virginica")


def command(*args) -> list:
    """``python -m blocks ARGS``: the npblocks command of this interpreter."""
    return [sys.executable, "-m", "blocks", *map(str, args)]


def run_all(commands: dict, cwd, env=None) -> dict:
    """{key: CompletedProcess} for {key: argv}, the processes run side by side (2 cores: about half the time)."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", **(env or {})}
    started = {key: subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, text=True) for key, argv in commands.items()}
    done = {}
    for key, process in started.items():
        out, err = process.communicate(timeout=120)
        done[key] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return done


def run(*args, cwd, env=None) -> subprocess.CompletedProcess:
    return run_all({0: command(*args)}, cwd, env)[0]


def blobs(m=90, n=4, classes=SPECIES, seed=0):
    """X (n, m) in one well-separated Gaussian cluster per class, and the label of each column."""
    rng = np.random.default_rng(seed)
    k = np.arange(m) % len(classes)
    centres = 4.0 * rng.standard_normal((n, len(classes)))
    return centres[:, k] + 0.5 * rng.standard_normal((n, m)), [classes[i] for i in k]


def write_csv(path, names, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(names)
        writer.writerows(rows)
    return Path(path)


def blobs_csv(path, m=90, classes=SPECIES, seed=0, label="species") -> Path:
    """A CSV of 4 numeric features a, b, c, d and a text label column last."""
    X, labels = blobs(m, 4, classes, seed)
    rows = [[*(repr(float(v)) for v in X[:, j]), labels[j]] for j in range(m)]
    return write_csv(path, ["a", "b", "c", "d", label], rows)


def read_csv(path) -> list:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.reader(file))
