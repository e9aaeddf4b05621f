"""Sequence data sets in the course's layout: ids (m, T_x) or X (n_x, m, T_x), and Y (n_y, m, T_x) or (n_y, m).

``names()``: 332 common English given names, a list written for npblocks (names are facts, not a creative
work; the list is dedicated to the public domain, CC0), for a character-level model that learns to write
names and samples new ones, as the course's dinosaur-name model does. ``memory(m, T_x)``: a many-to-one
task, the sign of the first number of a sequence whose other T_x - 1 numbers are noise, which a plain RNN
loses over long sequences and an LSTM keeps.
"""
from __future__ import annotations

import numpy as np

from .checks import positive_int
from .init import as_generator

NAMES = tuple("""
aaron abigail adam adrian aiden alan albert alex alexander alice allison amanda amber amelia amy andrea andrew
angela anna anne anthony april arthur ashley audrey austin ava barbara benjamin bernard betty beverly billy
blake bobby bonnie brandon brenda brian brittany bruce bryan caleb cameron carl carol caroline carolyn catherine
charles charlotte cheryl chloe christian christina christine christopher claire clara colin connor cynthia daniel
danielle david deborah debra denise dennis diana diane donald donna dorothy douglas dylan edward eleanor elijah
elizabeth ella ellen emily emma eric ethan eugene evelyn frances frank gabriel gary george gerald gloria grace
gregory hannah harold harry heather helen henry isaac isabella jack jacob jacqueline james janet janice jason
jean jeffrey jennifer jeremy jerry jesse jessica joan joe john jonathan jordan jose joseph joshua joyce judith
judy julia julie justin karen katherine kathleen kathryn kayla keith kelly kenneth kevin kimberly kyle larry
laura lauren lawrence leah lillian lily linda lisa logan louis lucas lucy luke madison margaret maria marie
marilyn mark martha martin mary matthew megan melissa mia michael michelle nancy natalie nathan nicholas nicole
noah olivia oscar pamela patricia patrick paul peter philip rachel ralph randy raymond rebecca richard robert
roger ronald rose russell ruth ryan samantha samuel sandra sara sarah scott sean sharon shirley sophia stephanie
stephen steven susan teresa terry theresa thomas timothy tyler victoria vincent virginia walter wayne william
zachary agnes alfred alma amos anita annie archie arnold barry beatrice bertha brooke calvin carla cecil chester
clarence clyde cora craig curtis daisy dale dallas darren dean delia derek dolores edgar edith edna elaine elmer
elsie emil ernest esther ethel felix florence floyd franklin fred gail gilbert gladys glenn gordon hazel herbert
howard hugo ida irene iris ivan jasper jay joel june kent lena leo leon leonard lester lloyd lorraine lucille
mabel marcus marion maxine mildred miles milton minnie myrtle neil nellie nora norman oliver opal otis pearl
percy phyllis quentin ramona rita roland rosa roy ruby rufus sadie sylvia thelma tracy vera viola wallace warren
""".split())

#: The characters of the names model: "." marks the start and the end of a name (id 0), then a to z.
ALPHABET = ".abcdefghijklmnopqrstuvwxyz"


def names() -> list:
    """The 332 names, lower case, in the order written."""
    return list(NAMES)


def encode_names(words, T_x=None):
    """Character ids for next-character prediction: X = "." + name, Y = name + ".", padded with "." to T_x.

    Returns ids X (m, T_x) and one-hot Y (27, m, T_x): at step t the model sees character t and must give
    character t + 1. T_x defaults to the longest name + 1. Padding continues a finished name with ".", which
    the model learns to follow with "." (sampling stops at the first one).
    """
    longest = max(len(w) for w in words) + 1
    T_x = longest if T_x is None else positive_int("T_x", T_x)
    if T_x < longest:
        raise ValueError(f"T_x = {T_x} is too short for the longest name, which needs {longest} steps")
    ids = np.zeros((len(words), T_x + 1), dtype=np.intp)
    for i, word in enumerate(words):
        bad = set(word) - set(ALPHABET[1:])
        if bad:
            raise ValueError(f"names must be lower-case letters a to z; {word!r} has {''.join(sorted(bad))!r}")
        ids[i, 1:len(word) + 1] = [ALPHABET.index(ch) for ch in word]
    X, labels = ids[:, :-1], ids[:, 1:]
    return X, np.eye(len(ALPHABET))[labels].transpose(2, 0, 1)


def decode(ids) -> str:
    """The characters of a row of ids, up to the first end mark "."."""
    return "".join(ALPHABET[i] for i in ids).split(".")[0]


def memory(m: int = 1024, T_x: int = 30, noise: float = 1.0, rng=0):
    """The sign of the marked first number: X (2, m, T_x), row 0 the value (x<1> = +-1, then normal noise of
    std ``noise``), row 1 the marker (1 at the first step, 0 after); Y (1, m) is 1 where x<1> = +1. Only the
    first step matters: the model must carry it through T_x - 1 steps of noise."""
    m, T_x, rng = positive_int("m", m), positive_int("T_x", T_x), as_generator(rng)
    X = np.zeros((2, m, T_x))
    X[0] = noise * rng.standard_normal((m, T_x))
    sign = rng.choice([-1.0, 1.0], m)
    X[0, :, 0], X[1, :, 0] = sign, 1.0
    return X, (sign > 0).astype(np.float64)[None]
