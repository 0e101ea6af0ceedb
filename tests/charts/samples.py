"""Realistic chart inputs in English and Nepali, as the stats step would build them."""

from charts import HeadlineChart, PracticeBar, TrendChart, TrendSeries

ENGLISH_PRACTICES = (
    "Creating High Expectations and Inclusive Learning Environment",
    "Lesson Planning and Delivery",
    "Checking for Understanding",
    "Classroom Management",
    "Use of Teaching and Learning Materials",
)
NEPALI_PRACTICES = (
    "उच्च अपेक्षाहरू र समावेशी सिकाइ वातावरण सिर्जना गर्दै",
    "पाठ योजना र प्रस्तुति",
    "बुझाइको जाँच",
    "कक्षा व्यवस्थापन",
    "शिक्षण सामग्रीको प्रयोग",
)
AVERAGES = (4.3, 3.2, None, 4.0, 2.6)


def english_headline(averages: tuple[float | None, ...] = AVERAGES) -> HeadlineChart:
    return HeadlineChart(
        title="Shree Janata School - stats",
        school_average_label="School average",
        school_average=3.5,
        practices=[
            PracticeBar(label, avg) for label, avg in zip(ENGLISH_PRACTICES, averages, strict=True)
        ],
        positive_label="Positive (4.0+)",
        improve_label="Needs improvement",
        no_data_label="No data",
    )


def nepali_headline() -> HeadlineChart:
    return HeadlineChart(
        title="श्री जनता विद्यालय - तथ्याङ्क",
        school_average_label="विद्यालय औसत",
        school_average=3.5,
        practices=[
            PracticeBar(label, avg) for label, avg in zip(NEPALI_PRACTICES, AVERAGES, strict=True)
        ],
        positive_label="सकारात्मक (४.०+)",  # noqa: RUF001 - Devanagari digits on purpose
        improve_label="सुधार आवश्यक",
        no_data_label="डाटा छैन",
    )


def long_headline() -> HeadlineChart:
    practices = [
        PracticeBar(
            f"Practice {n}: creating high expectations and an inclusive learning environment "
            "where every learner is supported, challenged and checked for understanding daily",
            1.0 + (n * 0.41) % 4,
        )
        for n in range(10)
    ]
    return HeadlineChart(
        title="Government Secondary School of a Very Long Name, Kailali District - stats",
        school_average_label="School average across every observed teaching practice",
        school_average=3.1,
        practices=practices,
        positive_label="Positive (4.0+)",
        improve_label="Needs improvement",
        no_data_label="No data",
    )


def empty_headline() -> HeadlineChart:
    return HeadlineChart(
        title="Shree Janata School - stats",
        school_average_label="School average",
        school_average=None,
        practices=[PracticeBar(label, None) for label in ENGLISH_PRACTICES],
        positive_label="Positive (4.0+)",
        improve_label="Needs improvement",
        no_data_label="No data",
    )


_MONTHS = ("Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug")


def trend(periods: int, nepali: bool = False) -> TrendChart:
    """School average plus five practices, with gaps where a month had no observation."""
    names = ("विद्यालय औसत", *NEPALI_PRACTICES) if nepali else ("School average", *ENGLISH_PRACTICES)
    series = []
    for s, name in enumerate(names):
        values: list[float | None] = []
        for p in range(periods):
            gap = (s + p) % 5 == 3
            values.append(None if gap else round(1.5 + ((s * 13 + p * 3) % 35) / 10, 1))
        series.append(TrendSeries(name, values))
    labels = [f"{_MONTHS[p % 12]} {2026 + (p + 8) // 12}" for p in range(periods)]
    return TrendChart(title="Shree Janata School - trend", periods=labels, series=series)
