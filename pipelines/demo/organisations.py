"""Demo entities: the organisations the projects supported, one row per organisation per project.

A pool of organisations (each with one business ID, name, type and region) is drawn first;
every organisation is supported by one project and some by a second one, so the dashboards'
"distinct organisations across projects" differs from the per-project sums as in real life.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from indicators.contract import ENTITIES
from pipelines.demo.people import (
    active_projects,
    choose_project,
    project_table,
    random_mainland_region,
    yes_no,
)
from pipelines.demo.random_draws import ROW, Rng, drop_helpers
from pipelines.demo.vocabulary import (
    COOPERATIVE_TEMPLATES,
    NAME_TEMPLATES,
    PROJECTS as DEMO_PROJECTS,
    REGION_FACTS,
    STEMS,
    TRADES,
    y_tunnus_expr,
    y_tunnus_remainder,
)

ORG_TYPES = (
    ("enterprise", 62), ("association", 13), ("public_administration", 10), ("foundation", 5),
    ("education", 5), ("other", 3), ("funder", 2),
)
# Employees by size class or organisation type: (lowest, highest).
EMPLOYEES = {
    "micro": (1, 9), "small": (10, 49), "medium": (50, 249), "large": (250, 1200),
    "public_administration": (40, 3000), "education": (30, 600), "association": (0, 25),
    "foundation": (3, 150), "funder": (2, 40), "other": (1, 50),
}
# Share of employees with partial work ability: (lowest, highest) by social-enterprise status.
PWA_SHARE = {"wise": (0.30, 0.75), "mark": (0.10, 0.40), "self_declared": (0.05, 0.30)}
SECOND_PROJECT_SHARE = 0.12
COORDINATION_SHARE = 0.12  # of the organisations, supported first by the coordination project


def _lookup(key: pl.Expr, mapping: dict, dtype: pl.DataType) -> pl.Expr:
    return key.replace_strict(list(mapping), list(mapping.values()), default=None, return_dtype=dtype)


def _between(u: pl.Expr, key: pl.Expr, ranges: dict[str, tuple[float, float]]) -> pl.Expr:
    low = _lookup(key, {k: v[0] for k, v in ranges.items()}, pl.Float64)
    high = _lookup(key, {k: v[1] for k, v in ranges.items()}, pl.Float64)
    return low + u * (high - low)


def _business_ids(n: int, rng: Rng) -> pl.Series:
    """n distinct valid Y-tunnus: a permutation of 0100000..3399999, skipping remainder 1."""
    span = 3_300_000
    offset = int(rng.scalar("business-id-offset") * span)
    # 7919 is prime and does not divide 3,300,000, so j -> j * 7919 + offset mod span is a permutation.
    candidates = pl.DataFrame({"j": pl.int_range(0, n + n // 5 + 20, eager=True)}).with_columns(
        base=100_000 + (pl.col("j") * 7919 + offset) % span,
    ).with_columns(rem=y_tunnus_remainder(pl.col("base"))).filter(pl.col("rem") != 1).head(n)
    return candidates.select(y_tunnus_expr(pl.col("base"), pl.col("rem"))).to_series()


def _organisations(n: int, seed: int, today: date) -> pl.DataFrame:
    rng = Rng(seed, "organisations")
    active = active_projects(today)
    weights = {
        i: COORDINATION_SHARE if DEMO_PROJECTS[i].coordination else DEMO_PROJECTS[i].weight
        for i in active
    }
    # Draw twice the organisations needed and keep distinct names while they last (two
    # organisations with one name would look wrong); a huge pool may still repeat names.
    df = pl.DataFrame({ROW: pl.int_range(0, 2 * n + 50, eager=True, dtype=pl.UInt64)})
    df = rng.draw(
        df, "project", "type", "template", "stem", "trade", "place", "region", "size", "social",
        "newly", "employees", "pwa_share", "pwa_missing", "second", "second_project",
    )
    projects = project_table(today)
    df = df.with_columns(_p=choose_project(rng, "project", weights)).join(projects, on="_p", how="left")
    df = df.with_columns(
        organisation_type=rng.choice("type", ORG_TYPES, pl.String),
        # The coordination project works nationwide; the others mostly in their own region.
        region_code=pl.when(pl.col("_coordination") | (rng.u("region") < 0.15))
        .then(random_mainland_region(rng, "region")).otherwise(pl.col("_region")),
    )
    df = _names(df, rng)
    distinct = pl.col("organisation_name").is_first_distinct()
    df = pl.concat([df.filter(distinct), df.filter(~distinct)]).head(n).sort(ROW)
    enterprise = pl.col("organisation_type") == "enterprise"
    df = df.with_columns(
        cooperative=pl.when(enterprise).then(yes_no(pl.col("_template").is_in(list(COOPERATIVE_TEMPLATES)))),
        size_class=pl.when(enterprise).then(rng.choice(
            "size", [("micro", 68), ("small", 22), ("medium", 8), ("large", 2)], pl.String,
        )),
        social_enterprise=pl.when(enterprise).then(rng.choice(
            "social", [("mark", 14), ("wise", 12), ("self_declared", 18), ("no", 56)], pl.String,
        )),
    )
    social = pl.col("social_enterprise").is_in(["mark", "wise", "self_declared"])
    df = df.with_columns(
        newly_founded=pl.when(enterprise).then(
            yes_no(rng.u("newly") < pl.when(social).then(0.22).otherwise(0.09))
        ),
    )
    newly = pl.col("newly_founded") == "yes"
    df = df.with_columns(size_class=pl.when(newly).then(pl.lit("micro")).otherwise(pl.col("size_class")))
    band = pl.coalesce(pl.col("size_class"), pl.col("organisation_type"))
    employees = pl.when(newly).then((rng.u("employees") * 5).floor()).otherwise(
        _between(rng.u("employees"), band, EMPLOYEES).floor()
    ).cast(pl.Int64)
    share = pl.when(social).then(_between(rng.u("pwa_share"), pl.col("social_enterprise"), PWA_SHARE)) \
        .otherwise(rng.u("pwa_share") * 0.06)
    df = df.with_columns(
        employees=pl.when(rng.u("pwa_missing") >= 0.05).then(employees),
    ).with_columns(
        employees_partial_work_ability=pl.when(rng.u("pwa_missing") >= 0.10)
        .then((pl.col("employees") * share).floor().cast(pl.Int64)),
        business_id=_business_ids(n, rng),
    )
    # Some organisations are supported by a second, different project as well.
    m = len(active)
    position = pl.col("_p").replace_strict(active, list(range(m)), return_dtype=pl.Int64)
    second_pos = (position + 1 + (rng.u("second_project") * max(m - 1, 1)).floor().cast(pl.Int64)) % m
    return df.with_columns(
        _p2=pl.when((rng.u("second") < SECOND_PROJECT_SHARE) & pl.lit(m > 1))
        .then(second_pos.replace_strict(list(range(m)), active, return_dtype=pl.Int64)),
    )


def _names(df: pl.DataFrame, rng: Rng) -> pl.DataFrame:
    """Fill a name template per organisation type with a stem, a trade and a town or region."""
    templates = [(t, tpl) for t, tpls in NAME_TEMPLATES.items() for tpl in tpls]
    offsets, count = {}, 0
    for t, tpls in NAME_TEMPLATES.items():
        offsets[t] = count
        count += len(tpls)
    kind = pl.col("organisation_type")
    n_templates = _lookup(kind, {t: len(v) for t, v in NAME_TEMPLATES.items()}, pl.Int64)
    template_id = _lookup(kind, offsets, pl.Int64) + (rng.u("template") * n_templates).floor().cast(pl.Int64)
    places = pl.DataFrame(
        [(r, k, town) for r, (_, towns, _) in REGION_FACTS.items() for k, town in enumerate(towns)],
        schema={"region_code": pl.String, "_k": pl.Int64, "_place": pl.String}, orient="row",
    )
    n_towns = _lookup(pl.col("region_code"), {r: len(f[1]) for r, f in REGION_FACTS.items()}, pl.Int64)
    df = df.with_columns(
        _template=template_id.replace_strict(
            list(range(len(templates))), [t for _, t in templates], return_dtype=pl.String,
        ),
        _k=(rng.u("place") * n_towns).floor().cast(pl.Int64),
        _region_gen=_lookup(pl.col("region_code"), {r: f[0] for r, f in REGION_FACTS.items()}, pl.String),
        _stem=(rng.u("stem") * len(STEMS)).floor().cast(pl.Int64)
        .replace_strict(list(range(len(STEMS))), list(STEMS), return_dtype=pl.String),
        _trade=(rng.u("trade") * len(TRADES)).floor().cast(pl.Int64)
        .replace_strict(list(range(len(TRADES))), list(TRADES), return_dtype=pl.String),
    ).join(places, on=["region_code", "_k"], how="left", maintain_order="left")
    name = pl.col("_template")
    fields = (("{place}", "_place"), ("{region}", "_region_gen"), ("{stem}", "_stem"), ("{trade}", "_trade"))
    for field, column in fields:
        name = name.str.replace_all(field, pl.col(column), literal=True)
    return df.with_columns(organisation_name=name)


def build_entities(n_organisations: int, seed: int, today: date) -> pl.DataFrame:
    orgs = _organisations(n_organisations, seed, today)
    first = orgs.drop("_p2")
    second = orgs.filter(pl.col("_p2").is_not_null()).with_columns(_p=pl.col("_p2")).drop("_p2")
    projects = project_table(today)
    rows = pl.concat([first, second]).select(
        [c for c in first.columns if not c.startswith("_") or c == "_p"]
    ).drop("project_code").join(projects, on="_p", how="left")
    rows = rows.sort("_p", "business_id")
    rng = Rng(seed, "entities")
    rows = rng.draw(rows.with_row_index(ROW).with_columns(pl.col(ROW).cast(pl.UInt64)),
                    "start", "support", "hours", "hours_missing")
    support = pl.when(pl.col("_coordination")).then(rng.choice(
        "support", [("networking", 55), ("training", 25), ("advisory", 20)], pl.String,
    )).otherwise(rng.choice(
        "support", [("advisory", 40), ("training", 22), ("coaching", 15), ("networking", 18), ("other", 5)],
        pl.String,
    ))
    max_hours = {"advisory": 30, "training": 40, "coaching": 80, "networking": 12, "other": 20}
    hours = (1 + (rng.u("hours") * 2 * _lookup(pl.col("support_type"), max_hours, pl.Float64)).floor()) / 2
    rows = rows.with_columns(
        support_start_date=rng.date_between("start", pl.col("_start"), pl.col("_last")),
        support_type=support,
    ).with_columns(
        support_hours=pl.when(rng.u("hours_missing") >= 0.05).then(hours),
        withdrawn=pl.lit(None, dtype=pl.String),
    )
    return drop_helpers(rows).select(ENTITIES.column_names)
