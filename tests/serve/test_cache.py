"""Kept results: dropped when the data's stamp changes, and within their count and byte budgets."""

from __future__ import annotations

from skyledger.serve.cache import ResultCache


def test_a_kept_result_serves_only_its_stamp() -> None:
    cache = ResultCache(10)
    calls: list[str] = []

    def compute(v: str) -> str:
        calls.append(v)
        return v

    assert cache.get((1, 1), "k", lambda: compute("a")) == "a"
    assert cache.get((1, 1), "k", lambda: compute("b")) == "a"
    assert cache.get((2, 1), "k", lambda: compute("c")) == "c"   # a new document
    assert cache.get((2, 2), "k", lambda: compute("d")) == "d"   # a new review action
    assert calls == ["a", "c", "d"]


def test_least_recently_used_results_go_first_by_count_and_by_bytes() -> None:
    cache = ResultCache(2, max_bytes=10)
    now = (1, 1)
    cache.get(now, "a", lambda: b"1234")
    cache.get(now, "b", lambda: b"1234")
    cache.get(now, "a", lambda: b"x")              # a is used again: b is now the oldest
    cache.get(now, "c", lambda: b"1234")           # three would exceed the count: b goes
    assert cache.get(now, "a", lambda: b"new") == b"1234"
    assert cache.get(now, "b", lambda: b"5678") == b"5678"
    cache.get(now, "big", lambda: b"0" * 11)       # larger than the whole budget: not kept
    assert cache.get(now, "big", lambda: b"again") == b"again"
