"""Permission rows for the host site's own URL patterns and page types."""

from django.apps import apps
from django.urls import reverse
from wagtail.models import Page

from tests.cms.factories import InvitationFactory
from tests.permission_table import ANONYMOUS, Row, everyone


def invitation_url(world):
    invitation = InvitationFactory(organisation=world.organisation, email="invitee@example.org")
    return reverse("accounts:invitation_accept", kwargs={"token": invitation.token})


def home_page():
    return Page.objects.get(depth=2).specific


def page_of_type(label, parent_label=None, **fields):
    """Build a URL getter for a published page of `label` (under a published `parent_label`
    page, or the home page)."""

    def build(world):
        parent = home_page()
        if parent_label:
            parent = parent.add_child(
                instance=apps.get_model(parent_label)(title=f"Parent for {label}")
            )
        page = parent.add_child(instance=apps.get_model(label)(title=f"A {label}", **fields))
        page.save_revision().publish()
        return page.url

    return build


ROWS = [
    # Anyone may open an invitation link; only its invitee can use it. A signed-in person with
    # another email is told the invitation is for someone else.
    Row(
        "accounts:invitation_accept",
        invitation_url,
        everyone(403).but(**{ANONYMOUS: 302}),
    ),
    # The site's pages are public.
    Row("pages.HomePage", lambda world: home_page().url, everyone(200)),
    Row("pages.StandardPage", page_of_type("pages.StandardPage"), everyone(200)),
    Row("pages.ResourceIndexPage", page_of_type("pages.ResourceIndexPage"), everyone(200)),
    Row(
        "pages.ResourcePage",
        page_of_type(
            "pages.ResourcePage", parent_label="pages.ResourceIndexPage", summary="A summary."
        ),
        everyone(200),
    ),
]
