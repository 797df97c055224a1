"""Self-check figures for notebook 05: how rare the serious causes of back pain are
(the prevalence rows of ``data/selfcheck.json``)."""

from ..catalog.references import short_citations
from ..core.palette import OKABE_ITO
from ..topics.selfcheck import symptom_data
from . import FigureSpec
from .plotting import new_figure, styled


def _per_10000(row) -> str:
    n = row["percent"] * 100
    count = f"{n:.0f}" if n >= 1 else f"{n:g}"
    if row["bound"] == "under":
        return f"under {row['percent']:g}%: fewer than {count} in 10,000"
    if row["bound"] == "up to":
        return f"up to about {row['percent']:g}%: up to {count} in 10,000"
    return f"about {row['percent']:g}%: about {count} in 10,000"


def _sources() -> str:
    """'Verhagen et al. 2016; Henschke et al. 2009', from the rows' own references."""

    prev = symptom_data()["prevalence"]
    keys = list(dict.fromkeys([r["ref"] for r in prev["rows"] if "ref" in r] + prev["refs"]))
    cite = short_citations()
    return "; ".join(cite[k] for k in keys)


@styled
def draw_prevalence():

    prev = symptom_data()["prevalence"]
    rows = sorted(prev["rows"], key=lambda r: r["percent"])
    fig = new_figure(figsize=(8.5, 4.2))
    ax = fig.add_subplot()
    ys = range(len(rows))
    colour = OKABE_ITO["blue"]
    for y, row in zip(ys, rows):
        x = row["percent"]
        ax.hlines(y, 0.003, x, color="#bbbbbb", linewidth=1, zorder=1)
        if row["bound"] in ("under", "up to"):
            ax.annotate(
                "",
                xy=(x / 3, y),
                xytext=(x, y),
                arrowprops=dict(arrowstyle="-|>", color=colour, linewidth=1.5),
                zorder=2,
            )
            ax.plot([x], [y], marker="|", markersize=14, markeredgewidth=2.5, color=colour, zorder=3)
        else:
            ax.plot([x], [y], marker="o", markersize=9, color=colour, zorder=3)
        ax.text(x * 1.6, y, _per_10000(row), va="center", ha="left", fontsize=10)
    ax.set_yticks(list(ys), [r["label"] for r in rows])
    ax.set_xscale("log")
    ax.set_xlim(0.003, 5000)
    ticks = [0.01, 0.1, 1, 10, 100]
    ax.set_xticks(ticks, [f"{t:g}%" for t in ticks])
    ax.minorticks_off()
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel(
        "Percentage of people (log scale: each gridline is ten times the one before)\n"
        f"Sources: {_sources()}. Arrow: the true figure may be lower.",
        fontsize=9,
    )
    fig.suptitle(prev["title"], x=0.01, ha="left", fontsize=11, fontweight="bold")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.grid(axis="y", visible=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def _alt() -> str:

    rows = symptom_data()["prevalence"]["rows"]
    parts = [f"{r['label'][0].lower() + r['label'][1:]} {_per_10000(r).replace(': ', ' (', 1)})" for r in rows]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        "Dot plot on a log scale of how often serious causes were found in people seeing a family doctor "
        f"for low back pain: {listed}. Sources: {_sources()}."
    )


def figures():
    yield FigureSpec(name="selfcheck-prevalence.svg", alt=_alt(), draw=draw_prevalence)
