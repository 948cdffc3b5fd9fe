"""Celery tasks of priority rounds: the emails when a round opens and when its results are
published, and sealing closed secret rounds. Each is idempotent: a conditional update claims
the send, so a task that runs twice (or two workers) sends each email once; sealing twice
leaves the round as sealing once does."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.outbox.services import email_send
from coproduction.rounds.models import PriorityRound

from ..preferences.selectors import email_preferences_url, who_want_email
from . import selectors, services

__all__ = [
    "seal_closed_secret_rounds",
    "seal_secret_round",
    "send_round_opened_emails",
    "send_round_results_emails",
]

logger = logging.getLogger(__name__)


def _site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _claim(round_id, field):
    """True for the one run that may send; marks the emails as sent before sending."""
    return bool(
        PriorityRound.objects.filter(pk=round_id, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
    )


def _send_to_voters(priority_round, template, kind):
    """Email the space's voters, except those who turned emails of `kind` off."""
    context = {
        "round": priority_round,
        "space": priority_round.space,
        "round_url": _site_url(priority_round.get_absolute_url()),
        "preferences_url": email_preferences_url(),
    }
    voters = who_want_email(selectors.eligible_voters(priority_round.space), kind)
    return email_send(template, context, voters.order_by("pk"))


@shared_task
@transaction.atomic
def send_round_opened_emails(round_id):
    """Tell the space's voters that a round is open (or will open), once."""
    if not _claim(round_id, "opened_email_sent_at"):
        return 0
    priority_round = PriorityRound.objects.select_related("space").get(pk=round_id)
    return _send_to_voters(priority_round, "coproduction/rounds/email/round_opened", "round_opened")


@shared_task
@transaction.atomic
def send_round_results_emails(round_id):
    """Tell the space's voters that a round's results are published, once."""
    round_ = PriorityRound.objects.filter(pk=round_id, results_published_at__isnull=False)
    if not round_.exists() or not _claim(round_id, "results_email_sent_at"):
        return 0
    priority_round = PriorityRound.objects.select_related("space").get(pk=round_id)
    return _send_to_voters(
        priority_round, "coproduction/rounds/email/results_published", "results_published"
    )


@shared_task
def seal_secret_round(round_id):
    """Seal a secret round the lead has just closed: its ballots were rewritten as it closed;
    this vacuums the old copies away (see `services.secret_rounds_seal`)."""
    return services.secret_rounds_seal(round_id=round_id)


@shared_task
def seal_closed_secret_rounds():
    """Every 15 minutes: seal the secret rounds whose closing time has passed, and any round
    whose sealing did not finish (harmless twice)."""
    return services.secret_rounds_seal()
