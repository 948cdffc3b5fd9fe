"""The "what to expect" pages are public Wagtail pages; a forum's hosts and the organisation's
admins seed them for the forum's service. The object is the FamilyForum."""

import rules

from cms.permissions import is_organisation_admin
from coproduction.forums.rules import is_forum_host

rules.add_perm("coproduction.seed_whattoexpect_familyforum", is_forum_host | is_organisation_admin)
