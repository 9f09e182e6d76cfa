"""The phrase table: matching by normalised tokens, and its on-disk cache."""

from __future__ import annotations

from skyledger.extract import phrases


def _build(sources, cache_dir, versions="v1"):
    return phrases.build(sources, str.split, str.lower, versions=versions, cache_dir=cache_dir)


def test_finds_every_phrase_of_every_length_and_class():
    table = _build([("weapon", [("drone", "uav"), ("attack drone", "uav")], False),
                    ("place", [("Kursk", "RU-KRS"), ("Kursk region", "RU-KRS")], True)], None)
    found = sorted(table.find("an attack drone over kursk region".split()))
    assert found == [
        ("place", ["RU-KRS"], 4, 5), ("place", ["RU-KRS"], 4, 6),
        ("weapon", "uav", 1, 3), ("weapon", "uav", 2, 3),
    ]


def test_many_classes_keep_every_value_single_classes_the_first():
    table = _build([("place", [("Kirovsky", "a"), ("kirovsky", "b")], True),
                    ("weapon", [("drone", "uav"), ("Drone", "missile")], False)], None)
    assert list(table.find(["kirovsky"])) == [("place", ["a", "b"], 0, 1)]
    assert list(table.find(["drone"])) == [("weapon", "uav", 0, 1)]


def test_a_phrase_never_matches_past_the_end():
    table = _build([("place", [("Rostov on Don", 1)], True)], None)
    assert list(table.find(["rostov", "on"])) == []


def test_cached_table_is_reused_and_keyed_by_its_inputs(tmp_path):
    sources = [("weapon", [("drone", "uav")], False)]
    _build(sources, tmp_path)
    files = list(tmp_path.glob("phrases-*.pickle"))
    assert len(files) == 1

    calls = []

    def counting_lower(word):
        calls.append(word)
        return word.lower()

    again = phrases.build(sources, str.split, counting_lower, versions="v1", cache_dir=tmp_path)
    assert calls == [] and list(again.find(["drone"])) == [("weapon", "uav", 0, 1)]

    # a changed value, phrase or library version is a different table
    _build([("weapon", [("drone", "missile")], False)], tmp_path)
    _build(sources, tmp_path, versions="v2")
    assert len(list(tmp_path.glob("phrases-*.pickle"))) == 3


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    sources = [("weapon", [("drone", "uav")], False)]
    _build(sources, tmp_path)
    (path,) = tmp_path.glob("phrases-*.pickle")
    path.write_bytes(b"not a pickle")
    table = _build(sources, tmp_path)
    assert list(table.find(["drone"])) == [("weapon", "uav", 0, 1)]
    assert path.read_bytes() != b"not a pickle"


def test_old_tables_are_pruned(tmp_path):
    for n in range(phrases.KEEP + 3):
        _build([("weapon", [("drone", n)], False)], tmp_path)
    assert len(list(tmp_path.glob("phrases-*.pickle"))) == phrases.KEEP


def test_an_unwritable_cache_directory_still_gives_a_table(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    table = _build([("weapon", [("drone", "uav")], False)], blocked / "sub")
    assert list(table.find(["drone"])) == [("weapon", "uav", 0, 1)]


def test_matches_come_in_text_order_longer_first_then_by_class():
    # classes added in reverse order of their names; the annotator relies on this order
    table = _build([("weapon", [("drone", "uav"), ("attack drone", "uav")], False),
                    ("kind", [("attack", "impact"), ("attack drone", "strike")], False),
                    ("event", [("attack drone attack", "raid")], False)], None)
    found = [(cls, i, j) for cls, _, i, j in table.find("attack drone attack drone".split())]
    assert found == [("event", 0, 3), ("kind", 0, 2), ("weapon", 0, 2), ("kind", 0, 1),
                     ("weapon", 1, 2), ("kind", 2, 4), ("weapon", 2, 4), ("kind", 2, 3), ("weapon", 3, 4)]


def test_words_remembered_in_front_of_the_table_change_no_answer():
    table = _build([("weapon", [("drone", "uav"), ("attack drone", "uav")], False)], None)
    text = "an attack drone and a drone".split()
    first = table.find(text)
    assert table.find(text) == first   # now answered from the recent words
    table.find([f"word{n}" for n in range(phrases.RECENT + 10)])   # more words than it keeps: starts afresh
    assert table.find(text) == first == [("weapon", "uav", 1, 3), ("weapon", "uav", 2, 3), ("weapon", "uav", 5, 6)]
