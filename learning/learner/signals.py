"""Signals between the parts of the learning plugin.

`item_completed` is sent (by learning.learner.services) when a learner completes a module or
finishes a scenario; learning.enrolment listens to see whether the whole path is now complete.
"""

from django.dispatch import Signal

# kwargs: user, page (the ModulePage or ScenarioPage, specific), path (the LearningPathPage)
item_completed = Signal()
