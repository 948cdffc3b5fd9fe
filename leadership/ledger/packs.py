"""Inspection packs: asking for one, and making it, through `leadership.queued_pdfs` (as
board reports are made): a queued `InspectionPack`, a task that renders the ledger with
`cms.pdf.render_pdf` and stores the PDF under the pack's unguessable key, served only through the
download view. The ledger is worked out as the person who asked for it may see it (links and
quotes alike)."""

from django.utils import timezone

from cms.organisations.models import Service
from cms.pdf import render_pdf
from cms.periods import Months

from .. import queued_pdfs
from ..snapshots.selectors import figures_as_of
from .models import InspectionPack
from .selectors import service_ledger
from .services import framework_of

PDF_TEMPLATE = "leadership/ledger/pdf/inspection_pack.html"


def pack_months(pack):
    return Months(pack.start, pack.end)


def packs_of(service):
    return InspectionPack.objects.filter(service=service).select_related("requested_by")


def pack_request(service, months, by):
    """Queue a pack of `service` for `months`, unless the same one is already queued. Returns
    (the pack, whether it was queued now)."""
    from .tasks import make_inspection_pack

    return queued_pdfs.queue(
        InspectionPack,
        lock=Service.objects.filter(pk=service.pk),
        scope={"service": service},
        months=months,
        task=make_inspection_pack,
        framework=framework_of(service.organisation),
        requested_by=by,
    )


def pack_pdf(pack, made_at=None):
    if pack.requested_by is None:
        # The ledger is what its reader may see; with the reader gone there is no such thing.
        raise queued_pdfs.CannotMake(
            "The person who asked for it no longer has an account. Ask for it again."
        )
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
    return queued_pdfs.make(
        InspectionPack.objects.select_related("service__organisation", "framework", "requested_by"),
        pack_id,
        lambda pack, made_at: pack_pdf(pack, made_at=made_at),
        what="pack",
    )


def download_name(pack):
    service = pack.service
    return f"inspection-pack-{service.organisation.slug}-{service.pk}-{pack_months(pack).slug}.pdf"
