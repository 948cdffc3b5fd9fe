"""Checks that a scenario's steps make a playable graph.

Plain functions over the steps data: a sequence of mappings (dicts, or the StructValues of
`ScenarioStepsBlock`) with `key`, `is_ending`, `outcome` and `choices`, each choice with `key` and
`next_step`. The first step is the start. Each check returns a list of `(step index, message)`;
`scenario_errors` runs them all. A step index of None means the scenario as a whole.
"""

from collections import Counter, defaultdict


def _key(step):
    return (step.get("key") or "").strip()


def _choices(step):
    return list(step.get("choices") or [])


def _is_ending(step):
    return bool(step.get("is_ending"))


def _first_index_by_key(steps):
    indexes = {}
    for index, step in enumerate(steps):
        indexes.setdefault(_key(step), index)
    return indexes


def check_has_steps(steps):
    if not steps:
        return [(None, "A scenario needs at least one step, and at least one ending.")]
    if not any(_is_ending(step) for step in steps):
        return [(None, "A scenario needs at least one ending step.")]
    return []


def check_duplicate_step_keys(steps):
    counts = Counter(_key(step) for step in steps)
    errors = []
    seen = set()
    for index, step in enumerate(steps):
        key = _key(step)
        if counts[key] > 1:
            if key in seen:
                errors.append((index, f"Step “{key}”: another step already has this key."))
            seen.add(key)
    return errors


def check_duplicate_choice_keys(steps):
    errors = []
    for index, step in enumerate(steps):
        counts = Counter(choice.get("key") for choice in _choices(step))
        for choice_key, count in counts.items():
            if count > 1:
                errors.append(
                    (
                        index,
                        f"Step “{_key(step)}”: {count} choices have the key “{choice_key}”; "
                        "each choice in a step needs its own key.",
                    )
                )
    return errors


def check_endings(steps):
    """A step that is not an ending offers choices; an ending offers none and says what
    happened."""
    errors = []
    for index, step in enumerate(steps):
        key = _key(step)
        if _is_ending(step):
            if _choices(step):
                errors.append((index, f"Step “{key}” is an ending, so it cannot offer choices."))
            if not (step.get("outcome") or "").strip():
                errors.append((index, f"Step “{key}” is an ending: say what happened (outcome)."))
        elif not _choices(step):
            errors.append(
                (index, f"Step “{key}” is not an ending, so it needs at least one choice.")
            )
    return errors


def check_next_steps_exist(steps):
    keys = {_key(step) for step in steps}
    errors = []
    for index, step in enumerate(steps):
        for choice in _choices(step):
            target = (choice.get("next_step") or "").strip()
            if target not in keys:
                errors.append(
                    (
                        index,
                        f"Step “{_key(step)}”, choice “{choice.get('key')}”: the next step "
                        f"“{target}” does not exist.",
                    )
                )
    return errors


def _edges(steps):
    indexes = _first_index_by_key(steps)
    edges = defaultdict(set)
    for step in steps:
        for choice in _choices(step):
            target = (choice.get("next_step") or "").strip()
            if target in indexes:
                edges[_key(step)].add(target)
    return edges


def reachable_from_start(steps):
    """The keys of the steps a learner can reach from the first step."""
    if not steps:
        return set()
    edges = _edges(steps)
    start = _key(steps[0])
    seen = {start}
    frontier = [start]
    while frontier:
        for target in edges[frontier.pop()]:
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def can_reach_an_ending(steps):
    """The keys of the steps from which some route leads to an ending."""
    edges = _edges(steps)
    good = {_key(step) for step in steps if _is_ending(step)}
    changed = True
    while changed:
        changed = False
        for step in steps:
            key = _key(step)
            if key not in good and edges[key] & good:
                good.add(key)
                changed = True
    return good


def check_reachable(steps):
    reachable = reachable_from_start(steps)
    return [
        (index, f"Step “{_key(step)}” cannot be reached from the start step.")
        for index, step in enumerate(steps)
        if _key(step) not in reachable
    ]


def check_reaches_ending(steps):
    good = can_reach_an_ending(steps)
    return [
        (index, f"Step “{_key(step)}” cannot lead to any ending: every route from it loops.")
        for index, step in enumerate(steps)
        if not _is_ending(step) and _choices(step) and _key(step) not in good
    ]


CHECKS = [
    check_has_steps,
    check_duplicate_step_keys,
    check_duplicate_choice_keys,
    check_endings,
    check_next_steps_exist,
    check_reachable,
    check_reaches_ending,
]


def scenario_errors(steps):
    """{step index or None: [message, ...]} for everything wrong with `steps`; empty when the
    scenario can be played from its start to an ending by every route."""
    steps = list(steps)
    errors = defaultdict(list)
    for check in CHECKS:
        for index, message in check(steps):
            errors[index].append(message)
    return dict(errors)
