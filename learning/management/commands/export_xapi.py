import json

from django.core.management.base import BaseCommand, CommandError

from cms.organisations.models import Organisation
from learning.enrolment.xapi import statements_for_organisation


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
        statements = statements_for_organisation(organisation)
        text = json.dumps(statements, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"Wrote {len(statements)} statements to {output}.")
        else:
            self.stdout.write(text)
