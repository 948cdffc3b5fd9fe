from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.organisations.demo import totp_code


class Command(BaseCommand):
    help = (
        "Print the current two-step sign-in code for a demo account, so the demo leader, "
        "safeguarding lead and organisation admin can sign in without an authenticator app. "
        "Refuses to run with DEBUG off."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on (the embedded demo settings).")
        authenticator = Authenticator.objects.filter(
            user__email__iexact=email, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no authenticator app set up.")
        self.stdout.write(totp_code(get_adapter().decrypt(authenticator.data["secret"])))
