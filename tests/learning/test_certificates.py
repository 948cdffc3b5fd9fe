"""Certificates: the PDF says who, what, when and the code; the public check shows only name,
path and date; only the learner and their organisation's leaders download it; issued once."""

import io
import re
import time
from datetime import UTC, datetime

import pypdf
import pytest
from django.db import transaction
from django.urls import reverse

from cms.organisations.models import Role
from learning.enrolment import services, tasks
from learning.enrolment.models import Certificate, Enrolment, normalise_verification_code
from learning.learner.models import ModuleCompletion
from learning.learner.signals import item_completed
from tests.cms.factories import OrganisationFactory, member
from tests.learning.test_enrolment import make_path

COMPLETED = datetime(2027, 4, 9, 14, 30, tzinfo=UTC)


def completed_enrolment(organisation=None, **user_fields):
    organisation = organisation or OrganisationFactory(name="Birch Care")
    path = make_path(organisation, title="Red flags of a closed culture")
    user = member(Role.STAFF, organisation=organisation, **user_fields)
    return Enrolment.objects.create(
        user=user, path=path, organisation=organisation, source="self", completed_at=COMPLETED
    )


def pdf_text(certificate):
    with certificate.pdf.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db
def test_the_certificate_pdf_names_the_learner_path_date_and_code(
    mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = completed_enrolment(first_name="Amara", last_name="Okafor")
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.certificate_issue(enrolment.pk)

    text = " ".join(pdf_text(certificate).split())
    assert "Amara Okafor" in text
    assert "Red flags of a closed culture" in text
    assert "9 April 2027" in text
    assert certificate.display_code in text
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{12}", certificate.code)

    [message] = mailoutbox
    assert message.to == [enrolment.user.email]
    assert reverse("learning:certificate_download", args=[certificate.code]) in message.body


@pytest.mark.django_db
def test_issuing_twice_gives_one_certificate_one_file_and_one_email(
    mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = completed_enrolment()
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.issue_certificate.delay(enrolment.pk).get()
        second = tasks.issue_certificate.delay(enrolment.pk).get()
    assert first == second
    assert Certificate.objects.count() == 1 and len(mailoutbox) == 1


@pytest.mark.django_db
def test_an_open_enrolment_gets_no_certificate(mailoutbox):
    enrolment = completed_enrolment()
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=None)
    assert services.certificate_issue(enrolment.pk) is None
    assert not Certificate.objects.exists() and mailoutbox == []


def test_codes_are_read_forgivingly():
    assert normalise_verification_code(" abcd-efgh-jkmo ") == "ABCDEFGHJKM0"
    assert normalise_verification_code("il") == "11"


@pytest.mark.django_db
def test_the_verification_page_shows_only_name_path_and_date(client):
    enrolment = completed_enrolment(first_name="Amara", last_name="Okafor")
    certificate = services.certificate_issue(enrolment.pk)
    response = client.get(
        reverse("learning:verify_certificate"), {"code": certificate.display_code.lower()}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is real" in html
    assert "Amara Okafor" in html and "Red flags of a closed culture" in html
    assert "9 April 2027" in html
    # Nothing else about the person or where they work.
    assert enrolment.user.email not in html
    assert "Birch Care" not in html
    assert reverse("learning:certificate_download", args=[certificate.code]) not in html


@pytest.mark.django_db
def test_an_unknown_code_says_so_plainly(client):
    for code in ("ABCD-EFGH-JKMN", "x", "!!!"):
        response = client.get(reverse("learning:verify_certificate"), {"code": code})
        html = response.content.decode()
        assert response.status_code == 200
        assert "No certificate with that code" in html


@pytest.mark.django_db
def test_the_verification_page_limits_checks_per_address(client, settings):
    from learning.enrolment import views

    for _ in range(views.VERIFY_LIMIT):
        client.get(reverse("learning:verify_certificate"), {"code": "ABCD"})
    response = client.get(reverse("learning:verify_certificate"), {"code": "ABCD"})
    assert response.status_code == 429


@pytest.mark.django_db
def test_only_the_learner_and_their_organisations_leaders_download(client):
    organisation = OrganisationFactory()
    enrolment = completed_enrolment(organisation)
    certificate = services.certificate_issue(enrolment.pk)
    url = reverse("learning:certificate_download", args=[certificate.code])

    client.force_login(enrolment.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    client.force_login(member(Role.LEADER, organisation=organisation))
    assert client.get(url).status_code == 200

    for outsider in (
        member(Role.STAFF, organisation=organisation),
        member(Role.SUPERVISOR, organisation=organisation),
        member(Role.LEADER),
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404

    client.logout()
    assert client.get(url).status_code == 302


# --- On a real worker -----------------------------------------------------------------------


def wait_for_succeeded_tasks(worker, count, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(re.findall(r"Task \S+\[[^\]]+\] succeeded", worker.log())) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"the worker did not finish {count} tasks:\n{worker.log()}")


@pytest.fixture
def worker_media(monkeypatch, tmp_path):
    """The worker writes certificate files under the test's own media folder."""
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "worker-media"))


@pytest.mark.worker
def test_completion_issues_one_certificate_through_the_worker(worker_media, celery_worker):
    organisation = OrganisationFactory(name="Queue Care")
    path = make_path(organisation, title="Leading openly")
    staff = member(Role.STAFF, organisation=organisation, first_name="Sam", last_name="Reyes")
    [module] = path.items()

    with transaction.atomic():
        ModuleCompletion.objects.create(user=staff, module=module)
        item_completed.send(sender=ModuleCompletion, user=staff, page=module, path=path)
        # Enqueued on commit: nothing reaches the worker while the row is uncommitted.
        time.sleep(1)
        assert celery_worker.emails() == []

    [message] = celery_worker.wait_for_emails(1)
    assert message["To"] == staff.email
    enrolment = Enrolment.objects.get(user=staff)

    # Delivered again (a retry, a redelivery, a second completion signal): still one email.
    tasks.issue_certificate.delay(enrolment.pk)
    tasks.issue_certificate.delay(enrolment.pk)
    wait_for_succeeded_tasks(celery_worker, 4)  # the first task, its email's send, these two
    assert len(celery_worker.emails()) == 1
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.pdf and certificate.emailed_at is not None
    assert certificate.display_code in message.get_content()
