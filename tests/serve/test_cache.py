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


def test_threads_asking_at_once_for_a_missing_result_compute_it_once() -> None:
    import threading
    import time

    cache = ResultCache(10)
    calls: list[int] = []
    go = threading.Barrier(8)

    def compute() -> bytes:
        calls.append(1)
        time.sleep(0.2)  # long enough for every other thread to arrive meanwhile
        return b"the statistics"

    answers: list[bytes] = []

    def ask() -> None:
        go.wait()
        answers.append(cache.get((5, 1), "stats", compute))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [b"the statistics"] * 8 and len(calls) == 1


def test_a_failed_computation_leaves_the_next_caller_free_to_try_again() -> None:
    cache = ResultCache(10)

    def fail() -> bytes:
        raise RuntimeError("database went away")

    try:
        cache.get((1, 1), "k", fail)
    except RuntimeError:
        pass
    assert cache.get((1, 1), "k", lambda: b"ok") == b"ok"
