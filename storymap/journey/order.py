"""Chronological order from pairwise constraints.

Each piece of evidence says "a came before b" with a weight: a date or weekday (strongest),
the order of source, via and goal within one event, a sequence word (zuvor, dann, von
dort; earlier, then, from there), the pluperfect against the narrative it interrupts, a
written chain, done before announced, a list's order (weakest). Constraints are added from
the strongest down and one that would close a cycle with stronger ones is left out; the
order is then the topological order that, among the places free to come next, takes the
one the text names first.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Constraint:
    before: int
    after: int
    weight: float
    why: str


def order(count: int, constraints: Sequence[Constraint], text_order: Sequence[float]
          ) -> tuple[list[int], list[Constraint], list[set[int]]]:
    """The nodes 0..count-1 in an order that keeps the strongest consistent constraints;
    returns the order, the constraints that were left out, and the kept graph (each node's
    direct successors)."""
    successors: list[set[int]] = [set() for _ in range(count)]
    dropped = []
    for constraint in sorted(constraints, key=lambda c: (-c.weight, c.before, c.after)):
        a, b = constraint.before, constraint.after
        if a == b or b in successors[a]:
            continue
        if _reaches(successors, b, a):
            dropped.append(constraint)
            continue
        successors[a].add(b)
    incoming = [0] * count
    for node in range(count):
        for nxt in successors[node]:
            incoming[nxt] += 1
    ready = [(text_order[node], node) for node in range(count) if incoming[node] == 0]
    heapq.heapify(ready)
    result = []
    while ready:
        _, node = heapq.heappop(ready)
        result.append(node)
        for nxt in successors[node]:
            incoming[nxt] -= 1
            if incoming[nxt] == 0:
                heapq.heappush(ready, (text_order[nxt], nxt))
    return result, dropped, successors


def ordered_between(successors: list[set[int]], a: int, b: int) -> bool:
    """Whether the kept constraints order ``a`` and ``b`` (either way)."""
    return _reaches(successors, a, b) or _reaches(successors, b, a)


def _reaches(successors: list[set[int]], start: int, goal: int) -> bool:
    stack = [start]
    seen = {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in successors[node]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False
