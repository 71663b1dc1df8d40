"""Seeded, vectorised randomness for the demo-data generator, on polars frames.

A counter-based generator: every random value is a hash of (seed, table, stream name, row
index), so a column of draws is a handful of vectorised operations, the result does not depend
on evaluation order or thread count, and the same seed gives the same bytes on every machine.
The hash is Chris Wellons' 32-bit "lowbias32" mixer in UInt64 arithmetic whose products stay
below 2**64 (no reliance on overflow behaviour, nor on polars' own hash, whose output may
change between polars versions).

Usage: `df = rng.draw(df, "gender", "age")` adds uniform [0, 1) columns, then
`rng.u("gender")` names one of them in expressions; `drop_helpers` removes them at the end.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

import polars as pl

ROW = "_i"  # the row-index column every frame carries while it is being built
_M32 = 2**32


def _u64(value: int) -> pl.Expr:
    return pl.lit(value, dtype=pl.UInt64)


# lowbias32, one step at a time: each step reads its column once, so the expression tree
# stays flat (nesting the whole mixer in one expression grows it exponentially).
_MIX_STEPS: tuple[Callable[[pl.Expr], pl.Expr], ...] = (
    lambda x: x.xor(x // _u64(1 << 16)),
    lambda x: (x * _u64(0x7FEB352D)) % _u64(_M32),
    lambda x: x.xor(x // _u64(1 << 15)),
    lambda x: (x * _u64(0x846CA68B)) % _u64(_M32),
    lambda x: x.xor(x // _u64(1 << 16)),
)


def mix32_int(x: int) -> int:
    """lowbias32 on a Python int (for stream keys and scalar draws)."""
    x &= 0xFFFFFFFF
    x ^= x >> 16
    x = (x * 0x7FEB352D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x846CA68B) & 0xFFFFFFFF
    return x ^ (x >> 16)


def with_row_index(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_row_index(ROW).with_columns(pl.col(ROW).cast(pl.UInt64))


def drop_helpers(df: pl.DataFrame) -> pl.DataFrame:
    """Drop the row index and the draw columns (every name starting with `_`)."""
    return df.drop([c for c in df.columns if c.startswith("_")])


class Rng:
    """Uniform draws for one table; stream names make the draws independent of each other."""

    def __init__(self, seed: int, table: str) -> None:
        self._base = mix32_int(mix32_int(seed) ^ zlib.crc32(table.encode()))

    def _key(self, stream: str) -> int:
        return mix32_int(self._base ^ zlib.crc32(stream.encode()))

    def scalar(self, stream: str) -> float:
        """One uniform draw in [0, 1) outside any frame."""
        return mix32_int(self._key(stream) ^ 0x9E3779B9) / _M32

    def draw(self, df: pl.DataFrame, *streams: str) -> pl.DataFrame:
        """Add one uniform [0, 1) column per stream.

        Two rounds of the mixer: one on (row index + table key), shared by all streams, then
        one per stream on that hash xor the stream's key.
        """
        names = [f"_u_{s}" for s in streams]
        df = df.with_columns(((pl.col(ROW) + _u64(self._base)) % _u64(_M32)).alias("_h"))
        for step in _MIX_STEPS:
            df = df.with_columns(step(pl.col("_h")).alias("_h"))
        df = df.with_columns(pl.col("_h").xor(_u64(self._key(s))).alias(n) for s, n in zip(streams, names))
        for step in _MIX_STEPS:
            df = df.with_columns(step(pl.col(n)).alias(n) for n in names)
        return df.drop("_h").with_columns(
            (pl.col(n).cast(pl.Float64) / float(_M32)).alias(n) for n in names
        )

    @staticmethod
    def u(stream: str) -> pl.Expr:
        """The draw column of a stream added by `draw`."""
        return pl.col(f"_u_{stream}")

    def integers(self, stream: str, low: int | pl.Expr, high: int | pl.Expr) -> pl.Expr:
        """Uniform integers in [low, high], both inclusive; bounds may be expressions."""
        low_e = low if isinstance(low, pl.Expr) else pl.lit(low)
        high_e = high if isinstance(high, pl.Expr) else pl.lit(high)
        span = (high_e - low_e + 1).cast(pl.Float64)
        return (low_e + (self.u(stream) * span).floor().cast(pl.Int64)).cast(pl.Int64)

    def choice(
        self,
        stream: str,
        options: Sequence[tuple[object, float]],
        dtype: pl.DataType | type[pl.DataType] | None = None,
    ) -> pl.Expr:
        """One of the options per row, with probability proportional to its weight."""
        return weighted(self.u(stream), options, dtype)

    def date_between(self, stream: str, start: pl.Expr, end: pl.Expr) -> pl.Expr:
        """A uniform date in [start, end], both inclusive (end >= start expected)."""
        return start + pl.duration(days=self.integers(stream, 0, (end - start).dt.total_days()))


def weighted(
    u: pl.Expr,
    options: Sequence[tuple[object, float]],
    dtype: pl.DataType | type[pl.DataType] | None = None,
) -> pl.Expr:
    """Map a uniform draw to one of the weighted options (a when/then chain on the CDF)."""
    total = float(sum(w for _, w in options))
    last = pl.lit(options[-1][0], dtype=dtype)
    if len(options) == 1:
        return last
    cumulative = 0.0
    chain = None
    for value, w in options[:-1]:
        cumulative += w / total
        lit = pl.lit(value, dtype=dtype)
        chain = pl.when(u < cumulative).then(lit) if chain is None else chain.when(u < cumulative).then(lit)
    return chain.otherwise(last)
