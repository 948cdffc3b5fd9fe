"""Every service that exists when marks start being kept has every month marked, so the first
nightly run after this recomputes everything: writes made before it left no mark."""

from datetime import date

from django.db import migrations
from django.utils import timezone

EVERY_MONTH = date(1, 1, 1)


def mark_every_service(apps, schema_editor):
    Service = apps.get_model("organisations", "Service")
    FiguresTouched = apps.get_model("figures", "FiguresTouched")
    now = timezone.now()
    ids = Service.objects.values_list("pk", flat=True).iterator()
    FiguresTouched.objects.bulk_create(
        (FiguresTouched(service_id=pk, month=EVERY_MONTH, touched_at=now) for pk in ids),
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("figures", "0001_initial")]

    operations = [migrations.RunPython(mark_every_service, migrations.RunPython.noop)]
