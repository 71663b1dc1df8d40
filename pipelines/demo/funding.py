"""Demo funding opportunities and referrals (docs/seed-work.md section 2): the register of calls
and programmes the projects track, and the organisations they passed each one on to, with what
followed (informed -> preparing -> submitted -> funded or rejected, or not applied).

The coordination project keeps the shared register (most opportunities, EU calls among them,
some contributed to the Social Economy Gateway); two regional projects keep a few regional calls
of their own. Regional projects refer their own organisations to the shared register
(opportunity_project_code = the coordination project) and to their own; the coordination
project refers organisations of the whole network. Referral rows carry the organisation's type,
social-enterprise status and region as the referring project's entities have them (entities
win anyway), so a referral never depends on an entities row being accepted.

Realistic, not tidy: a few organisations applied before they were informed (FUN-02), a few
open referrals were last checked more than a year ago (FUN-06's follow-up list), and some
informed organisations never applied. Small (hundreds of rows), so drawn row by row with the
generator's seeded, counter-based draws (random_draws.Rng): the same seed and `today` give the
same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from indicators.contract import CONTRACT, ELIGIBILITY_FLAGS
from pipelines.demo.random_draws import Rng
from pipelines.demo.vocabulary import MAINLAND, PROJECTS as DEMO_PROJECTS

OPPORTUNITIES, REFERRALS = CONTRACT["funding_opportunities"], CONTRACT["funding_referrals"]
COORDINATION = next(p for p in DEMO_PROJECTS if p.coordination)
# Regional projects that keep a few regional calls of their own: code -> how many.
OWN_REGISTERS = {"S30212": 4, "S30611": 3}
SHARED_REGISTER_SIZE = 30
RECENT_SHARE = 0.25
REFERRALS_PER_OPPORTUNITY = (2, 14)
CHANNELS = (("advisory", 35), ("email", 25), ("training", 15), ("info_event", 15), ("gateway", 10))
APPLY_SHARE = {"advisory": 0.45, "training": 0.35, "gateway": 0.35, "info_event": 0.2, "email": 0.15}
FUNDED_SHARE = 0.45
PRIOR_APPLICATION_SHARE = 0.03  # FUN-02: had applied before the project told them
STALE_CHECK_SHARE = 0.5  # of the open referrals, nobody has checked since the last event


@dataclass(frozen=True)
class Template:
    title: str
    programme: str
    management: str
    instrument: str
    scope: str  # geographic_scope
    theme: str
    grant: tuple[float, float] | None  # grant_min_eur, grant_max_eur
    rate: float | None  # max_funding_rate_pct
    eligible: str  # E(nterprise) A(ssociation) F(oundation) P(ublic administration) S(chool)
    call: str | None  # call_identifier with {y} for the year and {n} for the round
    host: str
    deadline_days: tuple[int, int] | None  # None: continuous
    consortium: bool = False
    two_stage: bool = False
    weight: float = 1.0


TEMPLATES: tuple[Template, ...] = (
    Template("Uudistuva ja osaava Suomi: ESR+ työllisyyttä ja osallisuutta edistävät hankkeet",
             "esf_plus_national", "shared", "grant", "regional", "employment_inclusion",
             (50_000, 1_500_000), 80, "AFPS", "UOS-ESR-{y}-{n}", "rakennerahastot.fi", (45, 90), weight=3),
    Template("EAKR: pk-yritysten kasvu ja uudistuminen", "erdf", "shared", "grant", "regional",
             "digital", (20_000, 500_000), 70, "EAPS", "UOS-EAKR-{y}-{n}", "rakennerahastot.fi", (45, 90)),
    Template("ESF+ Social Innovation+: transnational cooperation for social inclusion",
             "esf_plus_social_innovation", "direct", "grant", "eu", "social_innovation",
             (200_000, 2_000_000), 80, "EAFPS", "ESF-{y}-SOC-INNO-{n}", "ec.europa.eu", (60, 110),
             consortium=True, weight=1.5),
    Template("EaSI: social economy networks and finance-readiness support", "esf_plus_easi", "direct",
             "grant", "eu", "finance_access", (100_000, 750_000), 80, "EAF", "ESF-{y}-EASI-SE-{n}",
             "ec.europa.eu", (60, 100), consortium=True),
    Template("Single Market Programme: social economy missions", "single_market_programme", "direct",
             "grant", "eu", "finance_access", (150_000, 600_000), 75, "EAF", "SMP-COSME-{y}-SEM-{n}",
             "ec.europa.eu", (60, 100), consortium=True),
    Template("Erasmus+ KA2: cooperation partnerships in adult education", "erasmus_plus", "direct",
             "grant", "eu", "skills", (60_000, 400_000), 100, "EAFPS", "ERASMUS-{y}-PCOOP-ENGO-{n}",
             "erasmus-plus.ec.europa.eu", (50, 90), consortium=True),
    Template("Horizon Europe: social innovation for a just green transition", "horizon_europe", "direct",
             "grant", "eu", "green", (500_000, 3_000_000), 100, "EAFPS", "HORIZON-CL2-{y}-TRANSFORMATIONS-{n}",
             "ec.europa.eu", (90, 150), consortium=True, two_stage=True, weight=0.5),
    Template("CERV: civil society for equality and inclusion", "cerv", "direct", "grant", "eu", "other",
             (75_000, 250_000), 90, "AF", "CERV-{y}-CHAR-LITI-{n}", "ec.europa.eu", (50, 90), weight=0.5),
    Template("InvestEU: social enterprise microloans through Finnish intermediaries", "invest_eu", "direct",
             "loan", "eu", "finance_access", (5_000, 50_000), None, "E", None, "investeu.europa.eu", None,
             weight=0.5),
    Template("LEADER-yritystuki: maaseudun yhteisöyritysten kehittäminen", "eafrd_leader", "shared",
             "grant", "regional", "rural", (5_000, 100_000), 50, "EA", "LEADER-{y}-{n}",
             "ruokavirasto.fi", (30, 75)),
    Template("Business Finland: Tempo-rahoitus kansainvälistymiseen", "business_finland", "national",
             "grant", "national", "finance_access", (10_000, 50_000), 75, "E", None, "businessfinland.fi",
             None),
    Template("ELY-keskus: yrityksen kehittämisavustus", "ely_enterprise_aid", "national", "grant",
             "regional", "finance_access", (10_000, 200_000), 50, "E", "ELY-KEHA-{y}-{n}", "ely-keskus.fi",
             (30, 60)),
    Template("Finnvera: pienlaina aloittavalle yritykselle", "finnvera", "national", "loan", "national",
             "finance_access", (5_000, 80_000), None, "E", None, "finnvera.fi", None, weight=0.5),
    Template("STEA: avustukset sosiaali- ja terveysjärjestöjen toimintaan", "state_grant", "national",
             "grant", "national", "care", (20_000, 300_000), 100, "AF", "STEA-{y}-{n}", "stea.fi", (40, 60)),
    Template("Kaupungin työllisyyspalvelut: yhteiskunnallisen yrityksen palkkatukilisä", "municipal",
             "national", "grant", "regional", "employment_inclusion", (2_000, 20_000), None, "EAF", None,
             "kunta.fi", None),
    Template("Säätiön kokeiluapuraha: yhteisötalouden uudet toimintamallit", "foundation", "private",
             "grant", "national", "social_innovation", (10_000, 100_000), 100, "AF", "SAATIO-{y}-{n}",
             "saatio.fi", (30, 60)),
    Template("Vaikuttavuussijoittaja: pääomasijoitus kasvaville yhteiskunnallisille yrityksille",
             "private_investor", "private", "equity", "national", "finance_access", (100_000, 1_000_000),
             None, "E", None, "vaikuttavuussijoittaja.fi", None, weight=0.5),
)
REGIONAL_TEMPLATES = tuple(t for t in TEMPLATES if t.scope == "regional")


class Draws:
    """Named uniform draws for one table: draw(name, i) is the same for the same seed."""

    def __init__(self, seed: int, table: str):
        self.rng = Rng(seed, table)

    def u(self, name: str, *keys: object) -> float:
        return self.rng.scalar("/".join([name, *map(str, keys)]))

    def between(self, name: str, low: int, high: int, *keys: object) -> int:
        return low + int(self.u(name, *keys) * (high - low + 1))

    def day(self, name: str, first: date, last: date, *keys: object) -> date:
        return first + timedelta(days=self.between(name, 0, (last - first).days, *keys))


def _pick(u: float, options) -> object:
    """The weighted option at a uniform draw u (random_draws.weighted's rule, for one value)."""
    total = float(sum(w for _, w in options))
    cumulative = 0.0
    for value, w in options[:-1]:
        cumulative += w / total
        if u < cumulative:
            return value
    return options[-1][0]


def _yes_no(flag: bool | None) -> str | None:
    return None if flag is None else ("yes" if flag else "no")


def _round_to(value: float, step: float) -> float:
    return float(round(value / step) * step)


def _opportunity(draws: Draws, project, number: int, template: Template, region: str | None,
                 today: date) -> dict:
    key = (project.code, number)
    first = project.start + timedelta(days=10)
    # a quarter of the register is the current calls, recorded in the last two months
    recent = draws.u("recent", *key) < RECENT_SHARE and today - timedelta(days=60) > first
    recorded = draws.day("recorded", today - timedelta(days=60) if recent else first, today, *key)
    opening = recorded - timedelta(days=draws.between("opening_lead", 0, 25, *key))
    if template.deadline_days is None:
        deadline, model = None, "continuous"
    else:
        deadline = opening + timedelta(days=draws.between("deadline", *template.deadline_days, *key))
        model = "two_stage" if template.two_stage else "single_stage"
    eu = template.scope == "eu"
    on_gateway = draws.u("gateway", *key) < (0.85 if eu else 0.15)
    # the seed's task: national and regional information passed to the Gateway too
    contributed = project.coordination and draws.u("contributed", *key) < (0.35 if eu else 0.5)
    low, high = template.grant or (None, None)
    budget = None if template.grant is None else _round_to(high * draws.between("budget", 4, 40, *key), 10_000)
    call = None if template.call is None else template.call.format(y=opening.year, n=f"{number % 7 + 1:02d}")
    slug = (call or f"{template.programme}-{number}").lower()
    return {
        "project_code": project.code,
        "opportunity_id": f"{project.code[-3:]}-{opening.year}-{number:03d}",
        "title": f"{template.title} {opening.year}",
        "programme": template.programme, "management": template.management,
        "instrument": template.instrument, "call_identifier": call,
        "url": f"https://www.{template.host}/haut/{slug}",
        "on_gateway": _yes_no(on_gateway), "contributed_to_gateway": _yes_no(contributed),
        "opening_date": opening, "deadline_date": deadline, "deadline_model": model,
        "budget_eur": budget, "grant_min_eur": low, "grant_max_eur": high,
        "max_funding_rate_pct": template.rate,
        "consortium_required": _yes_no(template.consortium),
        **{flag: _yes_no(letter in template.eligible)
           for letter, flag in zip("EAFPS", ELIGIBILITY_FLAGS.values())},
        "geographic_scope": template.scope, "region_code": region if template.scope == "regional" else None,
        "theme": template.theme, "recorded_date": recorded, "withdrawn": None,
    }


def build_opportunities(seed: int, today: date) -> pl.DataFrame:
    """The register: the coordination project's shared one and two regional projects' own."""
    draws = Draws(seed, "funding_opportunities")
    rows = []
    templates = [(t, t.weight) for t in TEMPLATES]
    regional = [(t, t.weight) for t in REGIONAL_TEMPLATES]
    registers = [(COORDINATION, SHARED_REGISTER_SIZE, templates)]
    registers += [(p, OWN_REGISTERS[p.code], regional) for p in DEMO_PROJECTS if p.code in OWN_REGISTERS]
    for project, size, options in registers:
        if project.start + timedelta(days=30) > today:
            continue
        for number in range(1, size + 1):
            template = _pick(draws.u("template", project.code, number), options)
            region = (_pick(draws.u("region", project.code, number), [(r, 1.0) for r in MAINLAND])
                      if project.coordination else project.region)
            rows.append(_opportunity(draws, project, number, template, region, today))
    return pl.DataFrame(rows, schema=_schema(OPPORTUNITIES))


def _schema(kind) -> dict[str, pl.DataType]:
    types = {"date": pl.Date, "decimal": pl.Float64, "integer": pl.Int64}
    return {c.name: types.get(c.type, pl.String) for c in kind.columns}


def _eligible(opportunity: dict, organisation: dict) -> bool:
    flag = ELIGIBILITY_FLAGS.get(organisation["organisation_type"])
    return flag is None or opportunity[flag] != "no"


def _status(draws: Draws, key: tuple, opportunity: dict, informed: date, channel: str,
            today: date) -> dict:
    """What followed the referral by today, with its dates and amounts."""
    deadline = opportunity["deadline_date"]
    opening = opportunity["opening_date"]
    out = {"status": "informed", "application_date": None, "decision_date": None,
           "applied_amount_eur": None, "granted_amount_eur": None, "role_in_application": None}
    prior = (draws.u("prior", *key) < PRIOR_APPLICATION_SHARE
             and opening is not None and (informed - opening).days > 10)
    applies = prior or draws.u("applies", *key) < APPLY_SHARE[channel]
    if prior:
        applied = informed - timedelta(days=draws.between("prior_days", 2, min(20, (informed - opening).days), *key))
    else:
        # by the call's deadline: an organisation told too late does not make it
        window = 80 if deadline is None else min(80, (deadline - informed).days)
        applies = applies and window >= 3
        applied = informed + timedelta(days=draws.between("application_days", min(3, window), max(3, window), *key))
    if not applies or applied > today:
        u = draws.u("no_application", *key)
        if deadline is not None and deadline < today:
            # the call closed without an application: most advisors record it, some never do
            out["status"] = "not_applied" if u < 0.8 else ("cancelled" if u < 0.85 else "informed")
        elif applies or u < 0.3:
            out["status"] = "preparing"
        elif (today - informed).days >= 150 and u < 0.55:
            out["status"] = "not_applied"
        return out
    low = opportunity["grant_min_eur"] or 5_000.0
    high = opportunity["grant_max_eur"] or 100_000.0
    amount = _round_to(low + draws.u("amount", *key) * (high - low) * 0.6, 100)
    out.update(
        status="submitted", application_date=applied, applied_amount_eur=amount,
        role_in_application=("partner" if opportunity["consortium_required"] == "yes"
                             and draws.u("role", *key) < 0.6 else "lead"),
    )
    decided = applied + timedelta(days=draws.between("decision_days", 45, 180, *key))
    if decided <= today:
        funded = draws.u("funded", *key) < FUNDED_SHARE
        out.update(status="funded" if funded else "rejected", decision_date=decided)
        if funded:
            out["granted_amount_eur"] = _round_to(amount * (0.6 + 0.4 * draws.u("granted", *key)), 10)
    return out


def _checked(draws: Draws, key: tuple, row: dict, today: date) -> date:
    """status_checked_date: after the last event; an open status is usually checked again
    since, but not always (the follow-up list)."""
    last = row["decision_date"] or row["application_date"] or row["informed_date"]
    last = max(last, row["informed_date"])
    checked = min(today, last + timedelta(days=draws.between("checked", 0, 30, *key)))
    open_status = row["status"] in ("informed", "preparing", "submitted")
    if open_status and draws.u("stale", *key) >= STALE_CHECK_SHARE:
        recent = today - timedelta(days=draws.between("recheck", 0, 120, *key))
        checked = max(checked, recent)
    return checked


def build_referrals(opportunities: pl.DataFrame, entities: pl.DataFrame, seed: int,
                    today: date) -> pl.DataFrame:
    """Organisations informed of each opportunity and what followed."""
    draws = Draws(seed, "funding_referrals")
    organisations = entities.filter(pl.col("withdrawn").is_null() | (pl.col("withdrawn") != "yes")).select(
        "project_code", "business_id", "organisation_type", "social_enterprise", "region_code",
        "support_start_date",
    ).sort("project_code", "business_id").to_dicts()
    by_project: dict[str, list[dict]] = {}
    for o in organisations:
        by_project.setdefault(o["project_code"], []).append(o)
    projects = {p.code: p for p in DEMO_PROJECTS}
    referrers = [p for p in DEMO_PROJECTS if p.start + timedelta(days=30) <= today]
    rows: dict[tuple, dict] = {}
    for opportunity in opportunities.sort("project_code", "opportunity_id").to_dicts():
        owner = projects[opportunity["project_code"]]
        oid = opportunity["opportunity_id"]
        count = draws.between("count", *REFERRALS_PER_OPPORTUNITY, oid)
        for n in range(count):
            key = (opportunity["project_code"], oid, n)
            referrer = owner
            if owner.coordination and draws.u("regional_referrer", *key) < 0.6:
                referrer = _pick(draws.u("referrer", *key), [(p, 1.0) for p in referrers if not p.coordination])
            pool = organisations if referrer.coordination else by_project.get(referrer.code, [])
            pool = [o for o in pool if _eligible(opportunity, o)] or pool
            if not pool:
                continue
            organisation = pool[min(len(pool) - 1, int(draws.u("organisation", *key) * len(pool)))]
            first = max(opportunity["recorded_date"], organisation["support_start_date"], referrer.start)
            last = min(today, referrer.end, opportunity["deadline_date"] or today)
            if first > last:
                continue
            informed = draws.day("informed", first, last, *key)
            channel = _pick(draws.u("channel", *key), CHANNELS)
            row = {
                "project_code": referrer.code,
                "opportunity_project_code": None if referrer is owner else owner.code,
                "opportunity_id": oid, "business_id": organisation["business_id"],
                "organisation_type": organisation["organisation_type"],
                "social_enterprise": organisation["social_enterprise"],
                "region_code": organisation["region_code"],
                "informed_date": informed, "channel": channel, "activity_id": None,
                **_status(draws, key, opportunity, informed, channel, today),
                "withdrawn": None,
            }
            row["status_checked_date"] = _checked(draws, key, row, today)
            rows.setdefault((referrer.code, owner.code, oid, organisation["business_id"]), row)
    frame = pl.DataFrame(list(rows.values()), schema=_schema(REFERRALS))
    return frame.select(REFERRALS.column_names).sort("project_code", "opportunity_id", "business_id")
