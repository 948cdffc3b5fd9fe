"""Links in emails lead to the address the site is served on (issue 14, point 2): `make run
PORT=8101` gives the demo and the server SITE_URL=http://127.0.0.1:8101, SITE_URL becomes the
base of every absolute link, and an email's link starts with it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

from tests.cms.factories import InvitationFactory

ROOT = Path(__file__).resolve().parents[2]


def make_dry_run(*args):
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    result = subprocess.run(
        ["make", "-n", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def command_line(lines, command):
    return next(line for line in lines if command in line)


@pytest.mark.backend_independent(reason="reads the Makefile, not this run's services")
def test_make_run_on_another_port_gives_the_demo_and_the_server_that_address():
    lines = make_dry_run("run", "PORT=8101")
    assert command_line(lines, "runserver").startswith("SITE_URL=http://127.0.0.1:8101 ")
    assert command_line(lines, "runserver").endswith("runserver 127.0.0.1:8101")
    assert command_line(lines, "load_demo").startswith("SITE_URL=http://127.0.0.1:8101 ")


@pytest.mark.backend_independent(reason="reads the Makefile, not this run's services")
def test_a_site_url_given_to_make_wins_over_host_and_port():
    lines = make_dry_run("run", "PORT=8101", "SITE_URL=https://care.example.org")
    assert command_line(lines, "runserver").startswith("SITE_URL=https://care.example.org ")
    assert command_line(make_dry_run("worker", "PORT=8101"), "celery").startswith(
        "SITE_URL=http://127.0.0.1:8101 "
    )


@pytest.mark.backend_independent(reason="starts a process on settings given here")
def test_site_url_is_the_base_of_absolute_links():
    env = {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "SITE_URL": "http://127.0.0.1:8101",
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8101", result.stderr


def test_the_link_in_an_email_starts_with_site_url(
    db, settings, django_capture_on_commit_callbacks
):
    from cms.organisations.services import invitation_send_email

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8101"
    invitation = InvitationFactory(email="new.carer@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        assert invitation_send_email(invitation_id=invitation.pk) is True

    [message] = mail.outbox
    assert f"http://127.0.0.1:8101{invitation.get_absolute_url()}" in message.body
    assert "8000" not in message.body


@pytest.mark.backend_independent(reason="reads the Makefile, not this run's services")
def test_the_demo_writes_its_emails_to_files_not_before_the_sign_in_table():
    load = command_line(make_dry_run("run"), "load_demo")
    assert " EMAIL_URL=filemail:///demo-emails " in f" {load}"
