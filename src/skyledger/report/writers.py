"""Writing export files: CSV, JSON lines, GeoJSON, Parquet and the ACLED shape, from details.

The row shapes are `report.exports`; this module streams them into a file. Used by
`skyledger export` and by the API's export endpoints alike.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from skyledger.report.exports import ACLED_COLUMNS, FLAT_COLUMNS, acled_row, flat_row, geojson_feature, nested
from skyledger.store import Detail

FORMATS = ("csv", "jsonl", "geojson", "parquet", "acled")


def _csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _geojson(details: Iterable[Detail], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for detail in details:
        out.write((",\n" if n else "") + json.dumps(geojson_feature(detail), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _parquet(details: Iterable[Detail], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"lat": pa.float64(), "lon": pa.float64()}
    ints = {"precision", "count_low", "count_high", "killed_low", "killed_high", "injured_low",
            "injured_high", "n_sources"}
    schema = pa.schema([(c, types.get(c, pa.int64() if c in ints else pa.string())) for c in FLAT_COLUMNS])
    rows = [flat_row(d) for d in details]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)


def write_export(fmt: str, details: Iterable[Detail], out: IO[str] | None, path: str | None) -> int:
    """Write the details in one format to `out` (or `path` for Parquet); returns the count."""
    if fmt == "parquet":
        assert path is not None
        return _parquet(details, path)
    assert out is not None
    if fmt == "csv":
        return _csv((flat_row(d) for d in details), FLAT_COLUMNS, out)
    if fmt == "acled":
        return _csv((acled_row(d) for d in details), ACLED_COLUMNS, out)
    if fmt == "geojson":
        return _geojson(details, out)
    n = 0
    for d in details:
        out.write(json.dumps(nested(d), ensure_ascii=False) + "\n")
        n += 1
    return n
