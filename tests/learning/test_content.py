"""The demo learning content (`learning.bundled.*.PATH`) follows its schema and the house rules:
valid controlled values, sourced key facts, modules that teach and check, and scenarios that
branch for real and can be played from the start to an ending by every route.

The rules are small functions that return a list of problems (each naming where it is), so the
tests below can also feed them broken data and prove they report it."""

import copy
import importlib
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from cms.organisations.models import Role
from learning.bundled import PATH_MODULES
from learning.principles import ChoiceQuality, Imperative, Principle
from learning.validation import can_reach_an_ending, reachable_from_start

# The Source key table of domain/CONTENT-FACTS.md.
SOURCE_KEYS = {
    "S1",
    "S2",
    "S3",
    "S4",
    "S5",
    "CQC-CC",
    "PEL",
    "LGA-CC",
    "HULL",
    "NG189",
    "CSSG",
}
PATH_KEYS = {
    "slug",
    "title",
    "imperative",
    "audiences",
    "summary",
    "outcomes",
    "estimated_minutes",
    "recertify_months",
    "items",
}
MODULE_KEYS = {"type", "slug", "title", "summary", "body"}
SCENARIO_KEYS = {"type", "slug", "title", "summary", "reflection_prompt", "steps"}
STEP_KEYS = {"key", "situation", "person_says", "choices", "ending", "outcome"}
CHOICE_KEYS = {"key", "text", "next", "feedback", "quality", "principles"}
BLOCK_KINDS = {"text", "key_fact", "quote", "reflection", "knowledge_check"}
HTML_TAGS = {"p", "strong", "em", "ul", "ol", "li"}
RECERTIFY_MONTHS = {12, 24, 36}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# US spellings that slip in; the content is written in UK English.
US_SPELLINGS = re.compile(
    r"\b(organiz\w*|behavior\w*|favor\w*|color\w*|center\w*|recogniz\w*|apologiz\w*|"
    r"realiz\w*|analyz\w*|program|programs|counseling|judgment)\b",
    re.IGNORECASE,
)

IMPERATIVES = set(Imperative.values)
ROLES = set(Role.values)
PRINCIPLES = set(Principle.values)
QUALITIES = set(ChoiceQuality.values)


def load_paths():
    return [
        (name, importlib.import_module(f"learning.bundled.{name}").PATH) for name in PATH_MODULES
    ]


PATHS = load_paths()
PATH_IDS = [name for name, _ in PATHS]


def items_of(kind):
    return [
        pytest.param(item, id=f"{name}/{item['slug']}")
        for name, path in PATHS
        for item in path["items"]
        if item["type"] == kind
    ]


def is_text(value):
    return isinstance(value, str) and value.strip() != ""


# --- the rules -----------------------------------------------------------------------------


def path_problems(path):
    where = f"path {path.get('slug')!r}"
    problems = []
    missing = PATH_KEYS - path.keys()
    if missing:
        return [f"{where}: missing keys {sorted(missing)}"]
    if unknown := path.keys() - PATH_KEYS:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    if not SLUG.match(path["slug"]):
        problems.append(f"{where}: slug is not a slug")
    for field in ("title", "summary"):
        if not is_text(path[field]):
            problems.append(f"{where}: {field} is empty")
    if path["imperative"] not in IMPERATIVES:
        problems.append(f"{where}: unknown imperative {path['imperative']!r}")
    audiences = path["audiences"]
    if not audiences or not set(audiences) <= ROLES or len(set(audiences)) != len(audiences):
        problems.append(f"{where}: audiences must be distinct Role values, got {audiences}")
    if not 3 <= len(path["outcomes"]) <= 5 or not all(map(is_text, path["outcomes"])):
        problems.append(f"{where}: needs 3-5 outcomes")
    minutes = path["estimated_minutes"]
    if not isinstance(minutes, int) or not 20 <= minutes <= 240:
        problems.append(f"{where}: estimated_minutes {minutes!r} is not realistic")
    if path["recertify_months"] not in RECERTIFY_MONTHS:
        problems.append(f"{where}: recertify_months must be one of {sorted(RECERTIFY_MONTHS)}")
    kinds = Counter(item.get("type") for item in path["items"])
    if kinds["module"] < 3:
        problems.append(f"{where}: needs at least 3 modules, has {kinds['module']}")
    if kinds["scenario"] < 2:
        problems.append(f"{where}: needs at least 2 scenarios, has {kinds['scenario']}")
    if set(kinds) - {"module", "scenario"}:
        problems.append(
            f"{where}: unknown item types {sorted(set(kinds) - {'module', 'scenario'})}"
        )
    if path["items"] and path["items"][0].get("type") != "module":
        problems.append(f"{where}: must open with a module (the shared foundations)")
    slugs = Counter(item.get("slug") for item in path["items"])
    for slug, count in slugs.items():
        if count > 1:
            problems.append(f"{where}: item slug {slug!r} is used {count} times")
    return problems


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if attrs:
            self.tags.add(f"{tag}[attributes]")


def html_problems(html, where):
    parser = _Tags()
    parser.feed(html)
    bad = parser.tags - HTML_TAGS
    problems = [f"{where}: HTML uses {sorted(bad)}"] if bad else []
    if not html.lstrip().startswith(("<p>", "<ul>", "<ol>")):
        problems.append(f"{where}: HTML text must start with a block element")
    return problems


def knowledge_check_problems(check, where):
    problems = []
    if not is_text(check.get("question")):
        problems.append(f"{where}: knowledge check has no question")
    options = check.get("options") or []
    if len(options) < 2:
        problems.append(f"{where}: knowledge check needs at least 2 options")
    correct = [option for option in options if option.get("correct") is True]
    if not correct:
        problems.append(f"{where}: knowledge check has no correct option")
    if not check.get("multiple") and len(correct) != 1:
        problems.append(
            f"{where}: single-answer knowledge check has {len(correct)} correct options"
        )
    for number, option in enumerate(options, 1):
        if not is_text(option.get("text")):
            problems.append(f"{where}: option {number} has no text")
        if not is_text(option.get("explanation")):
            problems.append(f"{where}: option {number} has no explanation")
        if not isinstance(option.get("correct"), bool):
            problems.append(f"{where}: option {number} must say correct True or False")
    return problems


def module_problems(module):
    where = f"module {module.get('slug')!r}"
    problems = []
    if missing := MODULE_KEYS - module.keys():
        return [f"{where}: missing keys {sorted(missing)}"]
    if not SLUG.match(module["slug"]):
        problems.append(f"{where}: slug is not a slug")
    body = module["body"]
    kinds = Counter(kind for kind, _ in body)
    if unknown := set(kinds) - BLOCK_KINDS:
        problems.append(f"{where}: unknown block kinds {sorted(unknown)}")
    if kinds["text"] < 1:
        problems.append(f"{where}: needs a text block")
    if kinds["key_fact"] < 2:
        problems.append(f"{where}: needs at least 2 key facts, has {kinds['key_fact']}")
    if kinds["reflection"] < 1:
        problems.append(f"{where}: needs a reflection prompt")
    if kinds["knowledge_check"] < 1:
        problems.append(f"{where}: needs at least one knowledge check")
    elif body[-1][0] != "knowledge_check":
        problems.append(f"{where}: must end with a knowledge check")
    for number, (kind, value) in enumerate(body, 1):
        at = f"{where}, block {number} ({kind})"
        if kind == "text":
            problems += html_problems(value, at)
        elif kind == "key_fact":
            if not is_text(value.get("fact")):
                problems.append(f"{at}: no fact")
            if value.get("source") not in SOURCE_KEYS:
                problems.append(f"{at}: source {value.get('source')!r} is not a Source key")
        elif kind == "quote":
            if not is_text(value.get("text")) or not is_text(value.get("attribution")):
                problems.append(f"{at}: a quote needs text and an attribution")
        elif kind == "reflection":
            if not is_text(value):
                problems.append(f"{at}: empty reflection")
        elif kind == "knowledge_check":
            problems += knowledge_check_problems(value, at)
    return problems


def choice_problems(choice, where):
    problems = []
    if missing := CHOICE_KEYS - choice.keys():
        return [f"{where}: missing keys {sorted(missing)}"]
    if unknown := choice.keys() - CHOICE_KEYS:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    if not SLUG.match(choice["key"]):
        problems.append(f"{where}: key is not a slug")
    for field in ("text", "feedback"):
        if not is_text(choice[field]):
            problems.append(f"{where}: {field} is empty")
    if choice["quality"] not in QUALITIES:
        problems.append(f"{where}: unknown quality {choice['quality']!r}")
    principles = choice["principles"]
    if not 1 <= len(principles) <= 3 or len(set(principles)) != len(principles):
        problems.append(f"{where}: needs 1-3 distinct principles, got {principles}")
    if unknown := set(principles) - PRINCIPLES:
        problems.append(f"{where}: unknown principles {sorted(unknown)}")
    return problems


def step_problems(steps):
    """Each step on its own: keys, endings, choices, and at least one best choice."""
    problems = []
    keys = Counter(step.get("key") for step in steps)
    for key, count in keys.items():
        if count > 1:
            problems.append(f"step {key!r}: key is used by {count} steps")
    for step in steps:
        where = f"step {step.get('key')!r}"
        if unknown := step.keys() - STEP_KEYS:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        if not SLUG.match(step.get("key") or ""):
            problems.append(f"{where}: key is not a slug")
        if not is_text(step.get("situation")):
            problems.append(f"{where}: no situation")
        if "person_says" in step and not is_text(step["person_says"]):
            problems.append(f"{where}: person_says is empty")
        choices = step.get("choices") or []
        if step.get("ending"):
            if step["ending"] is not True:
                problems.append(f"{where}: ending must be True")
            if choices:
                problems.append(f"{where}: an ending has no choices")
            if not is_text(step.get("outcome")):
                problems.append(f"{where}: an ending needs an outcome")
            continue
        if "outcome" in step:
            problems.append(f"{where}: only an ending has an outcome")
        if len(choices) < 2:
            problems.append(f"{where}: needs at least 2 choices, has {len(choices)}")
        if not any(choice.get("quality") == "best" for choice in choices):
            problems.append(f"{where}: needs at least one best choice")
        choice_keys = Counter(choice.get("key") for choice in choices)
        for key, count in choice_keys.items():
            if count > 1:
                problems.append(f"{where}: choice key {key!r} is used {count} times")
        for choice in choices:
            problems += choice_problems(choice, f"{where}, choice {choice.get('key')!r}")
    return problems


def edges(steps):
    return {step["key"]: {choice["next"] for choice in step.get("choices") or []} for step in steps}


def as_block_steps(steps):
    """Content-schema steps in the shape the ScenarioPage stream stores them."""
    return [
        {
            "key": step["key"],
            "is_ending": bool(step.get("ending")),
            "choices": [
                {"key": choice["key"], "next_step": choice["next"]}
                for choice in step.get("choices") or []
            ],
        }
        for step in steps
    ]


def graph_problems(steps):
    """The scenario as a graph: the first step is the start; every `next` exists; every step
    is reachable from the start and can reach an ending; it is big enough and really branches."""
    if not steps:
        return ["scenario: has no steps"]
    problems = []
    keys = {step["key"] for step in steps}
    endings = {step["key"] for step in steps if step.get("ending")}
    graph = edges(steps)
    for step in steps:
        for choice in step.get("choices") or []:
            if choice["next"] not in keys:
                problems.append(
                    f"step {step['key']!r}, choice {choice['key']!r}: "
                    f"next step {choice['next']!r} does not exist"
                )
    # Reachability is the plugin's own rule (learning.validation), on the block-shaped steps.
    block_steps = as_block_steps(steps)
    seen = reachable_from_start(block_steps)
    for step in steps:
        if step["key"] not in seen:
            problems.append(f"step {step['key']!r}: cannot be reached from the first step")
    good = can_reach_an_ending(block_steps)
    for step in steps:
        if step["key"] not in good:
            problems.append(f"step {step['key']!r}: cannot reach any ending")
    if len(steps) < 5:
        problems.append(f"scenario: needs at least 5 steps, has {len(steps)}")
    if len(endings) < 2:
        problems.append(f"scenario: needs at least 2 endings, has {len(endings)}")
    if not any(len(step.get("choices") or []) >= 3 for step in steps):
        problems.append("scenario: no step offers 3 or more choices")
    if not any(len(targets) >= 2 for targets in graph.values()):
        problems.append("scenario: no step's choices lead to different steps")
    return problems


def scenario_problems(scenario):
    where = f"scenario {scenario.get('slug')!r}"
    if missing := SCENARIO_KEYS - scenario.keys():
        return [f"{where}: missing keys {sorted(missing)}"]
    problems = []
    if not SLUG.match(scenario["slug"]):
        problems.append(f"{where}: slug is not a slug")
    for field in ("title", "summary", "reflection_prompt"):
        if not is_text(scenario[field]):
            problems.append(f"{where}: {field} is empty")
    steps = scenario["steps"]
    problems += [f"{where}: {problem}" for problem in step_problems(steps)]
    problems += [f"{where}: {problem}" for problem in graph_problems(steps)]
    return problems


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


# --- the content follows the rules ---------------------------------------------------------


def test_every_path_module_is_written():
    assert [name for name, _ in PATHS] == PATH_MODULES


@pytest.mark.parametrize("path", [path for _, path in PATHS], ids=PATH_IDS)
def test_path(path):
    assert path_problems(path) == []


@pytest.mark.parametrize("module", items_of("module"))
def test_module(module):
    assert module_problems(module) == []


@pytest.mark.parametrize("scenario", items_of("scenario"))
def test_scenario(scenario):
    assert scenario_problems(scenario) == []


@pytest.mark.parametrize("scenario", items_of("scenario"))
def test_scenario_passes_the_platforms_own_validation(scenario):
    from learning.demo import scenario_steps
    from learning.validation import scenario_errors

    assert scenario_errors([value for _, value in scenario_steps(scenario["steps"])]) == {}


def test_slugs_are_unique_across_paths():
    slugs = Counter(path["slug"] for _, path in PATHS)
    slugs.update(item["slug"] for _, path in PATHS for item in path["items"])
    assert [slug for slug, count in slugs.items() if count > 1] == []


@pytest.mark.parametrize("path", [path for _, path in PATHS], ids=PATH_IDS)
def test_path_opens_with_the_shared_foundations(path):
    first = path["items"][0]
    text = " ".join(strings_in(first["body"])).lower()
    for idea in ("organisational abuse", "closed culture", "hallmark"):
        assert idea in text, f"{path['slug']}: first module does not cover {idea!r}"
    sources = {value["source"] for kind, value in first["body"] if kind == "key_fact"}
    assert "CSSG" in sources, f"{path['slug']}: the definition of organisational abuse (CSSG)"


@pytest.mark.parametrize("path", [path for _, path in PATHS], ids=PATH_IDS)
def test_plain_text_is_plain_and_uk_english(path):
    problems = []
    for item in path["items"]:
        plain = (
            item["steps"]
            if item["type"] == "scenario"
            else [value for kind, value in item["body"] if kind != "text"]
        )
        for text in strings_in(plain):
            if "<" in text or ">" in text:
                problems.append(f"{item['slug']}: HTML in plain text: {text[:60]!r}")
    for text in strings_in(path):
        if match := US_SPELLINGS.search(text):
            problems.append(f"US spelling {match.group(0)!r} in {text[:60]!r}")
    assert problems == []


# --- the rules catch broken content --------------------------------------------------------


def good_steps():
    def choice(key, target, quality="best"):
        return {
            "key": key,
            "text": "Do something.",
            "next": target,
            "feedback": "Because (S1).",
            "quality": quality,
            "principles": ["listening"],
        }

    return [
        {
            "key": "start",
            "situation": "It begins.",
            "person_says": "Hello.",
            "choices": [
                choice("a", "middle"),
                choice("b", "side", "harmful"),
                choice("c", "bad-end", "harmful"),
            ],
        },
        {
            "key": "middle",
            "situation": "It goes on.",
            "choices": [choice("a", "good-end"), choice("b", "bad-end", "risky")],
        },
        {
            "key": "side",
            "situation": "A detour.",
            "choices": [choice("a", "middle"), choice("b", "bad-end", "harmful")],
        },
        {"key": "good-end", "ending": True, "situation": "Done.", "outcome": "Good."},
        {"key": "bad-end", "ending": True, "situation": "Done.", "outcome": "Bad."},
    ]


def good_scenario():
    return {
        "type": "scenario",
        "slug": "example",
        "title": "Example",
        "summary": "An example.",
        "reflection_prompt": "What now?",
        "steps": good_steps(),
    }


def step(steps, key):
    return next(s for s in steps if s["key"] == key)


def test_a_good_scenario_has_no_problems():
    assert scenario_problems(good_scenario()) == []


def test_graph_reports_a_missing_next_step():
    steps = good_steps()
    step(steps, "middle")["choices"][0]["next"] = "nowhere"
    assert "step 'middle', choice 'a': next step 'nowhere' does not exist" in graph_problems(steps)


def test_graph_reports_an_unreachable_step():
    steps = good_steps()
    step(steps, "start")["choices"][1]["next"] = "middle"
    assert "step 'side': cannot be reached from the first step" in graph_problems(steps)


def test_graph_reports_a_loop_with_no_way_out():
    steps = good_steps()
    steps.append(
        {
            "key": "trap",
            "situation": "Round and round.",
            "choices": [
                {**step(steps, "side")["choices"][0], "next": "trap"},
                {**step(steps, "side")["choices"][1], "next": "trap"},
            ],
        }
    )
    step(steps, "start")["choices"][2]["next"] = "trap"
    assert "step 'trap': cannot reach any ending" in graph_problems(steps)


def test_graph_takes_the_first_step_as_the_start():
    steps = good_steps()
    steps.insert(0, steps.pop(1))  # "middle" first: "start" and "side" become unreachable
    problems = graph_problems(steps)
    assert "step 'start': cannot be reached from the first step" in problems
    assert "step 'side': cannot be reached from the first step" in problems


def test_graph_reports_too_few_steps_and_endings():
    steps = [copy.deepcopy(s) for s in good_steps() if s["key"] in {"start", "good-end"}]
    for choice in steps[0]["choices"]:
        choice["next"] = "good-end"
    problems = graph_problems(steps)
    assert "scenario: needs at least 5 steps, has 2" in problems
    assert "scenario: needs at least 2 endings, has 1" in problems
    assert "scenario: no step's choices lead to different steps" in problems


def test_graph_reports_no_step_with_three_choices():
    steps = good_steps()
    step(steps, "start")["choices"].pop()
    assert "scenario: no step offers 3 or more choices" in graph_problems(steps)


def test_steps_report_an_ending_with_choices_and_no_outcome():
    steps = good_steps()
    ending = step(steps, "good-end")
    ending["choices"] = copy.deepcopy(step(steps, "middle")["choices"])
    del ending["outcome"]
    problems = step_problems(steps)
    assert "step 'good-end': an ending has no choices" in problems
    assert "step 'good-end': an ending needs an outcome" in problems


def test_steps_report_one_choice_and_no_best():
    steps = good_steps()
    step(steps, "middle")["choices"] = [step(steps, "middle")["choices"][1]]
    problems = step_problems(steps)
    assert "step 'middle': needs at least 2 choices, has 1" in problems
    assert "step 'middle': needs at least one best choice" in problems


def test_steps_report_bad_controlled_values():
    steps = good_steps()
    choice = step(steps, "side")["choices"][0]
    choice["quality"] = "great"
    choice["principles"] = ["listening", "kindness"]
    problems = step_problems(steps)
    assert "step 'side', choice 'a': unknown quality 'great'" in problems
    assert "step 'side', choice 'a': unknown principles ['kindness']" in problems


def test_steps_report_duplicate_step_and_choice_keys():
    steps = good_steps()
    step(steps, "side")["key"] = "middle"
    step(steps, "start")["choices"][1]["key"] = "a"
    problems = step_problems(steps)
    assert "step 'middle': key is used by 2 steps" in problems
    assert "step 'start': choice key 'a' is used 2 times" in problems


def good_module():
    return {
        "type": "module",
        "slug": "example-module",
        "title": "Example",
        "summary": "An example.",
        "body": [
            ("text", "<p>Some <strong>teaching</strong>.</p>"),
            ("key_fact", {"fact": "A fact.", "source": "S1"}),
            ("key_fact", {"fact": "Another fact.", "source": "CQC-CC"}),
            ("reflection", "What do you think?"),
            (
                "knowledge_check",
                {
                    "question": "Which?",
                    "multiple": False,
                    "options": [
                        {"text": "This", "correct": True, "explanation": "Because."},
                        {"text": "That", "correct": False, "explanation": "Because not."},
                    ],
                },
            ),
        ],
    }


def test_a_good_module_has_no_problems():
    assert module_problems(good_module()) == []


def test_module_reports_an_unknown_source_key():
    module = good_module()
    module["body"][1][1]["source"] = "Francis 2013"
    assert module_problems(module) == [
        "module 'example-module', block 2 (key_fact): source 'Francis 2013' is not a Source key"
    ]


def test_module_reports_a_missing_knowledge_check_and_too_few_facts():
    module = good_module()
    module["body"] = module["body"][:2] + [module["body"][3]]
    problems = module_problems(module)
    assert "module 'example-module': needs at least one knowledge check" in problems
    assert "module 'example-module': needs at least 2 key facts, has 1" in problems


def test_knowledge_check_rules():
    check = good_module()["body"][-1][1]
    check["options"][1]["correct"] = True
    del check["options"][0]["explanation"]
    problems = knowledge_check_problems(check, "here")
    assert "here: single-answer knowledge check has 2 correct options" in problems
    assert "here: option 1 has no explanation" in problems
    check["multiple"] = True
    assert "here: single-answer knowledge check has 2 correct options" not in (
        knowledge_check_problems(check, "here")
    )
    check["options"] = [{"text": "Only", "correct": False, "explanation": "No."}]
    problems = knowledge_check_problems(check, "here")
    assert "here: knowledge check needs at least 2 options" in problems
    assert "here: knowledge check has no correct option" in problems


def test_module_reports_html_outside_the_allowed_tags():
    module = good_module()
    module["body"][0] = ("text", '<p>Go <a href="https://example.org">here</a>.</p>')
    assert module_problems(module) == [
        "module 'example-module', block 1 (text): HTML uses ['a', 'a[attributes]']"
    ]


def test_path_rules():
    path = copy.deepcopy(PATHS[0][1])
    path["imperative"] = "shout"
    path["audiences"] = ["staff", "overlord"]
    path["recertify_months"] = 7
    path["items"] = [item for item in path["items"] if item["type"] == "scenario"]
    problems = path_problems(path)
    assert "path 'listening': unknown imperative 'shout'" in problems
    assert (
        "path 'listening': audiences must be distinct Role values, got ['staff', 'overlord']"
        in problems
    )
    assert "path 'listening': recertify_months must be one of [12, 24, 36]" in problems
    assert "path 'listening': needs at least 3 modules, has 0" in problems
    assert "path 'listening': must open with a module (the shared foundations)" in problems
