"""Permission rows for the leadership plugin: red flags and closed-culture alerts.

Leaders and safeguarding leads see the flags and alerts of their organisation and may acknowledge
an alert; only leaders assign a learning path from one. Leaders and organisation admins change
the rule settings (admins do not see the flags). Everyone else in the organisation is refused
(403), HR included; a person with no role in the organisation does not find it (404). With one
organisation, the red flags address sends leaders and safeguarding leads straight to it (302);
an organisation admin sees the list with the settings link. An empty acknowledgement or
assignment is refused at its fields (400). tests/leadership/test_flags.py proves that another
organisation's leader does not find these pages (404).
"""

from django.apps import apps
from django.urls import reverse

from cms.organisations.models import Role
from tests.permission_table import ANONYMOUS, LOGIN, NO_ROLE, Row, everyone

_IN_ORGANISATION = everyone(403).but(**{ANONYMOUS: LOGIN, NO_ROLE: 404})


def _watchers(outcome):
    """Leaders and safeguarding leads get `outcome`."""
    return _IN_ORGANISATION.but(**{Role.LEADER: outcome, Role.SAFEGUARDING_LEAD: outcome})


def _settings(outcome):
    return _IN_ORGANISATION.but(**{Role.LEADER: outcome, Role.ORGANISATION_ADMIN: outcome})


def _flag(world):
    from tests.leadership.factories_flags import RedFlagFactory

    return RedFlagFactory(service=world.service)


def _alert(world):
    from tests.leadership.factories_flags import ClosedCultureAlertFactory, RedFlagFactory

    flags = [
        RedFlagFactory(service=world.service, rule=rule)
        for rule in ("turnover_high", "rota_long_hours", "recommend_falling")
    ]
    return ClosedCultureAlertFactory(service=world.service, flags=flags)


def _organisation_url(name):
    return lambda world: reverse(f"leadership:{name}", args=[world.organisation.slug])


def _alert_url(name):
    def build(world):
        return reverse(
            f"leadership:{name}",
            kwargs={"slug": world.organisation.slug, "alert_id": _alert(world).pk},
        )

    return build


def _assign_outcome(world, visitor):
    # Without the learning plugin there is nothing to assign: the address is not found.
    return 400 if apps.is_installed("learning") else 404


def _all_rules_on():
    from leadership.flags.detectors import DETECTORS

    return {f"{rule.key}_enabled": "on" for rule in DETECTORS}


ROWS = [
    Row(
        "leadership:flags_home",
        lambda world: reverse("leadership:flags_home"),
        everyone(403).but(
            **{
                ANONYMOUS: LOGIN,
                Role.LEADER: 302,
                Role.SAFEGUARDING_LEAD: 302,
                Role.ORGANISATION_ADMIN: 200,
            }
        ),
    ),
    Row("leadership:flags_overview", _organisation_url("flags_overview"), _watchers(200)),
    Row("leadership:flag_settings", _organisation_url("flag_settings"), _settings(200)),
    Row(
        "leadership:flag_settings",
        _organisation_url("flag_settings"),
        _settings(302),
        method="post",
        data=_all_rules_on(),
    ),
    Row(
        "leadership:flag_detail",
        lambda world: reverse(
            "leadership:flag_detail", args=[world.organisation.slug, _flag(world).pk]
        ),
        _watchers(200),
    ),
    Row("leadership:alert_detail", _alert_url("alert_detail"), _watchers(200)),
    Row(
        "leadership:alert_acknowledge",
        _alert_url("alert_acknowledge"),
        _watchers(400),
        method="post",
    ),
    Row(
        "leadership:alert_assign_path",
        _alert_url("alert_assign_path"),
        _watchers(403).but(**{Role.LEADER: _assign_outcome}),
        method="post",
    ),
]
