"""Inspection packs: asking for one, and making it, as board reports are made
(reports/services.py): the request stores a queued `InspectionPack` and enqueues the task on
commit; the task renders the ledger with `cms.pdf.render_pdf` and stores the PDF under the
pack's unguessable key, served only through the download view. A pack that is no longer queued
is left as it is, so a task delivered twice stores one file. The ledger is worked out as the
person who asked for it may see it (links and quotes alike)."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cms.organisations.models import Service
from cms.pdf import render_pdf
from cms.periods import Months

from ..reports.services import STALE_AFTER, STALE_MESSAGE, where_raised
from ..snapshots.selectors import figures_as_of
from .models import InspectionPack
from .selectors import service_ledger
from .services import framework_of

logger = logging.getLogger(__name__)

PDF_TEMPLATE = "leadership/ledger/pdf/inspection_pack.html"
Status = InspectionPack.Status


def pack_months(pack):
    return Months(pack.start, pack.end)


def packs_of(service):
    return InspectionPack.objects.filter(service=service).select_related("requested_by")


def pack_request(service, months, by):
    """Queue a pack of `service` for `months`, unless the same one is already queued. Returns
    (the pack, whether it was queued now)."""
    from .tasks import make_inspection_pack

    with transaction.atomic():
        # The service's row is the lock: two leaders asking at once queue one pack.
        Service.objects.select_for_update().filter(pk=service.pk).first()
        InspectionPack.objects.filter(
            service=service,
            status=Status.QUEUED,
            requested_at__lt=timezone.now() - STALE_AFTER,
        ).update(status=Status.FAILED, finished_at=timezone.now(), error=STALE_MESSAGE)
        waiting = InspectionPack.objects.filter(
            service=service, status=Status.QUEUED, start=months.first, end=months.end
        ).first()
        if waiting is not None:
            return waiting, False
        pack = InspectionPack.objects.create(
            service=service,
            framework=framework_of(service.organisation),
            start=months.first,
            end=months.end,
            requested_by=by,
        )
        make_inspection_pack.delay_on_commit(pack.pk)
    return pack, True


def pack_pdf(pack, made_at=None):
    ledger = service_ledger(
        pack.service, pack_months(pack), pack.requested_by, framework=pack.framework
    )
    context = {
        "ledger": ledger,
        "made_at": made_at or timezone.now(),
        "pack": pack,
        "figures_as_of": figures_as_of(pack.service.organisation),
    }
    return render_pdf(PDF_TEMPLATE, context)


def pack_make(pack_id):
    """Make a queued pack: render and store it (ready), or record why not (failed). Returns
    the pack, or None when there was nothing to do."""
    pack = (
        InspectionPack.objects.select_related("service__organisation", "framework", "requested_by")
        .filter(pk=pack_id, status=Status.QUEUED)
        .first()
    )
    if pack is None:
        return None
    if pack.requested_by is None:
        # The ledger is what its reader may see; with the reader gone there is no such thing.
        InspectionPack.objects.filter(pk=pack.pk, status=Status.QUEUED).update(
            status=Status.FAILED,
            finished_at=timezone.now(),
            error="The person who asked for it no longer has an account. Ask for it again.",
        )
        pack.refresh_from_db()
        return pack
    try:
        pdf = pack_pdf(pack, made_at=timezone.now())
    except Exception as error:  # noqa: BLE001 (the leader is told; the worker carries on)
        logger.error(
            "Inspection pack %s could not be made: %s at %s",
            pack.pk,
            type(error).__name__,
            where_raised(error),
        )
        InspectionPack.objects.filter(pk=pack.pk, status=Status.QUEUED).update(
            status=Status.FAILED,
            finished_at=timezone.now(),
            error=f"The pack could not be made ({type(error).__name__}). Ask for it again; if "
            "it fails again, tell your site administrator.",
        )
        pack.refresh_from_db()
        return pack
    with transaction.atomic():
        pack = InspectionPack.objects.select_for_update().get(pk=pack.pk)
        if pack.status != Status.QUEUED:
            return pack
        pack.pdf.save(f"{pack.key}.pdf", ContentFile(pdf), save=False)
        pack.status = Status.READY
        pack.finished_at = timezone.now()
        pack.error = ""
        pack.save(update_fields=["pdf", "status", "finished_at", "error"])
    return pack


def download_name(pack):
    service = pack.service
    return f"inspection-pack-{service.organisation.slug}-{service.pk}-{pack_months(pack).slug}.pdf"
