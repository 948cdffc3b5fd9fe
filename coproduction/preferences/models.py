"""Which co-production emails a person wants. No row means every email is on."""

from django.conf import settings
from django.db import models

__all__ = ["EmailPreferences"]


class EmailPreferences(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coproduction_email"
    )
    round_opened = models.BooleanField(
        "A priority round opens", default=True, help_text="When a vote opens in one of your spaces."
    )
    results_published = models.BooleanField(
        "Results are published", default=True, help_text="When a round's results are out."
    )
    item_status_changed = models.BooleanField(
        "An item you raised moves on",
        default=True,
        help_text="When an agenda item you raised changes status, and why.",
    )
    action_outcome = models.BooleanField(
        "An action on what you raised is done",
        default=True,
        help_text="When an action has an outcome, with a link to say whether it addressed it.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Co-production emails for {self.user}"
