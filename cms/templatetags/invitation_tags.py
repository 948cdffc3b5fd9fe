"""The invitation this browser opened, for the sign-up page: who invited the person, to which
organisation and in which role (allauth's sign-up view knows nothing of invitations)."""

from django import template

from cms.accounts.services import invitation_from_session

register = template.Library()


@register.simple_tag(takes_context=True)
def opened_invitation(context):
    request = context.get("request")
    return invitation_from_session(request) if request is not None else None
