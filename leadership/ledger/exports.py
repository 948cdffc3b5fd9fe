"""The CSV file of a service's ledger: one line per piece of evidence, as the page shows it
(both read one `selectors.Ledger`), so a figure or count withheld on the screen is withheld
here: a reader of the file learns nothing the page hides. A statement with nothing to show has
one line saying so."""

from cms.exports import csv_cell, csv_download

HEADER = [
    "Key question",
    "Quality statement",
    "Status",
    "Evidence category",
    "Kind",
    "What",
    "Figure or count",
    "Trend",
    "People",
    "Latest",
]


def ledger_rows(ledger):
    for question in ledger.questions:
        for entry in question.statements:
            start = [question.question.title, entry.statement.title, entry.status_text]
            lines = 0
            for item in entry.figures:
                lines += 1
                on = f"{item.on:%Y-%m}" if item.on else ""
                yield [
                    *start,
                    item.category,
                    "figure",
                    item.label,
                    item.text,
                    item.trend_text,
                    item.people_text,
                    on,
                ]
            for group in entry.items:
                for item in group.evidence.items:
                    lines += 1
                    on = f"{item.on:%Y-%m-%d}" if item.on and item.shown else ""
                    yield [*start, group.category, group.label, item.label, item.text, "", "", on]
            for flag in entry.flags:
                lines += 1
                state = f"cleared {flag.cleared_at:%Y-%m-%d}" if flag.cleared_at else "standing"
                yield [*start, "", "red flag", flag.rule_label, flag.summary, "", "", state]
            for quote in entry.quotes:
                lines += 1
                yield [
                    *start,
                    "",
                    "quote",
                    quote.source,
                    quote.text,
                    "",
                    "",
                    f"{quote.month:%Y-%m}",
                ]
            if not lines:
                yield [*start, "", "", "", "", "", "", ""]


def csv_response(ledger, filename):
    def rows():
        yield HEADER
        for row in ledger_rows(ledger):
            yield [csv_cell(value) for value in row]

    return csv_download(rows(), f"{filename}.csv")
