"""The speak-up demo, after the whole of `load_demo`: Elm Court's staff concerns are speak-up
cases, some saying they suffered detriment and few who would speak up again; the red flags see
both patterns in the staff-voice stream without showing a small number; the demo speak-up lead
(the demo password, a second step like the other roles that see others' concerns) sees them and
the line does not; Willow House has none."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

from cms.organisations.demo import DEMO_PASSWORD
from cms.organisations.models import MFA_REQUIRED_ROLES, Role
from coproduction.concerns import selectors
from coproduction.concerns.models import SpeakUpCase
from coproduction.demo import forums, history
from leadership.flags.evidence import STAFF_VOICE
from leadership.flags.models import RedFlag
from tests.loading import loaded_once_per_module, whole_demo

pytestmark = pytest.mark.django_db

loaded = loaded_once_per_module(whole_demo)


def test_elm_court_has_speak_up_cases_with_detriment(loaded):
    cases = SpeakUpCase.objects.filter(concern__service__name=history.ELM_COURT)
    assert cases.count() >= 10
    assert cases.filter(detriment=True).count() >= 3
    assert cases.filter(concern__anonymous=True).exists()
    assert cases.exclude(would_speak_up_again="").count() >= 5
    assert cases.filter(professional_group="estates_ancillary").exists()
    assert not SpeakUpCase.objects.filter(concern__service__name=history.WILLOW_HOUSE).exists()
    assert "speak-up cases" in loaded


def test_elm_court_is_flagged_for_detriment_and_fewer_who_would_speak_up_again(loaded):
    flags = RedFlag.objects.filter(
        service__name=history.ELM_COURT,
        rule__in=["speakup_detriment", "speakup_again_low"],
        cleared_at=None,
    )
    assert {flag.rule for flag in flags} == {"speakup_detriment", "speakup_again_low"}
    for flag in flags:
        assert flag.stream == STAFF_VOICE
        # Each month holds fewer than 5 cases: the flag says the pattern, not a number.
        assert "too few people to show" in flag.summary
        assert "was above 3.9%" in flag.summary or "was below 75%" in flag.summary
    assert not RedFlag.objects.filter(
        service__name=history.WILLOW_HOUSE, rule__startswith="speakup"
    ).exists()


def test_the_demo_speak_up_lead_sees_the_cases_and_the_line_does_not(loaded):
    users = get_user_model().objects
    lead = users.get(email=forums.SPEAK_UP_LEAD)
    assert lead.check_password(DEMO_PASSWORD)
    assert Role.SPEAK_UP_LEAD in MFA_REQUIRED_ROLES
    # The demo's shared authenticator secret, as for the other roles that see others' concerns.
    assert Authenticator.objects.filter(user=lead).exists()
    seen = selectors.visible_concerns(lead)
    assert seen.count() == SpeakUpCase.objects.count() and seen.exists()
    leader = users.get(email=forums.LEADER)
    assert not selectors.visible_concerns(leader).filter(speak_up__isnull=False).exists()
