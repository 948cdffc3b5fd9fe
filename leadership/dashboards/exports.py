"""The CSV file of a dashboard: exactly the tables the page shows, in the same order, with the
same figures withheld (both read one `panels.Dashboard`). A figure column brings its trend and
the people behind it as columns of their own, as the page shows them under the figure."""

from django.utils import timezone

from cms.exports import csv_cell, csv_download


def _cell(value):
    """Our own numbers go as they are ("-12" is a number to a spreadsheet, not a formula);
    everything else through `csv_cell`, since service names and labels are written by people."""
    try:
        float(value)
    except (TypeError, ValueError):
        return csv_cell(value)
    return value


def _header(table):
    header = [table.row_heading]
    for column in table.columns:
        label = f"{column.label} ({column.unit})" if column.unit else column.label
        header.append(label)
        if column.figures and table.with_trend:
            header.append(f"{column.label}: trend")
        if column.figures and table.with_people:
            header.append(f"{column.label}: people")
    return header


def _row(table, row):
    line = [row.header]
    for column, cell in zip(table.columns, row.cells, strict=True):
        line.append(cell.text)
        if column.figures and table.with_trend:
            line.append(cell.trend_text)
        if column.figures and table.with_people:
            line.append(cell.people_text)
    return line


def table_lines(table):
    """The lines of one table: its title, header, rows, total and notes."""
    yield [table.title]
    yield _header(table)
    for row in table.rows:
        yield _row(table, row)
    if table.total is not None:
        yield _row(table, table.total)
    for note in table.notes:
        yield [note]
    yield []


def _section_lines(section):
    yield [section.title]
    if section.intro:
        yield [section.intro]
    if not section.tables and not section.panels and not section.subsections and section.empty:
        yield [section.empty]
    for table in section.tables:
        yield from table_lines(table)
    for panel in section.panels:
        yield [panel.heading]
        if panel.description:
            yield [panel.description]
        if panel.summary:
            yield [panel.summary]
        yield from table_lines(panel.table)
    for subsection in section.subsections:
        yield from _section_lines(subsection)
    yield []


def dashboard_lines(dashboard):
    yield [dashboard.title]
    yield ["Organisation", dashboard.organisation.name]
    if dashboard.service is not None:
        yield ["Service", dashboard.service.name]
    yield ["Period", dashboard.months.label]
    yield []
    if not dashboard.has_figures:
        yield ["No figures for this period yet."]
        return
    for section in dashboard.sections:
        yield from _section_lines(section)


def csv_response(dashboard, name):
    filename = f"{name}-{dashboard.months.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_download(
        ([_cell(value) for value in line] for line in dashboard_lines(dashboard)), filename
    )
