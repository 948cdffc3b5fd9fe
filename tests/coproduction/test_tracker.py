"""The feedback tracker: recording and tagging feedback, the "repeated theme" rule, filters,
the list page and its CSV export."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.organisations.models import Role
from coproduction.tracker import selectors
from coproduction.tracker.models import FeedbackItem, Theme
from coproduction.tracker.seeds import HALLMARKS, HARM_SOURCES, RECOMMENDATIONS
from coproduction.tracker.services import feedback_record, feedback_tag
from tests.cms.factories import ServiceFactory, member

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def record(service, channel="forum", days_ago=0, themes=("hm_not_listening",), **kwargs):
    kwargs.setdefault("giver_role", FeedbackItem.GiverRole.FAMILY)
    kwargs.setdefault("text", "Nobody called me back.")
    return feedback_record(
        channel=channel,
        service=service,
        themes=themes,
        received_on=TODAY - timedelta(days=days_ago),
        **kwargs,
    )


def repeated_keys(**kwargs):
    return [theme.key for theme in selectors.repeated_themes(today=TODAY, **kwargs)]


# --- Themes ---------------------------------------------------------------------------------


def test_the_migration_seeds_every_theme_of_the_taxonomy():
    assert Theme.objects.filter(group="harm").count() == 7
    assert Theme.objects.filter(group="hallmark").count() == 8
    assert Theme.objects.filter(group="recommendation").count() == 9
    keys = set(Theme.objects.values_list("key", flat=True))
    assert {key for key, _label in HARM_SOURCES + HALLMARKS + RECOMMENDATIONS} <= keys
    assert all(key.startswith("harm_") for key, _ in HARM_SOURCES)


def test_the_migrations_leave_every_theme_labelled_as_seeds_py_says():
    labels = dict(Theme.objects.values_list("key", "label"))
    assert {key: labels[key] for key, _ in HARM_SOURCES + HALLMARKS + RECOMMENDATIONS} == dict(
        HARM_SOURCES + HALLMARKS + RECOMMENDATIONS
    )


def test_relabelling_a_hallmark_keeps_its_key_and_every_tag(service):
    """A tag is a link to the Theme row (its key never changes), and the label lives on the row:
    the data migration that rewrites the row's label is all an existing site needs, and the
    feedback tagged before it shows the new label."""
    from importlib import import_module

    from django.apps import apps

    relabelling = import_module("coproduction.migrations.0007_hallmark_labels_from_the_source")
    theme = Theme.objects.get(key="hm_fragmented")
    Theme.objects.filter(pk=theme.pk).update(label="Teams working in silos")  # the old label
    item = record(service, themes=["hm_fragmented"])

    relabelling.relabel(apps, None)

    theme.refresh_from_db()
    assert theme.key == "hm_fragmented"
    assert theme.label == dict(HALLMARKS)["hm_fragmented"] == relabelling.LABELS["hm_fragmented"]
    assert [t.label for t in item.themes.all()] == [theme.label]
    assert set(relabelling.LABELS.items()) <= set(HALLMARKS)


# --- Recording ------------------------------------------------------------------------------


def test_feedback_record_sanitises_and_tags(service):
    item = record(
        service, text="Hello <script>alert(1)</script><b>there</b>", themes=["harm_stigma"]
    )
    assert item.text == "Hello there"
    assert [theme.key for theme in item.themes.all()] == ["harm_stigma"]
    feedback_tag(item, ["hm_no_compassion", "harm_practice"])
    assert {theme.key for theme in item.themes.all()} == {"hm_no_compassion", "harm_practice"}


def test_unknown_theme_is_refused(service):
    with pytest.raises(ValidationError):
        record(service, themes=["no_such_theme"])


def test_anonymous_channels_keep_no_recorder(service):
    recorder = member(Role.FORUM_HOST, service=service)
    assert record(service, channel="speak_up", recorded_by=recorder).recorded_by is None
    assert record(service, channel="forum", recorded_by=recorder).recorded_by == recorder


# --- Repeated themes ------------------------------------------------------------------------


def test_three_items_from_one_channel_are_not_repeated(service):
    for _ in range(3):
        record(service, channel="forum")
    assert repeated_keys(service=service) == []


def test_three_items_from_two_channels_within_90_days_are_repeated(service):
    record(service, channel="forum", days_ago=1)
    record(service, channel="forum", days_ago=40)
    record(service, channel="complaint", days_ago=90)
    assert repeated_keys(service=service) == ["hm_not_listening"]
    assert repeated_keys(organisation=service.organisation) == ["hm_not_listening"]
    theme = selectors.repeated_themes(service=service, today=TODAY)[0]
    assert (theme.item_count, theme.channel_count) == (3, 2)


def test_an_item_91_days_old_does_not_count(service):
    record(service, channel="forum", days_ago=1)
    record(service, channel="forum", days_ago=40)
    record(service, channel="complaint", days_ago=91)
    assert repeated_keys(service=service) == []


def test_other_themes_and_other_organisations_do_not_count(service):
    other = ServiceFactory()
    record(service, channel="forum")
    record(service, channel="survey", themes=["harm_stigma"])
    record(other, channel="complaint")
    assert repeated_keys(service=service) == []
    assert repeated_keys(organisation=service.organisation) == []


# --- Filters --------------------------------------------------------------------------------


def test_feedback_filter(service):
    other_service = ServiceFactory(organisation=service.organisation)
    old = record(service, channel="forum", days_ago=30, giver_role="staff")
    new = record(service, channel="complaint", days_ago=1, themes=["harm_stigma"])
    elsewhere = record(other_service, channel="survey", days_ago=5, themes=[])
    organisation = service.organisation
    stigma = Theme.objects.get(key="harm_stigma")

    def ids(**filters):
        return [item.pk for item in selectors.feedback_filter(organisation, **filters)]

    assert ids() == [new.pk, elsewhere.pk, old.pk]
    assert ids(order="date") == [old.pk, elsewhere.pk, new.pk]
    assert ids(order="channel") == [new.pk, old.pk, elsewhere.pk]
    assert ids(theme=stigma) == [new.pk]
    assert ids(role="staff") == [old.pk]
    assert ids(channel="survey") == [elsewhere.pk]
    assert ids(service=other_service) == [elsewhere.pk]
    assert ids(date_from=TODAY - timedelta(days=10)) == [new.pk, elsewhere.pk]
    assert ids(date_to=TODAY - timedelta(days=10)) == [old.pk]
    assert selectors.feedback_filter(ServiceFactory().organisation).count() == 0


# --- Pages ----------------------------------------------------------------------------------


@pytest.fixture
def host(service):
    return member(Role.FORUM_HOST, service=service)


def test_list_shows_items_filters_and_repeated_badges(client, service, host):
    today = date.today()
    for days_ago, channel in ((1, "forum"), (2, "forum"), (3, "complaint")):
        feedback_record(
            channel=channel,
            giver_role="family",
            service=service,
            text=f"Item {days_ago}",
            themes=["hm_not_listening"],
            received_on=today - timedelta(days=days_ago),
        )
    client.force_login(host)
    response = client.get(reverse("coproduction:feedback_list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Not listening</a>: 3 items from 2 channels" in content
    assert content.count('class="badge">Repeated') == 3

    response = client.get(reverse("coproduction:feedback_list"), {"channel": "complaint"})
    assert "Item 3" in response.content.decode() and "Item 1" not in response.content.decode()


def test_list_empty_state_and_bad_dates_shown_at_the_field(client, host):
    client.force_login(host)
    response = client.get(
        reverse("coproduction:feedback_list"),
        {"date_from": "2026-05-01", "date_to": "2026-04-01"},
    )
    content = response.content.decode()
    assert "No feedback matches" in content
    assert "must be on or after" in content


def test_list_paginates(client, service, host):
    for number in range(30):
        record(service, text=f"Entry {number}")
    client.force_login(host)
    response = client.get(reverse("coproduction:feedback_list"))
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.num_pages == 2


def test_add_feedback(client, service, host):
    client.force_login(host)
    stigma = Theme.objects.get(key="harm_stigma")
    response = client.post(
        reverse("coproduction:feedback_add"),
        {
            "service": service.pk,
            "channel": "advocacy",
            "giver_role": "advocate",
            "received_on": "2026-11-01",
            "text": "People are not believed.",
            "themes": [stigma.pk],
        },
    )
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert (item.channel, item.recorded_by, list(item.themes.all())) == ("advocacy", host, [stigma])


def test_add_feedback_refuses_another_organisations_service(client, host):
    client.force_login(host)
    response = client.post(
        reverse("coproduction:feedback_add"),
        {
            "service": ServiceFactory().pk,
            "channel": "forum",
            "giver_role": "family",
            "received_on": "2026-11-01",
            "text": "Hello",
        },
    )
    assert response.status_code == 400
    assert "service" in response.context["form"].errors
    assert not FeedbackItem.objects.exists()


def test_csv_export_holds_the_filtered_items_and_no_names(client, service, host):
    from coproduction.tracker.services import action_create_from_feedback

    recorder = member(Role.LEADER, organisation=service.organisation, first_name="Zelda")
    item = record(
        service,
        channel="complaint",
        themes=["harm_stigma", "hm_not_listening"],
        text="=HYPERLINK(1) they ignored us",
        recorded_by=recorder,
    )
    action_create_from_feedback(item, title="Call every family back", owner=recorder)
    record(service, channel="forum", text="Other channel")
    client.force_login(host)

    response = client.get(reverse("coproduction:feedback_export"), {"channel": "complaint"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue().decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["date", "channel", "role", "service", "themes", "text", "linked actions"]
    assert rows[1:] == [
        [
            TODAY.isoformat(),
            "Complaint",
            "Family member",
            service.name,
            "Not listening; Stigma and discrimination",
            "'=HYPERLINK(1) they ignored us",
            "Call every family back",
        ]
    ]
    for private in (recorder.email, recorder.first_name, recorder.last_name, host.email, "@"):
        assert private not in body


def test_navigation_shows_the_tracker_to_its_readers_only(rf, service, host):
    from django.contrib.auth.models import AnonymousUser

    from cms.pages.panels import navigation_items

    item = ("Feedback tracker", reverse("coproduction:feedback_list"))
    request = rf.get("/")
    for person, shown in (
        (host, True),
        (member(Role.STAFF, service=service), False),
        (AnonymousUser(), False),
    ):
        request.user = person
        assert (item in navigation_items(request)) is shown


def test_speak_up_items_show_the_month_only(client, service, host):
    record(service, channel="speak_up", text="Nights are unsafe.")
    client.force_login(host)
    content = client.get(reverse("coproduction:feedback_list")).content.decode()
    assert f"<td>{TODAY:%B %Y}</td>" in content and f"{TODAY:%-d %b %Y}" not in content
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("coproduction:feedback_export")).getvalue().decode())
        )
    )
    assert rows[1][0] == f"{TODAY:%Y-%m}"
