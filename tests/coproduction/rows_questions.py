"""Permission rows for the co-production plugin: questions and threads of a family forum.

Each URL builder makes the family forum of the world's service, with a question asked by the
world's family member and a thread they started (one post, reported by them). The world's
family member (the family member role for the service) and forum host are in the forum;
everyone else, organisation admins and leaders included, is not: to them the forum's questions
and threads are "not found" (404). tests/coproduction/test_questions.py and test_threads.py
prove the refusals for another forum's families and hosts and another organisation.
"""

from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone

FAMILY, HOST = Role.FAMILY_MEMBER, Role.FORUM_HOST


def table_forum(world):
    from tests.coproduction.factories_forums import FamilyForumFactory

    return FamilyForumFactory(service=world.service)


def table_question(world):
    from coproduction.questions.services import question_ask

    return question_ask(
        table_forum(world), world.people[FAMILY], text="When is the next forum meeting?"
    )


def table_post(world):
    from coproduction.questions.services import post_report, thread_start

    thread = thread_start(
        table_forum(world), world.people[FAMILY], title="Garden visits", body="Can we sit out?"
    )
    post = thread.posts.get()
    post_report(post, world.people[FAMILY], "Wrong thread.")
    return post


def _forum_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_forum(world).pk])


def _question_url(name):
    def build(world):
        question = table_question(world)
        return reverse(f"coproduction:{name}", args=[question.forum_id, question.pk])

    return build


def _thread_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_post(world).thread_id])


def _post_url(name):
    return lambda world: reverse(f"coproduction:{name}", args=[table_post(world).pk])


def _report_url(name):
    def build(world):
        report = table_post(world).reports.get()
        return reverse(f"coproduction:{name}", args=[report.post.thread.forum_id, report.pk])

    return build


def _only(outcome, *roles):
    """Outside the forum: 404 (anonymous: sign in); inside it: `outcome` for `roles`, 403 for
    the other role."""
    expect = everyone(404).but(**{ANONYMOUS: LOGIN})
    return expect.but(**{role: outcome if role in roles else 403 for role in (FAMILY, HOST)})


BOTH = (FAMILY, HOST)

ROWS = [
    Row("coproduction:forum_questions", _forum_url("forum_questions"), _only(200, *BOTH)),
    Row("coproduction:forum_question_ask", _forum_url("forum_question_ask"), _only(200, FAMILY)),
    Row(
        "coproduction:forum_question_ask",
        _forum_url("forum_question_ask"),
        _only(302, FAMILY),
        method="post",
        data={"text": "Who is the guest speaker?"},
    ),
    Row(
        "coproduction:forum_question_answer",
        _question_url("forum_question_answer"),
        _only(200, HOST),
    ),
    Row(
        "coproduction:forum_question_answer",
        _question_url("forum_question_answer"),
        _only(302, HOST),
        method="post",
        data={"answer": "On the first Tuesday of the month."},
    ),
    # Consent for quotes: only the asker (the world's family member) changes it; the host of
    # the same forum is refused (tests/coproduction/test_quote_consent.py: other families too).
    Row(
        "coproduction:forum_question_quote",
        lambda world: reverse("coproduction:forum_question_quote", args=[table_question(world).pk]),
        _only(302, FAMILY),
        method="post",
        data={"may_quote": "on"},
    ),
    Row("coproduction:forum_threads", _forum_url("forum_threads"), _only(200, *BOTH)),
    Row(
        "coproduction:forum_thread_create",
        _forum_url("forum_thread_create"),
        _only(200, *BOTH),
    ),
    Row(
        "coproduction:forum_thread_detail",
        _thread_url("forum_thread_detail"),
        _only(200, *BOTH),
    ),
    Row(
        "coproduction:forum_post_reply",
        _thread_url("forum_post_reply"),
        _only(302, *BOTH),
        method="post",
        data={"body": "Yes, in the afternoons."},
    ),
    Row("coproduction:forum_post_hide", _post_url("forum_post_hide"), _only(200, HOST)),
    Row(
        "coproduction:forum_post_hide",
        _post_url("forum_post_hide"),
        _only(302, HOST),
        method="post",
        data={"reason": "Please keep to the topic."},
    ),
    # The post is the family's own: they cannot report it (issue 14); the host can.
    Row("coproduction:forum_post_report", _post_url("forum_post_report"), _only(200, HOST)),
    # Consent for quotes: only the post's author (the world's family member).
    Row(
        "coproduction:forum_post_quote",
        _post_url("forum_post_quote"),
        _only(302, FAMILY),
        method="post",
        data={"may_quote": "on"},
    ),
    Row("coproduction:forum_reports", _forum_url("forum_reports"), _only(200, HOST)),
    Row(
        "coproduction:forum_report_resolve",
        _report_url("forum_report_resolve"),
        _only(302, HOST),
        method="post",
    ),
]
