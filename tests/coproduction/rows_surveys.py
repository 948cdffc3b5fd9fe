"""Permission rows for the co-production plugin: family surveys and "what to expect" pages.

Each URL builder makes the family forum of the world's service (tests.coproduction.rows_forums:
its forum host hosts it, its family member is a family of it) and an open survey of it. Everyone
else, organisation admins and leaders included, is not in the forum: to them the survey is "not
found" (404). Hosts open, read the results of and close surveys; families answer them. The
"what to expect" pages are created by the forum's hosts and the organisation's admins, and, like
the resource bank, are public. tests/coproduction/test_surveys.py and test_what_to_expect.py
prove the refusals for other services and organisations.
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.coproduction.rows_forums import table_forum
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone


def table_survey(world):
    from tests.coproduction.factories_surveys import FamilySurveyFactory

    return FamilySurveyFactory(forum=table_forum(world), created_by=world.people[Role.FORUM_HOST])


def _forum_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_forum(world).pk])


def _survey_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_survey(world).pk])


def _in_forum(host, family, **others):
    """Outside the forum: 404 (anonymous: sign in); its host gets `host`, its family `family`."""
    return everyone(404).but(
        **{ANONYMOUS: LOGIN, Role.FORUM_HOST: host, Role.FAMILY_MEMBER: family, **others}
    )


def _what_to_expect_url(kind):
    def build(world):
        from coproduction.what_to_expect.models import WhatToExpectPage
        from coproduction.what_to_expect.services import seed_for_service

        index = seed_for_service(world.service)
        if kind == "index":
            return index.url
        return WhatToExpectPage.objects.child_of(index).first().url

    return build


ROWS = [
    Row("coproduction:survey_create", _forum_url("survey_create"), _in_forum(200, 403)),
    Row("coproduction:survey_detail", _survey_url("survey_detail"), _in_forum(200, 200)),
    Row(
        "coproduction:survey_respond",
        _survey_url("survey_respond"),
        _in_forum(403, 302),
        method="post",
        data={"recommend": "8", "what_is_good": "Kind staff"},
    ),
    # The easy-read survey: for the forum's families, like answering it.
    Row(
        "coproduction:survey_easy_read",
        lambda world: reverse("coproduction:survey_easy_read", args=[table_survey(world).pk, 1]),
        _in_forum(403, 200),
    ),
    Row("coproduction:survey_close", _survey_url("survey_close"), _in_forum(200, 403)),
    Row(
        "coproduction:survey_close",
        _survey_url("survey_close"),
        _in_forum(302, 403),
        method="post",
    ),
    Row(
        "coproduction:what_to_expect_seed",
        _forum_url("what_to_expect_seed"),
        _in_forum(302, 403, **{Role.ORGANISATION_ADMIN: 302}),
        method="post",
    ),
    # Public information, like the resource bank.
    Row("coproduction.WhatToExpectIndexPage", _what_to_expect_url("index"), everyone(200)),
    Row("coproduction.WhatToExpectPage", _what_to_expect_url("page"), everyone(200)),
]
