"""Celery task of the ledger part: making an inspection pack a leader asked for. Idempotent:
only a queued pack is made (services.pack_make), so a task delivered twice stores one file."""

from celery import shared_task

from . import packs

__all__ = ["make_inspection_pack"]


@shared_task
def make_inspection_pack(pack_id):
    pack = packs.pack_make(pack_id)
    return pack.pk if pack else None
