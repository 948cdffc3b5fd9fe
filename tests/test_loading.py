"""The copy tests/loading.py keeps of heavy data (the whole demo) puts back exactly the rows and
files it took, over whatever a test did since, and rows added after a restore get ids of their
own. Checked model by model through the ORM, not through the SQL the copy uses."""

from pathlib import Path

from django.apps import apps

from cms.organisations.models import Service
from tests.cms.factories import ServiceFactory
from tests.loading import DatabaseCopy


def every_row():
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
    }


def change_everything(media):
    Service.objects.filter(name="Also kept").update(beds=3)
    Service.objects.filter(name="Kept").delete()
    ServiceFactory(name="Added")
    (media / "kept.pdf").unlink()


def test_a_copy_puts_back_every_row_and_file_it_took(db, settings):
    check_copy(settings)


def test_a_copy_puts_back_committed_rows_and_commits_them_whole(transactional_db, settings):
    # Committed: the foreign keys are checked as the restore commits.
    check_copy(settings)


def check_copy(settings):
    ServiceFactory(name="Kept")
    ServiceFactory(name="Also kept")
    media = Path(settings.MEDIA_ROOT) / "learning"
    media.mkdir(parents=True)
    (media / "kept.pdf").write_bytes(b"%PDF kept")
    taken = every_row()
    copy = DatabaseCopy.take()

    change_everything(media)
    assert every_row() != taken
    copy.restore()

    assert every_row() == taken
    assert (media / "kept.pdf").read_bytes() == b"%PDF kept"
    highest = max(Service.objects.values_list("pk", flat=True))
    assert ServiceFactory(name="After").pk > highest
