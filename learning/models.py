"""The learning plugin's models, one module per part: the pages authors write and their review
task (`learning.authoring.models`), what learners do (`learning.learner.models`), and
enrolment, reminders and certificates (`learning.enrolment.models`). Import a model from its
part; this index only lets Django find them."""

from cms.parts import load_parts

from .apps import LearningConfig

load_parts("learning", LearningConfig.parts, "models")
