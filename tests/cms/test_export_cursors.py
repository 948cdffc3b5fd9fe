"""Exports read through server-side cursors that hand rows over as PostgreSQL finds them
(cms.exports.read_in_one_transaction). Outside a transaction Django declares them WITH HOLD,
and PostgreSQL then works out the whole result before the first row: at the scale of a
Safeguarding Adults Board area the xAPI download waited minutes for its first byte."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.exports import csv_download
from cms.organisations.models import Role
from tests.cms.factories import member
from tests.conftest import require_service
from tests.learning.test_xapi_streaming import history  # noqa: F401 (a fixture)


def declared_cursors(response):
    with CaptureQueriesContext(connection) as queries:
        content = b"".join(response.streaming_content)
    declared = [query["sql"] for query in queries if query["sql"].startswith("DECLARE")]
    return content, declared


def needs_postgresql():
    require_service(
        connection.vendor == "postgresql",
        "this test needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms",
    )


@pytest.mark.django_db(transaction=True)
def test_a_csv_download_reads_its_rows_through_a_cursor_without_hold():
    needs_postgresql()
    member(Role.STAFF)
    member(Role.STAFF)
    users = get_user_model().objects.order_by("pk")

    response = csv_download(([user.email] for user in users.iterator(chunk_size=1)), "u.csv")
    content, declared = declared_cursors(response)

    assert content.count(b"@") == users.count() >= 2
    assert declared and not [sql for sql in declared if "WITH HOLD" in sql]


@pytest.mark.django_db(transaction=True)
def test_the_xapi_download_reads_through_cursors_without_hold(client, history):  # noqa: F811
    needs_postgresql()
    client.force_login(member(Role.ORGANISATION_ADMIN, organisation=history))

    response = client.get(reverse("learning:xapi_export"))
    content, declared = declared_cursors(response)

    assert content.startswith(b"[") and b'"verb"' in content
    assert len(declared) >= 5 and not [sql for sql in declared if "WITH HOLD" in sql]
