"""The learning paths bundled with the plugin, as plain data: one module per path
(`listening.py`, `legal_literacy.py`, `red_flags.py`, `values_recruitment.py`, `leadership.py`),
each defining `PATH`. `learning.demo` turns them into Wagtail pages of an organisation. Written
in the project's own words from `../shared/domain/CONTENT-FACTS.md`; every fact names its source
key (S1, CQC-CC, CSSG, ...). Where the summary and a source document in `../shared/seeds/`
differ, the seed wins (`tests/test_content_sources.py` checks the corrections made so far), and
`learning.demo` brings pages nobody has edited up to date when this content changes.

Schema of PATH (all text plain unless it says HTML; HTML is limited to p, strong, em, ul, ol, li):

    PATH = {
        "slug": "listening",
        "title": "Listening and speaking up",
        "imperative": "listen",            # learning.principles.Imperative value
        "audiences": ["staff", ...],       # cms.organisations.models.Role values
        "summary": "...",                  # one or two sentences
        "outcomes": ["...", ...],          # what a learner will be able to do, 3-5 items
        "estimated_minutes": 60,
        "recertify_months": 12,            # 0 = never
        "items": [MODULE or SCENARIO, ...] # in order; at least 3 modules and 2 scenarios
    }

    MODULE = {
        "type": "module",
        "slug": "...", "title": "...", "summary": "...",
        "body": [                          # in order
            ("text", "<p>HTML</p>"),
            ("key_fact", {"fact": "...", "source": "S1"}),
            ("quote", {"text": "...", "attribution": "..."}),   # paraphrase unless verified
            ("reflection", "A question for the learner to think about"),
            ("knowledge_check", {
                "question": "...",
                "multiple": False,         # True: more than one option is correct
                "options": [{"text": "...", "correct": True, "explanation": "why"}, ...],
            }),
        ],                                 # each module ends with at least one knowledge_check
    }

    SCENARIO = {
        "type": "scenario",
        "slug": "...", "title": "...", "summary": "...",
        "reflection_prompt": "...",        # asked at the end
        "steps": [                         # the first step is the start
            {
                "key": "arrive",           # slug, unique in the scenario
                "situation": "...",        # what is happening (plain text, 1-3 short paragraphs
                                           # separated by blank lines)
                "person_says": "...",      # optional: what the person in it says
                "choices": [
                    {
                        "key": "listen",   # slug, unique within the step
                        "text": "...",
                        "next": "step-key",  # the step this leads to (may be an ending)
                        "feedback": "...",   # why this choice is good or not, with source key
                        "quality": "best",   # best | acceptable | risky | harmful
                        "principles": ["listening", "mca_2"],  # learning.principles.Principle
                    },
                ],
            },
            {"key": "good-end", "ending": True, "situation": "...", "outcome": "..."},
        ],
    }
"""

import importlib

PATH_MODULES = ["listening", "legal_literacy", "red_flags", "values_recruitment", "leadership"]


def content_paths(on_missing=None):
    """The PATH of every content module that exists, in PATH_MODULES order; `on_missing(name)`
    is told of a module not written yet."""
    paths = []
    for name in PATH_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError:
            if on_missing:
                on_missing(name)
            continue
        paths.append(module.PATH)
    return paths
