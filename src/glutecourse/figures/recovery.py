"""Recovery figures: the example timeline (notebook 07) and the sample pain diary (notebook 09)."""

from . import FigureSpec


def _timeline(kind):
    def draw():
        from ..timeline import timeline_figure

        return timeline_figure(kind)

    draw.__module__ = __name__
    return draw


def _diary_sample():
    from ..diary import Settings, diary_figure, sample_entries

    entries = sample_entries()
    # The sample's pain began on its first day (its first note says so): recent pain, so
    # the chart compares it with the acute average from that day.
    return diary_figure(entries, title="Sample diary (made-up data for illustration)",
                        settings=Settings(pain_began=entries[0].date))


def figures():
    yield FigureSpec(
        name="timeline-acute.svg",
        alt=(
            "Line chart of average pain (0 to 100) over 52 weeks for acute low back pain, from Menezes Costa "
            "et al. 2012. Published means with 95% confidence intervals: 52 at week 0, 23 at week 6, 12 at "
            "week 26 and 6 at week 52, joined by dashed straight lines the course drew between them. Pain falls "
            "fast in the first 6 weeks, then slowly. Dotted lines mark about 1 month (average pain down by more "
            "than half), about 8 weeks (half recovered from pain), about 3 months (1 in 3 recovered) and 1 year "
            "(72% fully recovered; 65% still some pain). Shaded bands show the example programme's four phases. "
            "Labelled: average across studies; individuals vary."
        ),
        draw=_timeline("acute"),
    )
    yield FigureSpec(
        name="timeline-persistent.svg",
        alt=(
            "Line chart of average pain (0 to 100) over 52 weeks for persistent low back pain, from Menezes Costa "
            "et al. 2012. Published means with 95% confidence intervals: 51 at week 0, 33 at week 6, 26 at week 26 "
            "and 23 at week 52, joined by dashed straight lines the course drew between them. Pain eases in the "
            "first 6 weeks, then stays moderate. Shaded bands show the example programme's four phases. "
            "Labelled: average across studies; individuals vary."
        ),
        draw=_timeline("persistent"),
    )
    yield FigureSpec(
        name="diary-sample.svg",
        alt=(
            "Sample pain diary over 8 weeks (made-up data). Dots show daily pain from 0 to 10, starting around 7 "
            "and falling with ups and downs to around 2; a solid line shows the 7-day rolling average, which falls "
            "smoothly. A dashed line shows the published average for acute low back pain rescaled to 0-10, "
            "labelled example average, not a target. Bars along the bottom show minutes of exercise each day."
        ),
        draw=_diary_sample,
    )
