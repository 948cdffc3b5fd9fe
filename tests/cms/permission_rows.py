"""Permission rows for the host site's own URL patterns and page types."""

from django.apps import apps
from django.urls import reverse
from wagtail.models import Page

from cms.organisations.models import Role
from tests.cms.factories import InvitationFactory
from tests.permission_table import ANONYMOUS, LOGIN, Row, everyone


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
    # "Your account": a person's own name, for anyone signed in (no object: only their own).
    Row(
        "accounts:account_name",
        lambda world: reverse("accounts:account_name"),
        everyone(200).but(**{ANONYMOUS: LOGIN}),
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


# --- The Wagtail admin for organisations (cms.organisations.wagtail_hooks) -----------------
# Only organisation admins (and superusers) get into the admin; everyone else is sent to sign in.
# Rows open the admin's own organisation's objects; tests/cms/test_organisations_admin.py proves
# the refusals for another organisation's objects.


def _own(world, model):
    from cms.organisations.models import Membership

    if model == "organisation":
        return world.organisation
    if model == "service":
        return world.service
    if model == "membership":
        return Membership.objects.filter(organisation=world.organisation).first()
    return InvitationFactory(organisation=world.organisation, email="admin-row@example.org")


def _admin_url(namespace, model, view, with_pk=True, query=""):
    def build(world):
        obj = _own(world, model)
        url = reverse(f"{namespace}_organisations_{model}:{view}", args=[obj.pk] if with_pk else [])
        return url + query.format(pk=obj.pk)

    return build


def _in_admin_without_admin_role(outcome):
    """What a visitor who is not an organisation admin gets: sent to sign in, unless an installed
    plugin lets their role into the Wagtail admin for its own work (learning lets leaders and
    lived-experience leads in), in which case `outcome`."""

    def expect(world, visitor):
        person = world.people[visitor]
        if person is not None and person.has_perm("wagtailadmin.access_admin"):
            return outcome
        return LOGIN

    return expect


def _admin_only(outcome=200, others_in_admin=302):
    return everyone(_in_admin_without_admin_role(others_in_admin)).but(
        **{Role.ORGANISATION_ADMIN: outcome}
    )


_SNIPPET_VIEWS = {
    # view: (needs a pk, what an organisation admin gets)
    "list": (False, 200),
    "list_results": (False, 200),
    "add": (False, 200),
    "edit": (True, 200),
    "delete": (True, 200),
    "inspect": (True, 200),
    "history": (True, 200),
    "history_results": (True, 200),
    "usage": (True, 200),
}
# Organisations are created and deleted by site administrators only: Wagtail sends an
# organisation admin who tries back to the admin dashboard (302).
_ORGANISATION_ADMIN_REFUSED = {("organisation", "add"), ("organisation", "delete")}

for _model in ("organisation", "service", "membership", "invitation"):
    for _view, (_with_pk, _outcome) in _SNIPPET_VIEWS.items():
        if (_model, _view) in _ORGANISATION_ADMIN_REFUSED:
            _outcome = 302
        ROWS.append(
            Row(
                f"wagtailsnippets_organisations_{_model}:{_view}",
                _admin_url("wagtailsnippets", _model, _view, _with_pk),
                # Others in the admin: listing and adding refused (back to the admin home),
                # another organisation's objects not found.
                _admin_only(_outcome, others_in_admin=404 if _with_pk else 302),
            )
        )
    for _view, _with_pk, _query in (
        ("choose", False, ""),
        ("choose_results", False, ""),
        ("chosen", True, ""),
        ("chosen_multiple", False, "?id={pk}"),
    ):
        ROWS.append(
            Row(
                f"wagtailsnippetchoosers_organisations_{_model}:{_view}",
                _admin_url("wagtailsnippetchoosers", _model, _view, _with_pk, _query),
                # Others in the admin get choosers scoped to what they administer: nothing.
                _admin_only(others_in_admin=404 if _with_pk else 200),
                names_object_in_query=bool(_query),
            )
        )
