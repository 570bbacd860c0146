"""The programme's numbers as people read them: tables of words and shown numbers, one chart for
each, and the same tables as CSV, so that what is downloaded is exactly what the page shows.

Small numbers are already protected here: a cell holds `Count.shown` ("<5") and a hidden rate
is a dash; a chart draws nothing for either.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pygal
from babel.dates import format_skeleton
from flask_babel import format_decimal, get_locale
from pygal.style import Style

from jobbes import evaluation_labels, labels
from jobbes.i18n import gettext as _
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.evaluations import NowDoing, Outcome
from jobbes.services.indicators import (
    RESPONSE_BANDS,
    Indicators,
    Pair,
    Period,
    rate,
)

HIDDEN = "–"  # a rate, share or median not shown because a count behind it is under 5

STEP_LABELS = {
    "registered": _l("Registered"),
    "complete_profile": _l("Complete profile"),
    "first_interest": _l("First interest sent"),
    "first_answer": _l("First answer from an employer"),
    "talk": _l("Invited to a talk"),
    "trial_agreed": _l("Job trial agreed"),
    "trial_completed": _l("Job trial completed"),
    "offer": _l("Offered a place"),
    "hired": _l("Hired"),
}
PERIOD_KINDS = {"month": _l("Months"), "quarter": _l("Quarters"), "year": _l("Years")}
# The tables of the page, in its order; each is also a CSV (`?table=`).
TABLE_NAMES = (
    "funnel",
    "waiting_times",
    "waiting",
    "organisations",
    "trials",
    "listings",
    "response_rates",
    "outcomes",
    "evaluations",
    "follow_ups",
)
SECTOR_LABELS = {**{s.value: label for s, label in labels.SECTORS.items()}, "": _l("Not stated")}


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    uri: str  # a data: URI of the SVG, shown as an image (the page's CSP allows no inline style)


@dataclass
class Table:
    name: str
    caption: str
    header: list[str]
    rows: list[list[str]]
    chart: Chart | None = field(default=None)

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.header)
        writer.writerows(self.rows)
        return out.getvalue()


def period_label(period: Period) -> str:
    if period.kind == "month":
        return format_skeleton("yMMMM", period.start, locale=get_locale())
    if period.kind == "quarter":
        return _(
            "Quarter %(number)d, %(year)d",
            number=(period.start.month - 1) // 3 + 1,
            year=period.start.year,
        )
    return str(period.start.year)


def month_label(month: date) -> str:
    return format_skeleton("yMMM", month, locale=get_locale())


def percent(share: float | None) -> str:
    return HIDDEN if share is None else f"{format_decimal(round(share * 100))}\u00a0%"


def days(value: float | None) -> str:
    return HIDDEN if value is None else format_decimal(value, format="#,##0.#")


def _style() -> Style:
    # Designsystemet's accent blue and a grey, with text dark enough for contrast.
    return Style(
        background="white",
        plot_background="white",
        foreground="#1e2b3c",
        foreground_strong="#1e2b3c",
        foreground_subtle="#6b7280",
        colors=("#0062ba", "#8c96a3", "#1a7f37"),
        font_family="sans-serif",
        title_font_size=22,
        label_font_size=18,
        major_label_font_size=18,
        legend_font_size=18,
        value_font_size=16,
        no_data_font_size=24,
    )


def _render(chart: pygal.graph.graph.Graph, title: str, description: str) -> Chart:
    svg = chart.render(is_unicode=True)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Chart(title=title, description=description, uri=f"data:image/svg+xml;base64,{data}")


def _bars(
    title: str,
    description: str,
    names: list[str],
    series: list[tuple[str, list[int | None]]],
    *,
    horizontal: bool = False,
) -> Chart:
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(
        title=title,
        style=_style(),
        width=640,
        height=max(320, 40 * len(names) + 120) if horizontal else 360,
        legend_at_bottom=True,
        js=[],
        disable_xml_declaration=True,
        no_data_text=_("Under 5 everywhere: nothing to draw"),
        x_label_rotation=0 if horizontal else 20,
        truncate_label=-1,
        print_values=False,
        show_y_guides=True,
    )
    if horizontal:  # pygal draws the first bar at the bottom; read from the top instead
        names = names[::-1]
        series = [(name, values[::-1]) for name, values in series]
    chart.x_labels = names
    for name, values in series:
        chart.add(name, values)
    return _render(chart, title, description)


def _pair_rows(pairs: dict[str, Pair], name: Callable[[str], str]) -> list[list[str]]:
    return [[name(key), pair.now.shown, pair.before.shown] for key, pair in pairs.items()]


def _pair_series(
    pairs: dict[str, Pair], now: str, before: str
) -> list[tuple[str, list[int | None]]]:
    return [
        (now, [p.now.plotted for p in pairs.values()]),
        (before, [p.before.plotted for p in pairs.values()]),
    ]


def tables(numbers: Indicators, *, charts: bool = True) -> dict[str, Table]:
    """Every table of the page, in its order, with its chart (drawing them unless told not to)."""
    period = numbers.filters.period
    now, before = period_label(period), period_label(period.previous)
    small = _("Counts under 5 are not drawn.")
    result: dict[str, Table] = {}

    steps = [STEP_LABELS[s.step] for s in numbers.funnel]
    result["funnel"] = Table(
        name="funnel",
        caption=_("From sign-up to work: young people reaching each step for the first time"),
        header=[
            _("Step"),
            now,
            _("Share, %(period)s", period=now),
            before,
            _("Share, %(period)s", period=before),
        ],
        rows=[
            [
                str(STEP_LABELS[s.step]),
                s.now.shown,
                percent(s.conversion_now),
                s.before.shown,
                percent(s.conversion_before),
            ]
            for s in numbers.funnel
        ],
        chart=None
        if not charts
        else _bars(
            _("Young people at each step"),
            _(
                "How many young people reached each step for the first time, %(now)s compared with %(before)s. %(small)s",
                now=now,
                before=before,
                small=small,
            ),
            [str(s) for s in steps],
            [
                (now, [s.now.plotted for s in numbers.funnel]),
                (before, [s.before.plotted for s in numbers.funnel]),
            ],
            horizontal=True,
        ),
    )

    result["waiting_times"] = Table(
        name="waiting_times",
        caption=_("How long young people wait (median days from their first interest)"),
        header=[
            _("Until"),
            now,
            _("Young people, %(period)s", period=now),
            before,
            _("Young people, %(period)s", period=before),
        ],
        rows=[
            [
                _("the first answer from an employer"),
                days(numbers.median_answer[0]),
                numbers.answered.now.shown,
                days(numbers.median_answer[1]),
                numbers.answered.before.shown,
            ],
            [
                _("the first job trial agreed"),
                days(numbers.median_trial[0]),
                numbers.trialled.now.shown,
                days(numbers.median_trial[1]),
                numbers.trialled.before.shown,
            ],
        ],
    )

    months = [month_label(m.month) for m in numbers.waiting]
    result["waiting"] = Table(
        name="waiting",
        caption=_("Young people past 8 weeks without an offer, at the end of each month"),
        header=[
            _("Month"),
            _("Looking for work"),
            _("Past 8 weeks without an offer"),
            _("Share past 8 weeks"),
        ],
        rows=[
            [month_label(m.month), m.looking.shown, m.past_limit.shown, percent(m.share)]
            for m in numbers.waiting
        ],
        chart=None
        if not charts
        else _line(
            _("Share past 8 weeks without an offer"),
            _(
                "The share of young people looking for work who have waited more than 8 weeks since their first interest without an offer, at the end of each month. The programme's goal is that nobody does. Months with fewer than 5 are not drawn."
            ),
            months,
            [None if m.share is None else round(m.share * 100, 1) for m in numbers.waiting],
        ),
    )

    result["organisations"] = Table(
        name="organisations",
        caption=_("Active organisations by sector: a listing published or an interest received"),
        header=[_("Sector"), now, before],
        rows=_pair_rows(numbers.active_by_sector, lambda s: str(SECTOR_LABELS[s])),
        chart=None
        if not charts
        else _bars(
            _("Active organisations by sector"),
            _(
                "Organisations that published a listing or received an interest, %(now)s compared with %(before)s. %(small)s",
                now=now,
                before=before,
                small=small,
            ),
            [str(SECTOR_LABELS[s]) for s in numbers.active_by_sector],
            _pair_series(numbers.active_by_sector, now, before),
        ),
    )
    result["trials"] = Table(
        name="trials",
        caption=_("Job trials hosted (agreed), by the employer's sector"),
        header=[_("Sector"), now, before],
        rows=_pair_rows(numbers.trials_by_sector, lambda s: str(SECTOR_LABELS[s])),
    )
    kinds = {k.value: v for k, v in labels.LISTING_TYPES.items()}
    result["listings"] = Table(
        name="listings",
        caption=_("Listings published, by kind"),
        header=[_("Kind of listing"), now, before],
        rows=_pair_rows(numbers.listings_by_kind, lambda k: str(kinds[k])),
        chart=None
        if not charts
        else _bars(
            _("Listings published, by kind"),
            _(
                "Listings published %(now)s compared with %(before)s. %(small)s",
                now=now,
                before=before,
                small=small,
            ),
            [str(kinds[k]) for k in numbers.listings_by_kind],
            _pair_series(numbers.listings_by_kind, now, before),
        ),
    )
    bands = [_("%(low)d–%(high)d %%", low=low, high=min(high, 100)) for low, high in RESPONSE_BANDS]
    result["response_rates"] = Table(
        name="response_rates",
        caption=_(
            "Organisations by response rate: the share of interests received that they answered"
        ),
        header=[_("Response rate"), now, before],
        rows=[
            [band, n.shown, b.shown]
            for band, (_b, n, b) in zip(bands, numbers.response_rates, strict=True)
        ]
        + [
            [
                _("Fewer than 5 interests received: no rate"),
                numbers.too_few_to_rate.now.shown,
                numbers.too_few_to_rate.before.shown,
            ]
        ],
        chart=None
        if not charts
        else _bars(
            _("Organisations by response rate"),
            _(
                "How many organisations answered what share of the interests they received, %(now)s compared with %(before)s. Organisations with fewer than 5 interests are left out. %(small)s",
                now=now,
                before=before,
                small=small,
            ),
            bands,
            [
                (now, [n.plotted for _b, n, _p in numbers.response_rates]),
                (before, [b.plotted for _b, _n, b in numbers.response_rates]),
            ],
        ),
    )
    result["outcomes"] = Table(
        name="outcomes",
        caption=_("Hired: offers the young person accepted, by kind of listing"),
        header=[_("Kind of listing"), now, before],
        rows=_pair_rows(numbers.hires_by_kind, lambda k: str(kinds[k])),
        chart=None
        if not charts
        else _bars(
            _("Hired, by kind of listing"),
            _(
                "Young people who accepted an offer, %(now)s compared with %(before)s. %(small)s",
                now=now,
                before=before,
                small=small,
            ),
            [str(kinds[k]) for k in numbers.hires_by_kind],
            _pair_series(numbers.hires_by_kind, now, before),
        ),
    )
    outcome_names = [str(evaluation_labels.OUTCOMES[Outcome(o)]) for o in numbers.outcomes]
    result["evaluations"] = Table(
        name="evaluations",
        caption=_("What came of job trials: the workplace's answer in the evaluation"),
        header=[
            _("Outcome"),
            now,
            _("Share, %(period)s", period=now),
            before,
            _("Share, %(period)s", period=before),
        ],
        rows=_share_rows(numbers.outcomes, outcome_names),
        chart=None
        if not charts
        else _bars(
            _("What came of job trials"),
            _(
                "Evaluations written by the workplace after a job trial, by outcome, %(now)s compared with %(before)s. %(small)s",
                now=now,
                before=before,
                small=small,
            ),
            outcome_names,
            _pair_series(numbers.outcomes, now, before),
            horizontal=True,
        ),
    )
    answers = [
        str(evaluation_labels.NOW_DOING[NowDoing(a)]) if a != "unanswered" else _("Not answered")
        for a in numbers.follow_ups[3]
    ]
    header = [_("What the young person is doing")]
    for after in numbers.follow_ups:
        header += [
            _("%(months)d months on, %(period)s", months=after, period=now),
            _("Share, %(months)d months on", months=after),
        ]
    result["follow_ups"] = Table(
        name="follow_ups",
        caption=_(
            "What young people were doing 3 and 6 months after a job trial, asked in %(period)s",
            period=now,
        ),
        header=header,
        rows=[
            [name, *(cell for cells in row for cell in cells)]
            for name, *row in zip(
                answers,
                *(_share_cells(numbers.follow_ups[m]) for m in numbers.follow_ups),
                strict=True,
            )
        ],
        chart=None
        if not charts
        else _bars(
            _("What young people were doing after a job trial"),
            _(
                "Answers to the question 3 and 6 months after a job trial, asked in %(period)s. %(small)s",
                period=now,
                small=small,
            ),
            answers,
            [
                (
                    _("%(months)d months on", months=m),
                    [p.now.plotted for p in numbers.follow_ups[m].values()],
                )
                for m in numbers.follow_ups
            ],
            horizontal=True,
        ),
    )
    return result


def _share_rows(pairs: dict[str, Pair], names: list[str]) -> list[list[str]]:
    """Each count with its share of all of them, for the period and the one before."""
    total_now = sum(p.now.value for p in pairs.values())
    total_before = sum(p.before.value for p in pairs.values())
    return [
        [
            name,
            p.now.shown,
            percent(rate(p.now.value, total_now)),
            p.before.shown,
            percent(rate(p.before.value, total_before)),
        ]
        for name, p in zip(names, pairs.values(), strict=True)
    ]


def _share_cells(pairs: dict[str, Pair]) -> list[list[str]]:
    """For one follow-up: each answer's count in the period and its share of all answers."""
    total_now = sum(p.now.value for p in pairs.values())
    return [[p.now.shown, percent(rate(p.now.value, total_now))] for p in pairs.values()]


def _line(title: str, description: str, months: list[str], values: list[float | None]) -> Chart:
    chart = pygal.Line(
        title=title,
        style=_style(),
        width=640,
        height=360,
        show_legend=False,
        js=[],
        disable_xml_declaration=True,
        no_data_text=_("Under 5 everywhere: nothing to draw"),
        x_label_rotation=30,
        range=(0, 100),
        allow_interruptions=True,
    )
    chart.x_labels = months
    chart.add(_("Share (%)"), values)
    return _render(chart, title, description)
