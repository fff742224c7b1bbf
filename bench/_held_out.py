"""The held-out protocol the instrument benches share: the sentences of some batches of the shipped
gold are the user's coding, and the other batches' sentences, without the user's documents, the
prior (so the prior never holds a scored sentence or document)."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator

from evolve.instruments.codebook import Codebook
from evolve.instruments.prior import GoldSentence, Prior, build_prior


def batch_set(name: str) -> set[str]:
    """The batches a set names: "5" is batch 5, "4-6" batches 4, 5 and 6."""
    lo, _, hi = name.partition("-")
    if not lo.isdigit() or (hi and not hi.isdigit()):
        raise ValueError(f"not a batch or a range of batches: {name!r}")
    return {str(b) for b in range(int(lo), int(hi or lo) + 1)}


def leave_out(rows: list[dict[str, str]], batches: str) -> list[dict[str, str]]:
    """The rows without the batches named (comma-separated sets, "" for none): a batch left out is
    neither scored nor in any prior, as if it had not been coded."""
    gone = set().union(*(batch_set(b) for b in batches.split(",") if b))
    return [r for r in rows if r["batch"] not in gone]


def user_and_prior(rows: list[dict[str, str]], batches: Collection[str], *, codebook: Codebook,
                   weight: float) -> tuple[list[dict[str, str]], list[GoldSentence], list[str], list[str],
                                           list[str], Prior]:
    """(the user's rows, the other batches' sentences, texts, labels and documents of the user's
    rows, the prior built from the other sentences)."""
    user = [r for r in rows if r["batch"] in batches]
    docs = {r["doc"] for r in user}
    other = [GoldSentence(r["id"], r["doc"], r["text"], r["category"], r["tool"], r["batch"])
             for r in rows if r["batch"] not in batches and r["doc"] not in docs]
    texts, labels = [r["text"] for r in user], [r["category"] for r in user]
    prior = build_prior(labels, texts, codebook=codebook, gold=other, weight=weight)
    return user, other, texts, labels, [r["doc"] for r in user], prior



def halvings(docs: list[str], rounds: int) -> Iterator[tuple[list[int], list[int]]]:
    """(training rows, scored rows) of each round: the documents shuffled with the round's seed and
    halved, each half scored once with the other as training; ``docs`` is each row's document."""
    names = sorted(set(docs))
    for r in range(rounds):
        order = names[:]
        random.Random(r).shuffle(order)
        first = set(order[: len(order) // 2])
        a = [i for i, g in enumerate(docs) if g in first]
        b = [i for i, g in enumerate(docs) if g not in first]
        yield a, b
        yield b, a
