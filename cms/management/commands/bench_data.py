import json

import environ
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from cms.bench.data import BUILDER_VERSION, SCALES, build, existing, holds_other_data


class Command(BaseCommand):
    help = (
        "Build the benchmark's dataset in a PostgreSQL database: migrate it, then fill it with "
        "a made-up area of care services and three years of their history (every plugin's "
        "tables), by COPY. Scales: tiny (3 services, 60 staff, for the tests), small (10 "
        "services, 1,000 staff, ~100,000 scenario choices) and sab (303 services, 30,000 staff, "
        "~10 million scenario choices: a Safeguarding Adults Board area). A database that "
        "already holds the dataset at that scale is left alone; --rebuild empties it first "
        "(every table, by dropping its public schema). Prints the facts `make bench` needs (the "
        "biggest organisation, a big and a small service, one sign-in per role, the password, "
        "the authenticator secret of the roles with a second step); --json prints them as JSON "
        "only. Example: manage.py bench_data --scale small "
        "--database-url postgres://postgres@127.0.0.1:5432/bench_small --json"
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument(
            "--database-url",
            help="The PostgreSQL database to build in (default: the site's DATABASE_URL).",
        )
        parser.add_argument(
            "--password",
            default="bench-password",
            help="The password every made-up person signs in with.",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Empty the database and build again."
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the facts as JSON only."
        )

    def handle(self, *args, scale, database_url, password, rebuild, as_json, **options):
        if database_url:
            _use_database(database_url)
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark's dataset is built in PostgreSQL only (COPY).")
        say = (lambda message: self.stderr.write(message)) if as_json else self.stdout.write
        if rebuild:
            say(f"Emptying {connection.settings_dict['NAME']}.")
            _empty()
        call_command("migrate", verbosity=0, interactive=False)
        found = existing()
        if found and found["scale"] == scale and found["builder_version"] == BUILDER_VERSION:
            say(f"The {scale} dataset is already built here: nothing to do.")
            return self._print(found, as_json)
        if found or holds_other_data():
            held = f"the {found['scale']} dataset" if found else "other data"
            raise CommandError(
                f"This database holds {held}. Run again with --rebuild to empty it first."
            )
        say(f"Building the {scale} dataset in {connection.settings_dict['NAME']}.")
        result = build(scale, password=password, log=say)
        say(f"Built in {result['seconds']:.0f} s.")
        self._print(result, as_json)

    def _print(self, result, as_json):
        if as_json:
            self.stdout.write(json.dumps(result, indent=2, sort_keys=True))
            return
        facts = result["facts"]
        self.stdout.write(
            f"Scale {result['scale']}. Biggest organisation: {facts['organisation_id']} "
            f"({facts['organisation_services']} services); big service {facts['big_service_id']} "
            f"({facts['big_service_staff']} staff), small service {facts['small_service_id']} "
            f"({facts['small_service_staff']} staff)."
        )
        self.stdout.write(f"Every account's password: {facts['password']}")
        for role, email in facts["users"].items():
            step = " (second step)" if role in facts["second_step_roles"] else ""
            self.stdout.write(f"  {role}: {email}{step}")
        self.stdout.write(f"Authenticator secret of the second step: {facts['totp_secret']}")
        for table, count in result["counts"].items():
            self.stdout.write(f"  {table}: {count:,}")


def _use_database(url):
    """Point the default connection at `url` for the rest of this process."""
    connections["default"].close()
    configured = connections.configure_settings({"default": environ.Env.db_url_config(url)})
    connections.settings["default"] = configured["default"]
    del connections["default"]


def _empty():
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
