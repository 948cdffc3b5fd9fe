"""The one place the flags part touches the learning plugin: its public function to assign a
path to a service's staff, and its list of an organisation's live paths. Imported lazily and
only when the learning plugin is installed, so the leadership plugin runs without it (then no
path can be assigned from an alert, and the form is not shown)."""

from django.apps import apps

RED_FLAGS_PATH_SLUG = "red-flags"


def available():
    return apps.is_installed("learning")


def paths_for(organisation):
    """The organisation's live learning paths, by title; none without the learning plugin."""
    if not available():
        return []
    from learning.enrolment.selectors import paths_in

    return list(paths_in([organisation]))


def red_flags_path(paths):
    """The red flags path among `paths`, found by its slug, or None."""
    return next((path for path in paths if path.slug == RED_FLAGS_PATH_SLUG), None)


def assign_to_service_staff(path, service, *, due_on, reason, by):
    """Enrol the service's staff on `path`; returns the enrolments (one per person)."""
    from learning.enrolment.services import assign_path_to_service_staff

    return assign_path_to_service_staff(path, service, due_on=due_on, reason=reason, assigned_by=by)
