from django.core.management.base import BaseCommand, CommandError

from cms.organisations.models import Organisation
from learning.enrolment.xapi import json_chunks, statements


class Command(BaseCommand):
    help = "Export an organisation's learning records as a JSON list of xAPI statements."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--output", help="A file to write to (default: standard output).")

    def handle(self, *args, organisation, output=None, **options):
        try:
            organisation = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist as error:
            raise CommandError(f"No organisation with the slug {organisation!r}.") from error
        # Written as the records are read, so memory does not grow with the history.
        written = 0

        def counted():
            nonlocal written
            for statement in statements(organisation):
                written += 1
                yield statement

        if output:
            with open(output, "w", encoding="utf-8") as handle:
                for chunk in json_chunks(counted()):
                    handle.write(chunk)
                handle.write("\n")
            self.stderr.write(f"Wrote {written} statements to {output}.")
        else:
            for chunk in json_chunks(counted()):
                self.stdout.write(chunk, ending="")
            self.stdout.write("")
