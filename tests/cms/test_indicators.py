from datetime import datetime

import pytest

from cms import indicators
from cms.indicators import Direction, IndicatorValue


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(indicators, "_registry", {})
    monkeypatch.setattr(indicators, "_families", {})
    return indicators


def test_a_registered_indicator_computes_for_a_service_and_period(registry):
    @registry.register("visits", label="Visits", unit="count", good_direction=Direction.UP)
    def visits(service, start, end):
        return IndicatorValue(value=(end - start).days, people=7)

    [indicator] = registry.all_indicators()
    assert indicator.key == "visits" and indicator.label == "Visits"
    assert registry.get_indicator("visits")(None, datetime(2026, 1, 1), datetime(2026, 1, 31)) == (
        IndicatorValue(value=30, people=7)
    )


def test_the_same_key_cannot_be_registered_twice(registry):
    registry.register("a", label="A", unit="%", good_direction=Direction.UP)(lambda *a: None)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("a", label="A2", unit="%", good_direction=Direction.UP)(lambda *a: None)


def test_figures_from_fewer_than_five_people_are_withheld():
    assert IndicatorValue(value=40.0, people=4).shown() is None
    assert IndicatorValue(value=40.0, people=5).shown() == 40.0
    assert IndicatorValue(value=40.0, people=9).shown(minimum=10) is None


def _visits_for(organisation, name):
    """A member of the `visits:` family: an indicator an organisation has only once it has
    something called `name` (a learning path it wrote, say)."""
    return registry_indicator(f"visits:{name}", f"Visits: {name.title()} ({organisation})")


def registry_indicator(key, label):
    return indicators.Indicator(
        key=key,
        label=label,
        unit="count",
        good_direction=Direction.UP,
        compute=lambda service, start, end: IndicatorValue(value=1, people=5),
    )


@pytest.mark.django_db  # each family is listed in a savepoint of its own
def test_a_family_lists_its_members_per_organisation_when_figures_are_computed(registry):
    """A family's keys are only known at compute time (the paths an organisation has written
    by tonight), so the registry asks the family for an organisation's members when asked for
    that organisation's indicators, and resolves one member's key when asked for it."""
    named = {"ash": ["induction", "night-shifts"], "birch": []}
    registry.register("visits", label="Visits", unit="count", good_direction=Direction.UP)(
        lambda *a: None
    )
    registry.register_family(
        "visits:",
        members=lambda organisation: [_visits_for(organisation, n) for n in named[organisation]],
        member=lambda key: (
            _visits_for("ash", key.removeprefix("visits:"))
            if key.removeprefix("visits:") in named["ash"]
            else None
        ),
    )

    # Without an organisation: the indicators every organisation has, and no family members.
    assert [i.key for i in registry.all_indicators()] == ["visits"]
    # With one: its members too, enumerated now (a path written today is there tonight).
    assert [i.key for i in registry.all_indicators("ash")] == [
        "visits",
        "visits:induction",
        "visits:night-shifts",
    ]
    named["ash"].append("handover")
    assert "visits:handover" in [i.key for i in registry.all_indicators("ash")]
    assert [i.key for i in registry.all_indicators("birch")] == ["visits"]

    # One member's key resolves to its indicator (a dashboard labelling a stored figure).
    indicator = registry.get_indicator("visits:induction")
    assert indicator.label == "Visits: Induction (ash)"
    assert indicator(None, datetime(2026, 1, 1), datetime(2026, 2, 1)).value == 1
    # A key the family does not know is not an indicator.
    with pytest.raises(KeyError):
        registry.get_indicator("visits:gone")
    with pytest.raises(KeyError):
        registry.get_indicator("calls:induction")


@pytest.mark.django_db
def test_a_registered_key_under_a_familys_prefix_is_the_registered_one(registry):
    registry.register("visits:bundled", label="Bundled", unit="count", good_direction="up")(
        lambda *a: None
    )
    registry.register_family(
        "visits:",
        members=lambda organisation: [registry_indicator("visits:bundled", "Family's copy")],
        member=lambda key: registry_indicator(key, "Family's copy"),
    )
    assert registry.get_indicator("visits:bundled").label == "Bundled"
    # Listed once, as registered.
    assert [(i.key, i.label) for i in registry.all_indicators("ash")] == [
        ("visits:bundled", "Bundled")
    ]


def test_the_same_family_cannot_be_registered_twice(registry):
    registry.register_family("a:", members=lambda organisation: [], member=lambda key: None)
    with pytest.raises(ValueError, match="already registered"):
        registry.register_family("a:", members=lambda organisation: [], member=lambda key: None)


@pytest.mark.django_db
def test_a_family_that_raises_is_left_out_and_reported(registry, caplog):
    """One plugin's broken family costs its own members, not the organisation's other
    indicators; the caller hears which family failed, and the log says it without the error's
    message (it can quote stored data)."""
    registry.register("visits", label="Visits", unit="count", good_direction=Direction.UP)(
        lambda *a: None
    )

    def broken(organisation):
        raise LookupError(f"Jane Doe's path for {organisation}")

    registry.register_family("broken:", members=broken, member=lambda key: None)
    registry.register_family(
        "visits:",
        members=lambda organisation: [_visits_for(organisation, "induction")],
        member=lambda key: None,
    )
    failed = []

    listed = registry.all_indicators("ash", family_failed=lambda *f: failed.append(f))

    assert [i.key for i in listed] == ["visits", "visits:induction"]
    assert [(prefix, type(error)) for prefix, error in failed] == [("broken:", LookupError)]
    assert "broken:" in caplog.text and "LookupError" in caplog.text
    assert "Jane Doe" not in caplog.text
    # Without a caller to tell, the listing still leaves the family out.
    assert [i.key for i in registry.all_indicators("ash")] == ["visits", "visits:induction"]


def test_a_shared_figure_is_worked_out_once_per_scope_and_never_across_threads(registry):
    """`computing()` is the run's own: a thread (another worker's run) or a later scope works
    the figure out again."""
    import threading
    from types import SimpleNamespace

    calls = []

    @registry.shared
    def tally(service, start, end):
        calls.append((service.pk, start))
        return {"calls": len(calls)}

    ash, birch = SimpleNamespace(pk=1), SimpleNamespace(pk=2)
    with registry.computing():
        assert tally(ash, 1, 2) == tally(ash, 1, 2) == {"calls": 1}
        assert tally(birch, 1, 2) == {"calls": 2}
        assert tally(ash, 2, 3) == {"calls": 3}
        elsewhere = threading.Thread(target=lambda: tally(ash, 1, 2))
        elsewhere.start()
        elsewhere.join()
        assert len(calls) == 4
    with registry.computing():
        assert tally(ash, 1, 2) == {"calls": 5}
    # Outside any scope: every call.
    tally(ash, 1, 2)
    tally(ash, 1, 2)
    assert len(calls) == 7


@pytest.mark.django_db
def test_a_family_whose_member_lookup_raises_answers_as_unknown(registry, caplog):
    """A dashboard or flag asking about one key of a broken family gets the same answer as for a
    key whose plugin has gone (KeyError, so it shows its fallback words), not an error page; the
    log names the family and the kind of error, not its message."""

    def broken(key):
        raise LookupError(f"Jane Doe's path {key}")

    registry.register_family("paths:", members=lambda organisation: [], member=broken)

    with pytest.raises(KeyError):
        registry.get_indicator("paths:induction")
    assert "paths:" in caplog.text and "LookupError" in caplog.text
    assert "Jane Doe" not in caplog.text


def test_a_scope_opened_inside_a_scope_shares_the_outer_ones_figures(registry):
    reads = []

    @registry.shared
    def tally(service, start, end):
        reads.append(start)
        return len(reads)

    class Service:
        pk = 1

    with registry.computing():
        tally(Service, 1, 2)
        with registry.computing():  # an indicator sharing between its own helpers
            assert tally(Service, 1, 2) == 1
        assert tally(Service, 1, 2) == 1

    assert reads == [1]
