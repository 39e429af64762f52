"""Charts for reports, drawn server-side as SVG with matplotlib.

The same SVG goes into the page and the PDF board paper (as a data URI image, which keeps the
Content Security Policy strict). Every chart has a text alternative: the table beside it.
"""

import base64
import functools
import hashlib
import io
import logging

import matplotlib

matplotlib.use("Agg")  # no display: render to files only

from django.core.cache import cache  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

# GOV.UK Frontend's tag colours, so a chart reads like the status tags on the pages.
STATUS_COLOURS = {
    "met": "#00703c",
    "expiring": "#ffdd00",
    "expired": "#d4351c",
    "missing": "#b1b4b6",
}
BRAND = "#54319f"

# Arial is the brand font; Liberation Sans has its metrics; DejaVu Sans is always there.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
plt.rcParams.update(
    {
        "font.family": ["sans-serif"],
        "font.sans-serif": ["Arial", "Liberation Sans", "DejaVu Sans"],
        "font.size": 9,
        "svg.fonttype": "none",  # text stays text: selectable in the PDF, small files
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _to_svg(fig) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight")
    plt.close(fig)
    return out.getvalue()


CHART_CACHE_SECONDS = 24 * 60 * 60


def _memoized(draw):
    """Keep each drawn chart in the cache under a digest of everything it is drawn from.

    Drawing is most of a report page's time (about 80 ms a chart with matplotlib, whatever
    the data size), while the figures behind it change rarely. The key is the chart's own
    inputs, so new figures always draw a new chart: a cached one is never out of date.
    """

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        digest = hashlib.sha256(
            repr((draw.__name__, args, sorted(kwargs.items()))).encode()
        ).hexdigest()
        key = f"reports:chart:{digest}"
        svg = cache.get(key)
        if svg is None:
            svg = draw(*args, **kwargs)
            cache.set(key, svg, CHART_CACHE_SECONDS)
        return svg

    return wrapper


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@_memoized
def stacked_status_bars(labels: list[str], counts: list[dict], title: str) -> str:
    """Horizontal 100% bars: the share of requirements met / expiring / expired / missing."""
    height = max(1.6, 0.32 * len(labels) + 0.9)
    fig, ax = plt.subplots(figsize=(7.5, height))
    lefts = [0.0] * len(labels)
    for status, colour in STATUS_COLOURS.items():
        shares = []
        for c in counts:
            total = sum(c.get(s, 0) for s in STATUS_COLOURS) or 1
            shares.append(100 * c.get(status, 0) / total)
        ax.barh(
            labels,
            shares,
            left=lefts,
            color=colour,
            label=status.capitalize(),
            height=0.7,
        )
        lefts = [a + b for a, b in zip(lefts, shares, strict=True)]
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of requirements")
    ax.invert_yaxis()
    ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    ax.legend(
        ncols=4,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.18 if len(labels) > 3 else -0.4),
        frameon=False,
    )
    return _to_svg(fig)


@_memoized
def bars(labels: list[str], values: list[float], title: str, xlabel: str) -> str:
    height = max(1.6, 0.32 * len(labels) + 0.9)
    fig, ax = plt.subplots(figsize=(7.5, height))
    ax.barh(labels, values, color=BRAND, height=0.7)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    return _to_svg(fig)


@_memoized
def line(
    labels: list[str],
    series: dict[str, list[float]],
    title: str,
    ylabel: str,
    *,
    counts: bool = False,
) -> str:
    fig, ax = plt.subplots(figsize=(7.5, 2.8))
    if counts:  # whole numbers only on the axis
        ax.yaxis.get_major_locator().set_params(integer=True)
    # Positions, not the labels themselves: "Apr 2026" would otherwise be parsed as a date.
    positions = list(range(len(labels)))
    for name, values in series.items():
        ax.plot(positions, values, marker="o", label=name)
    ax.set_xticks(positions, labels)
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    ax.tick_params(axis="x", labelrotation=45)
    if len(series) > 1:
        ax.legend(frameon=False)
    return _to_svg(fig)
