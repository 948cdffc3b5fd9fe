"""The server-drawn SVG charts: well-formed, described for screen readers, gaps (not zeros) for
months with no figure or a withheld one, attributes only (no CSS, no script), and drawn into a
PDF through xhtml2pdf and svglib as the board report will."""

import io
import xml.etree.ElementTree as ET

import pypdf
import pytest
from svglib.svglib import svg2rlg
from xhtml2pdf import pisa

from cms.pdf import link_callback, resource_policy
from leadership.charts import Bar, Point, bar_chart, format_number, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart):
    return ET.fromstring(chart.svg)


def months_chart(values, **kwargs):
    points = [
        Point(f"M{index}", value, "<5" if value is None else "")
        for index, value in enumerate(values)
    ]
    return line_chart(
        points,
        title=kwargs.pop("title", "Occupancy at Alder House"),
        description=kwargs.pop("description", "Occupancy each month."),
        chart_id=kwargs.pop("chart_id", "chart-occupancy"),
        **kwargs,
    )


def test_line_chart_is_an_image_with_its_title_and_description():
    root = parse(months_chart([80, 82, 85], title="Occupancy <& friends>"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-occupancy-title chart-occupancy-desc"
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (
        f"{SVG}title",
        "chart-occupancy-title",
        "Occupancy <& friends>",
    )
    assert (desc.tag, desc.get("id"), desc.text) == (
        f"{SVG}desc",
        "chart-occupancy-desc",
        "Occupancy each month.",
    )


def test_withheld_months_are_gaps_with_a_label_not_zeros():
    root = parse(months_chart([10, None, 30, 40, None, 60]))
    lines = root.findall(f"{SVG}polyline")
    # 10 stands alone (a dot), 30-40 is a line, 60 stands alone: one polyline of two points.
    assert len(lines) == 1
    assert len(lines[0].get("points").split()) == 2
    assert len(root.findall(f"{SVG}circle")) == 4  # a dot for every month with a figure
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert texts.count("<5") == 2
    assert any(text.startswith("Gaps: months with no figure") for text in texts)


def test_an_unbroken_run_is_one_line_and_has_no_gap_legend():
    root = parse(months_chart([10, 20, 30]))
    assert len(root.findall(f"{SVG}polyline")) == 1
    assert not any("Gaps" in (element.text or "") for element in root.iter(f"{SVG}text"))


def test_percent_axis_starts_at_zero_and_is_labelled_in_percent():
    root = parse(months_chart([80, 90], unit="%"))
    labels = [element.text for element in root.iter(f"{SVG}text")]
    assert "0%" in labels and "100%" in labels


def test_a_chart_with_nothing_to_show_says_so():
    root = parse(months_chart([None, None]))
    assert root.findall(f"{SVG}polyline") == []
    assert "No figures to show" in [element.text for element in root.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    "chart",
    [
        months_chart([1, None, 3]),
        bar_chart([Bar("Dignity", 12.5)], title="t", description="d", chart_id="c"),
    ],
)
def test_svg_is_styled_by_attributes_only(chart):
    for element in parse(chart).iter():
        assert "class" not in element.attrib and "style" not in element.attrib
        assert element.tag.removeprefix(SVG) in {
            "svg",
            "title",
            "desc",
            "rect",
            "line",
            "polyline",
            "circle",
            "text",
        }


def test_bar_chart_draws_a_bar_per_row_with_its_value_and_shortens_long_labels():
    long_label = "Harmful choices on a principle with a very long name indeed"
    chart = bar_chart(
        [Bar(long_label, 40), Bar("Dignity", 10)],
        title="Harmful choices",
        description="By principle.",
        chart_id="harmful",
        unit="%",
    )
    root = parse(chart)
    bars = root.findall(f"{SVG}rect")[1:]  # the first is the background
    assert len(bars) == 2
    assert float(bars[0].get("width")) == pytest.approx(4 * float(bars[1].get("width")))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "40%" in texts and "10%" in texts
    assert long_label not in texts
    assert any(text.endswith("…") and long_label.startswith(text[:-1]) for text in texts)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Harmful choices"


def test_numbers_have_one_decimal_place_at_most():
    assert [format_number(v) for v in (12, 12.0, 12.54, -3.0, 0.04)] == [
        "12",
        "12",
        "12.5",
        "-3",
        "0",
    ]


def test_svglib_reads_the_chart():
    drawing = svg2rlg(io.BytesIO(months_chart([10, None, 30, 40]).svg.encode()))
    assert drawing is not None
    assert drawing.width == 640 * 0.75  # pixels, in points
    assert drawing.contents  # lines, dots and labels, not an empty picture


def test_the_chart_goes_into_a_pdf_through_xhtml2pdf():
    chart = months_chart([10, None, 30, 40])
    html = (
        "<html><body><p>Board report</p>"
        f'<img src="{chart.data_uri}" width="640" height="260"></body></html>'
    )
    pdf = io.BytesIO()
    result = pisa.pisaDocument(
        html,
        pdf,
        encoding="utf-8",
        link_callback=link_callback,
        resource_policy=resource_policy(),
        raise_exception=True,
    )
    assert not result.err
    text = pypdf.PdfReader(io.BytesIO(pdf.getvalue())).pages[0].extract_text()
    assert "<5" in text  # the withheld month's label, drawn from the SVG
    assert "M3" in text
