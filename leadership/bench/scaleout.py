"""What the leadership plugin writes in `make bench SCALEOUT=1` (see cms/bench/scaleout.py): two
leaders' presses of the Figures page's "bring the figures up to date" at the same moment,
through the load balancer (so, as a rule, one on each app server). The check is that one
snapshot run came of it, that it finished once, and that the snapshots hold one row per key."""

from django.db.models import Count
from django.urls import reverse

from cms.bench.runner import BenchError, _csrf_token
from cms.bench.scaleout import Check, exactly_once, register_write


def ask_for_figures(session, base_url, facts):
    """The Figures page's button: its POST answers with a redirect back to the page."""
    figures = base_url + reverse("leadership:figures")
    page = session.get(figures)
    answer = session.post(
        base_url + reverse("leadership:figures_refresh"),
        data={"csrfmiddlewaretoken": _csrf_token(page), "organisation": facts.organisation_id},
        headers={"Referer": figures},
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise BenchError(f"the Figures page's refresh answered {answer.status_code}")
    return None


def runs_since(facts, since):
    from leadership.snapshots.models import SnapshotRun

    return SnapshotRun.objects.filter(
        organisation_id=facts.organisation_id, requested_at__gte=since
    )


def finished(facts, keys, since):
    from leadership.snapshots.models import SnapshotRun

    return not SnapshotRun.objects.filter(
        organisation_id=facts.organisation_id, status__in=SnapshotRun.OPEN_STATUSES
    ).exists()


def check_snapshots(facts, keys, since):
    from leadership.snapshots.models import IndicatorSnapshot, SnapshotRun

    runs = list(runs_since(facts, since).order_by("pk"))
    checks = [
        exactly_once(
            "one snapshot run for two presses at once",
            {facts.organisation_id: len(runs)} if runs else {},
            [facts.organisation_id],
            noun="run",
        )
    ]
    done = [run for run in runs if run.status == SnapshotRun.Status.DONE and run.finished_at]
    detail = ", ".join(
        f"run {run.pk} {run.status}"
        + (
            f" in {(run.finished_at - run.started_at).total_seconds():.0f} s, "
            f"{run.snapshots_written} snapshots"
            if run.finished_at and run.started_at
            else ""
        )
        for run in runs
    )
    checks.append(
        Check("the snapshot run finished once", len(done) == 1 == len(runs), detail or "no run")
    )
    rows = IndicatorSnapshot.objects.filter(service__organisation_id=facts.organisation_id)
    twice = (
        rows.values("service", "indicator", "period", "start")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    written = rows.filter(computed_at__gte=done[0].started_at).count() if done else 0
    checks.append(
        Check(
            "one snapshot row per key",
            twice == 0 and written > 0,
            f"{rows.count()} rows, {written} written by the run, {twice} keys with more than one",
        )
    )
    return checks


register_write(
    "snapshot run asked for",
    role="leader",
    send=ask_for_figures,
    settled=finished,
    check=check_snapshots,
    rounds=1,
    at_once=2,
)
