"""The monitoring-data contract (docs/monitoring-data.md, version 1, and the kinds contract 1.1
adds in docs/seed-work.md) as data.

One definition of every upload kind: its columns, Finnish aliases, types, requirement, codes and
key. The reader, the pandera schemas, the upload ledger's tables, the templates and the import
report are all generated from this module, so the contract lives in exactly one place.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from indicators.contract_lists import activity_pact_categories, competence_area_codes
from indicators.regions import region_names

ColumnType = Literal[
    "text",  # free text
    "code",  # one of `codes`
    "date",  # ISO 2025-03-31 or Finnish 31.3.2025
    "integer",
    "decimal",  # "." or "," as the decimal separator
    "yes_no",  # yes/no, true/false, 1/0, kyllä/ei, k/e, ja/nej; empty = unknown
    "yes_no_declined",  # as yes_no, plus `declined` (ei halua vastata, vill inte svara)
    "business_id",  # Y-tunnus NNNNNNN-C with a valid check digit
]

# How each column type is stored in the ledger and the warehouse (portable SQL type names).
SQL_TYPES: dict[str, str] = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "date": "DATE",
    "integer": "BIGINT",
    "decimal": "DOUBLE",
    "yes_no": "BOOLEAN",
    "yes_no_declined": "VARCHAR",  # 'yes' | 'no' | 'declined'
    "business_id": "VARCHAR",
}

# The valid region codes and their Finnish names, which uploads may use instead (the seed).
REGION_CODES: dict[str, str] = {code: names["fi"] for code, names in region_names().items()}
REGIONS = tuple(REGION_CODES)

KINDS = (
    "projects", "participants", "entities", "activities", "feedback", "targets",
    "funding_opportunities", "funding_referrals", "project_figures",
)
GENDERS = ("woman", "man", "non_binary")
MAX_ROWS = 1_000_000
# Dates before this are typing errors (0001-01-01, 1025-03-31), a row error in every date
# column: nobody in the programme was born, supported or reported on before 1900.
EARLIEST_DATE = dt.date(1900, 1, 1)
# Upper bounds of the numeric columns the spec leaves open ("≥ 0"): far beyond any real value,
# so that a typo of many digits (a 38-digit budget) is a row error and not a number that
# swamps every sum. A billion euros is more than the whole programme; a million persons more
# than any event or employer; 1,440 months is the age limit of 120 years; 10,000 hours more
# than a year round the clock.
MAX_EUROS = 1_000_000_000
MAX_PERSONS = 1_000_000
MAX_HOURS = 10_000
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


def fold_header(name: str) -> str:
    """Fold a header as the spec says: trim, lower-case, ä→a ö→o å→a, spaces and '-' to '_'.

    Decomposed letters (a + combining diaeresis, as macOS writes them) are composed first.
    The same folding applies to code and yes/no values (pipelines.ingest.parse mirrors it
    as a polars expression)."""
    folded = unicodedata.normalize("NFC", name).strip().lower()
    for src, dst in (("ä", "a"), ("ö", "o"), ("å", "a"), (" ", "_"), ("-", "_")):
        folded = folded.replace(src, dst)
    return folded


@dataclass(frozen=True)
class Column:
    name: str
    alias_fi: str
    type: ColumnType
    required: bool = False  # R in the spec: the column must be present and the cell filled
    codes: tuple[str, ...] = ()  # canonical codes for `code` columns
    code_aliases: dict[str, str] = field(default_factory=dict)  # alias -> canonical code
    default: str | None = None  # canonical value used when the cell is empty
    pattern: str | None = None  # regular expression a text value must match
    min: float | None = None
    max: float | None = None
    sensitive: bool = False  # special-category data: never echoed in reports
    greater_than: float | None = None  # exclusive lower bound (spec "> 0")
    note: str = ""  # the spec's remaining rule in words (conditional requirements etc.)
    # An empty cell takes the value of this column of the same row (a default that is not a
    # constant: funding_referrals.opportunity_project_code = project_code), mapped through
    # `default_map` when one is given (activities.pact_category from activity_type).
    default_from: str | None = None
    default_map: dict[str, str] = field(default_factory=dict)

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]


@dataclass(frozen=True)
class Kind:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    # Refuse the whole file when any cell holds an e-mail address (seed-work FUN-07): kinds
    # about organisations whose source lists routinely carry contact persons.
    refuses_emails: bool = False

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def identifier_columns(self) -> tuple[str, ...]:
        """The columns that hold an id, a code or a name: every text column (the contract has
        no free-text column). A henkilötunnus glued to letters is looked for in these."""
        return tuple(c.name for c in self.columns if c.type == "text")

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _withdrawn() -> Column:
    # Empty means "not withdrawn": stored as false so that `where not withdrawn` keeps the row.
    return Column("withdrawn", "poistettu", "yes_no", default="no")


def _project_code() -> Column:
    return Column("project_code", "hankekoodi", "text", required=True)


def _region_aliases() -> dict[str, str]:
    """Region names (Uusimaa, Etelä-Karjala ...) and bare numbers (1, 01) as aliases of MKnn."""
    aliases: dict[str, str] = {}
    for code, name in REGION_CODES.items():
        aliases[fold_header(name)] = code
        aliases[code[2:]] = code
        aliases[str(int(code[2:]))] = code
    return aliases


def _region(required: bool = False) -> Column:
    return Column(
        "region_code", "maakunta", "code", required=required, codes=REGIONS,
        code_aliases=_region_aliases(),
    )


PROJECTS = Kind(
    "projects",
    key=("project_code",),
    columns=(
        Column("project_code", "hankekoodi", "text", required=True, pattern=r"^[A-Z][0-9]{5}$"),
        Column("project_name", "hankkeen_nimi", "text", required=True),
        Column("lead_organisation", "toteuttaja", "text", required=True),
        Column("lead_business_id", "toteuttajan_y_tunnus", "business_id"),
        Column(
            "specific_objective", "erityistavoite", "text", required=True,
            pattern=r"^[0-9]\.[0-9]{1,2}$",
        ),
        # The national numbering ties each specific objective to its priority (4.1 is under
        # priority 4): the priority is a digit, the objective's first number (rules.py). No
        # list of the programme's priorities is kept anywhere else to check it against.
        Column(
            "priority", "toimintalinja", "text", required=True, pattern=r"^[0-9]$",
            note="the specific objective's first number",
        ),
        Column(
            "category_of_region", "aluekategoria", "code",
            codes=("more_developed", "transition", "less_developed"), default="more_developed",
        ),
        _region(required=True),
        Column("start_date", "alkupvm", "date", required=True),
        Column("end_date", "loppupvm", "date", required=True, note=">= start_date"),
        Column("budget_eur", "budjetti_eur", "decimal", min=0, max=MAX_EUROS),
        _withdrawn(),
    ),
)

_EXIT_NOTE = "required when exit_date is given; an error without exit_date"

PARTICIPANTS = Kind(
    "participants",
    key=("project_code", "participant_id"),
    columns=(
        _project_code(),
        Column("participant_id", "osallistujatunnus", "text", required=True, pattern=ID_PATTERN),
        Column("entry_date", "aloituspvm", "date", required=True, note="not in the future"),
        Column("exit_date", "lopetuspvm", "date", note=">= entry_date; not in the future"),
        Column(
            "gender", "sukupuoli", "code", required=True, codes=GENDERS,
            code_aliases={"nainen": "woman", "mies": "man", "muu": "non_binary"},
        ),
        Column("age_at_entry", "ika_aloittaessa", "integer", required=True, min=0, max=120),
        Column(
            "labour_market_status", "tyomarkkina_asema", "code", required=True,
            codes=("unemployed", "inactive", "employed"),
            code_aliases={
                "tyoton": "unemployed",
                "tyovoiman_ulkopuolella": "inactive",
                "tyossa": "employed",
            },
        ),
        Column(
            "unemployment_months", "tyottomyyden_kesto_kk", "integer", min=0, max=120 * 12,
            note="required if unemployed; must be empty otherwise",
        ),
        Column("education_isced", "koulutusaste_isced", "integer", min=0, max=8),
        Column("disability", "vamma", "yes_no_declined", sensitive=True),
        Column("third_country_national", "kolmannen_maan_kansalainen", "yes_no"),
        Column("foreign_background", "ulkomaalaistausta", "yes_no"),
        Column("minority", "vahemmisto", "yes_no_declined", sensitive=True),
        Column("homeless", "asunnoton", "yes_no"),
        Column("rural_area", "maaseutu", "yes_no"),
        Column("partial_work_ability", "osatyokykyinen", "yes_no_declined", sensitive=True),
        _region(),
        Column("exit_job_searching", "lopussa_tyonhaussa", "yes_no", note=_EXIT_NOTE),
        Column("exit_in_education", "lopussa_koulutuksessa", "yes_no", note=_EXIT_NOTE),
        Column("exit_qualification", "lopussa_tutkinto", "yes_no", note=_EXIT_NOTE),
        Column("exit_employed", "lopussa_tyossa", "yes_no", note=_EXIT_NOTE),
        Column("followup_date", "seurantapvm", "date", note=">= exit_date; only with exit_date"),
        Column("followup_employed", "seuranta_tyossa", "yes_no", note="only with followup_date"),
        Column(
            "followup_improved", "seuranta_tilanne_parantunut", "yes_no",
            note="only with followup_date and only for persons employed at entry",
        ),
        _withdrawn(),
    ),
)

ENTITIES = Kind(
    "entities",
    key=("project_code", "business_id"),
    columns=(
        _project_code(),
        Column("business_id", "y_tunnus", "business_id", required=True),
        Column("organisation_name", "organisaation_nimi", "text", required=True),
        Column(
            "organisation_type", "organisaatiotyyppi", "code", required=True,
            codes=(
                "enterprise", "public_administration", "education", "association",
                "foundation", "funder", "other",
            ),
        ),
        Column(
            "size_class", "kokoluokka", "code", codes=("micro", "small", "medium", "large"),
            note="required if enterprise",
        ),
        Column("cooperative", "osuuskunta", "yes_no"),
        Column(
            "social_enterprise", "yhteiskunnallinen_yritys", "code",
            codes=("mark", "wise", "self_declared", "no"), default="no",
        ),
        Column("newly_founded", "uusi_yritys", "yes_no"),
        Column("support_start_date", "tuen_alkupvm", "date", required=True),
        Column(
            "support_type", "tuen_tyyppi", "code", required=True,
            codes=("advisory", "training", "coaching", "networking", "other"),
        ),
        Column("support_hours", "tukitunnit", "decimal", min=0, max=MAX_HOURS),
        _region(),
        Column("employees", "henkilosto", "integer", min=0, max=MAX_PERSONS),
        Column(
            "employees_partial_work_ability", "osatyokykyiset_tyontekijat", "integer", min=0,
            max=MAX_PERSONS,
            note="at most employees",
        ),
        _withdrawn(),
    ),
)

# seed-work.md 3.3 (a): the Pact category of an activity, by default its type's. The types
# SE09 counts (training, webinar, peer_learning) are always upskilling (a row error otherwise).
# The defaults are the dbt seed activity_pact_categories.csv, which the models read too.
PACT_CATEGORIES = ("upskilling", "outreach", "partnership", "none")
PACT_CATEGORY_OF_TYPE: dict[str, str] = activity_pact_categories()
ALWAYS_UPSKILLING = tuple(t for t, c in PACT_CATEGORY_OF_TYPE.items() if c == "upskilling")

ACTIVITIES = Kind(
    "activities",
    key=("project_code", "activity_id"),
    columns=(
        _project_code(),
        Column("activity_id", "tapahtumatunnus", "text", required=True, pattern=ID_PATTERN),
        Column(
            "activity_type", "tapahtumatyyppi", "code", required=True,
            codes=(
                "training", "advisory", "network_event", "webinar", "peer_learning",
                "info_event",
            ),
        ),
        Column("title", "otsikko", "text", required=True),
        Column("start_date", "alkupvm", "date", required=True),
        Column("end_date", "loppupvm", "date", note=">= start_date"),
        Column(
            "duration_hours", "kesto_h", "decimal", required=True, greater_than=0, max=MAX_HOURS,
            note="> 0",
        ),
        Column(
            "delivery_mode", "toteutustapa", "code", codes=("in_person", "online", "hybrid"),
        ),
        Column(
            "target_group", "kohderyhma", "code", required=True,
            codes=(
                "social_enterprises", "business_services", "employment_services", "education",
                "public_sector", "other",
            ),
        ),
        _region(),
        Column("attendees_total", "osallistujat_yht", "integer", required=True, min=0, max=MAX_PERSONS),
        Column("attendees_women", "osallistujat_naiset", "integer", min=0, max=MAX_PERSONS),
        Column("attendees_men", "osallistujat_miehet", "integer", min=0, max=MAX_PERSONS),
        Column(
            "attendees_non_binary", "osallistujat_muut", "integer", min=0, max=MAX_PERSONS,
            note="women + men + non_binary <= total",
        ),
        Column("organisations_represented", "organisaatioita", "integer", min=0, max=MAX_PERSONS),
        # contract 1.1 (seed-work.md 3.3 a): the EU Pact for Skills
        Column(
            "pact_category", "pact_luokka", "code", codes=PACT_CATEGORIES,
            code_aliases={
                "osaamisen_kehittaminen": "upskilling", "tiedottaminen": "outreach",
                "kumppanuus": "partnership", "ei": "none",
            },
            default_from="activity_type", default_map=PACT_CATEGORY_OF_TYPE,
            note="default by activity_type; training, webinar and peer_learning are always upskilling",
        ),
        Column("new_training_programme", "uusi_koulutusohjelma", "yes_no"),
        Column("competence_area", "osaamisalue", "code", codes=competence_area_codes()),
        _withdrawn(),
    ),
)

FEEDBACK = Kind(
    "feedback",
    key=("project_code", "activity_id", "respondent_id"),
    columns=(
        _project_code(),
        Column(
            "activity_id", "tapahtumatunnus", "text", required=True,
            note="must exist in activities of the same project",
        ),
        Column("respondent_id", "vastaajatunnus", "text", required=True, pattern=ID_PATTERN),
        Column("response_date", "vastauspvm", "date", required=True),
        Column("satisfaction", "tyytyvaisyys", "integer", min=1, max=5),
        Column("competence_before", "osaaminen_ennen", "integer", min=1, max=5),
        Column("competence_after", "osaaminen_jalkeen", "integer", min=1, max=5),
        _withdrawn(),
    ),
)

TARGETS = Kind(
    "targets",
    key=("scope_type", "scope_code", "indicator_code", "target_date"),
    columns=(
        Column(
            "scope_type", "taso", "code", required=True,
            codes=("programme", "specific_objective", "project"),
        ),
        Column("scope_code", "tunnus", "text", required=True),
        Column(
            "indicator_code", "indikaattori", "text", required=True,
            note="a code in the indicator catalogue",
        ),
        Column("target_date", "tavoitepvm", "date", required=True),
        Column("target_value", "tavoitearvo", "decimal", required=True, min=0, max=MAX_EUROS),
        Column(
            "gender", "sukupuoli", "code", codes=("total",) + GENDERS, default="total",
            code_aliases={
                "yhteensa": "total", "nainen": "woman", "mies": "man", "muu": "non_binary",
            },
        ),
        _withdrawn(),
    ),
)

# ---- contract 1.1 (docs/seed-work.md section 2): funding opportunities and referrals ---------

FUNDING_OPPORTUNITIES = Kind(
    "funding_opportunities",
    key=("project_code", "opportunity_id"),
    refuses_emails=True,
    columns=(
        _project_code(),
        Column("opportunity_id", "rahoitustunnus", "text", required=True, pattern=ID_PATTERN),
        Column("title", "otsikko", "text", required=True),
        Column(
            "programme", "rahoitusohjelma", "code", required=True,
            codes=(
                "esf_plus_national", "esf_plus_easi", "esf_plus_social_innovation", "erdf",
                "interreg", "single_market_programme", "erasmus_plus", "horizon_europe",
                "invest_eu", "life", "cerv", "eafrd_leader", "business_finland",
                "ely_enterprise_aid", "finnvera", "state_grant", "municipal", "foundation",
                "private_investor", "other",
            ),
            code_aliases={
                "esr_plus": "esf_plus_national", "uudistuva_ja_osaava_suomi": "esf_plus_national",
                "eakr": "erdf", "smp": "single_market_programme", "cosme": "single_market_programme",
                "maaseuturahasto": "eafrd_leader", "leader": "eafrd_leader",
                "ely_yritystuki": "ely_enterprise_aid", "valtionavustus": "state_grant",
                "kunta": "municipal", "saatio": "foundation", "sijoittaja": "private_investor",
                "muu": "other",
            },
        ),
        Column(
            "management", "hallinnointi", "code", codes=("direct", "shared", "national", "private"),
        ),
        Column(
            "instrument", "rahoitusmuoto", "code", required=True,
            codes=("grant", "loan", "guarantee", "equity", "procurement", "prize", "advisory", "other"),
            code_aliases={
                "avustus": "grant", "laina": "loan", "takaus": "guarantee", "oma_paaoma": "equity",
                "hankinta": "procurement", "palkinto": "prize", "neuvonta": "advisory",
            },
        ),
        Column("call_identifier", "haun_tunnus", "text"),
        Column("url", "linkki", "text", pattern=r"^https://\S+$"),
        Column("on_gateway", "gatewayssa", "yes_no"),
        Column("contributed_to_gateway", "toimitettu_gatewayhin", "yes_no"),
        Column("opening_date", "haku_alkaa", "date"),
        Column("deadline_date", "haku_paattyy", "date", note=">= opening_date; empty = continuous"),
        Column(
            "deadline_model", "hakumalli", "code", codes=("single_stage", "two_stage", "continuous"),
            code_aliases={
                "yksivaiheinen": "single_stage", "kaksivaiheinen": "two_stage", "jatkuva": "continuous",
            },
        ),
        Column("budget_eur", "haun_budjetti_eur", "decimal", min=0, max=MAX_EUROS),
        Column("grant_min_eur", "tuki_min_eur", "decimal", min=0, max=MAX_EUROS),
        Column("grant_max_eur", "tuki_max_eur", "decimal", min=0, max=MAX_EUROS, note=">= grant_min_eur"),
        Column("max_funding_rate_pct", "tukiprosentti_max", "decimal", min=0, max=100),
        Column("consortium_required", "vaatii_konsortion", "yes_no"),
        Column("eligible_enterprise", "kelpoinen_yritys", "yes_no"),
        Column("eligible_association", "kelpoinen_yhdistys", "yes_no"),
        Column("eligible_foundation", "kelpoinen_saatio", "yes_no"),
        Column("eligible_public_administration", "kelpoinen_julkinen", "yes_no"),
        Column("eligible_education", "kelpoinen_oppilaitos", "yes_no"),
        Column(
            "geographic_scope", "maantieteellinen_kattavuus", "code",
            codes=("eu", "national", "regional"),
            code_aliases={"valtakunnallinen": "national", "alueellinen": "regional"},
        ),
        Column(
            "region_code", "maakunta", "code", codes=REGIONS, code_aliases=_region_aliases(),
            note="required if geographic_scope = regional",
        ),
        Column(
            "theme", "teema", "code",
            codes=(
                "employment_inclusion", "social_innovation", "skills", "digital", "green",
                "finance_access", "rural", "care", "other",
            ),
        ),
        Column("recorded_date", "kirjattu", "date", required=True, note="not in the future"),
        _withdrawn(),
    ),
)

# The referral statuses (a funnel: each change is a new version of the referral's key).
REFERRAL_STATUSES = (
    "informed", "preparing", "submitted", "funded", "rejected", "not_applied", "cancelled",
)
# Which eligibility flag of the opportunity each organisation type is checked against (FUN-04).
ELIGIBILITY_FLAGS: dict[str, str] = {
    "enterprise": "eligible_enterprise",
    "association": "eligible_association",
    "foundation": "eligible_foundation",
    "public_administration": "eligible_public_administration",
    "education": "eligible_education",
}

FUNDING_REFERRALS = Kind(
    "funding_referrals",
    key=("project_code", "opportunity_project_code", "opportunity_id", "business_id"),
    refuses_emails=True,
    columns=(
        _project_code(),
        Column(
            "opportunity_project_code", "rahoitus_hankekoodi", "text", default_from="project_code",
            note="default = project_code",
        ),
        Column(
            "opportunity_id", "rahoitustunnus", "text", required=True,
            note="must be in funding_opportunities under opportunity_project_code",
        ),
        Column("business_id", "y_tunnus", "business_id", required=True),
        Column(
            "organisation_type", "organisaatiotyyppi", "code",
            codes=ENTITIES.column("organisation_type").codes,
            note="required unless the business_id is in entities of project_code (entities wins)",
        ),
        Column(
            "social_enterprise", "yhteiskunnallinen_yritys", "code",
            codes=ENTITIES.column("social_enterprise").codes, note="entities wins",
        ),
        Column(
            "region_code", "maakunta", "code", codes=REGIONS, code_aliases=_region_aliases(),
            note="entities wins",
        ),
        Column("informed_date", "tiedotettu", "date", required=True, note="not in the future"),
        Column(
            "channel", "kanava", "code", required=True,
            codes=("advisory", "training", "info_event", "email", "gateway", "other"),
            code_aliases={
                "neuvonta": "advisory", "koulutus": "training", "infotilaisuus": "info_event",
                "sahkoposti": "email", "gateway_ohjaus": "gateway", "muu": "other",
            },
        ),
        Column(
            "activity_id", "tapahtumatunnus", "text",
            note="must exist in activities of the same project",
        ),
        Column(
            "status", "tila", "code", required=True, codes=REFERRAL_STATUSES,
            code_aliases={
                "tiedotettu": "informed", "valmistelee": "preparing", "haettu": "submitted",
                "myonnetty": "funded", "hylatty": "rejected", "ei_hakenut": "not_applied",
                "peruttu": "cancelled",
            },
        ),
        Column(
            "application_date", "hakupvm", "date",
            note="required if status is submitted, funded or rejected",
        ),
        Column("applied_amount_eur", "haettu_eur", "decimal", min=0, max=MAX_EUROS),
        Column(
            "role_in_application", "rooli_hakemuksessa", "code", codes=("lead", "partner"),
            code_aliases={"paahakija": "lead", "osatoteuttaja": "partner"},
        ),
        Column(
            "decision_date", "paatospvm", "date",
            note="required if status is funded or rejected; >= application_date",
        ),
        Column(
            "granted_amount_eur", "myonnetty_eur", "decimal", min=0, max=MAX_EUROS,
            note="required if funded, only with funded; this organisation's own share",
        ),
        Column(
            "status_checked_date", "tila_tarkistettu", "date", required=True,
            note=">= informed_date; not in the future",
        ),
        _withdrawn(),
    ),
)

# ---- contract 1.1 (docs/seed-work.md section 3.3 d): yearly figures reported by hand ---------

PROJECT_FIGURE_CODES = (
    "skills_investment_eur", "distinct_persons_upskilled", "newsletter_recipients",
    "event_reach_other", "web_visits", "social_media_reach", "media_mentions",
    "policy_statements", "international_events",
)

PROJECT_FIGURES = Kind(
    "project_figures",
    key=("project_code", "year", "figure_code"),
    columns=(
        _project_code(),
        Column("year", "vuosi", "integer", required=True, min=2021, max=2029),
        Column(
            "figure_code", "luku", "code", required=True, codes=PROJECT_FIGURE_CODES,
            code_aliases={"lausunnot": "policy_statements"},
        ),
        Column("value", "arvo", "decimal", required=True, min=0, max=MAX_EUROS),
        Column("note", "huomautus", "text", note="at most 500 characters"),
        _withdrawn(),
    ),
)

CONTRACT: dict[str, Kind] = {
    k.name: k
    for k in (
        PROJECTS, PARTICIPANTS, ENTITIES, ACTIVITIES, FEEDBACK, TARGETS,
        FUNDING_OPPORTUNITIES, FUNDING_REFERRALS, PROJECT_FIGURES,
    )
}


def header_lookup(kind: Kind) -> dict[str, str]:
    """Folded canonical names and Finnish aliases -> canonical column name."""
    lookup: dict[str, str] = {}
    for c in kind.columns:
        lookup[fold_header(c.name)] = c.name
        lookup[fold_header(c.alias_fi)] = c.name
    return lookup


# The words a template offers for yes/no columns (the reader accepts more: see parse.py).
YES_NO_WORDS: dict[str, tuple[str, str, str]] = {
    "fi": ("kyllä", "ei", "ei halua vastata"),
    "en": ("yes", "no", "declined"),
}


def choices(col: Column, lang: str = "en") -> tuple[str, ...]:
    """The values a template offers for a coded or yes/no column, empty for other columns.

    English: the canonical codes. Finnish: each code's first Finnish alias (nainen, tyoton ...)
    or the code itself where it has none; region codes stay MKnn in both languages, as
    Statistics Finland writes them. Aliases are the spec's (tyoton, not työtön: the reader folds
    ä and ö, so both are accepted). The reader accepts every value offered here."""
    words = YES_NO_WORDS["fi" if lang == "fi" else "en"]
    if col.type == "yes_no":
        return words[:2]
    if col.type == "yes_no_declined":
        return words
    if col.type != "code":
        return ()
    if lang != "fi" or col.codes == REGIONS:
        return col.codes
    first: dict[str, str] = {}
    for alias, code in col.code_aliases.items():
        first.setdefault(code, alias)
    return tuple(first.get(code, code) for code in col.codes)
