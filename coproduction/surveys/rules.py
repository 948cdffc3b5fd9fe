"""Who may do what with family surveys.

A survey is seen by the people in its forum (hosts and families); anyone else is told it is "not
found". Forum hosts open and close surveys and read the results (a score and comments only from
five responses up: coproduction.surveys.selectors). Families answer, once each. The object is a
FamilyForum or a FamilySurvey."""

import rules

from coproduction.forums.rules import is_forum_family, is_forum_host, is_in_forum

rules.add_perm("coproduction.view_surveys_familyforum", is_in_forum)
rules.add_perm("coproduction.add_familysurvey", is_forum_host)
rules.add_perm("coproduction.view_familysurvey", is_in_forum)
rules.add_perm("coproduction.respond_familysurvey", is_forum_family)
rules.add_perm("coproduction.view_results_familysurvey", is_forum_host)
rules.add_perm("coproduction.close_familysurvey", is_forum_host)
