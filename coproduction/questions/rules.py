"""Who may do what with questions ahead of events and with discussion threads.

Questions and threads are seen by the forum's families and hosts only; to anyone else they are
"not found". Families ask questions; hosts answer them. Families and hosts start threads, reply
and report other people's posts. Hosts hide a post (with a reason its author is told) and deal
with reports. A hidden post's own words stay readable by the hosts and its author. Only the
author of a post or the asker of a question may say whether their words may be quoted in
reports. The object is the FamilyForum, or a ForumQuestion, ForumThread, ForumPost or
PostReport of it."""

import rules

from coproduction.forums.rules import is_forum_family, is_forum_host, is_in_forum


@rules.predicate
def is_post_author(user, post):
    return user.is_authenticated and getattr(post, "author_id", None) == user.pk


@rules.predicate
def is_question_asker(user, question):
    """The person who asked it (an anonymous question has nobody)."""
    asker = getattr(question, "asked_by_id", None)
    return user.is_authenticated and asker is not None and asker == user.pk


rules.add_perm("coproduction.view_forumquestion", is_in_forum)
rules.add_perm("coproduction.add_forumquestion", is_forum_family)
rules.add_perm("coproduction.answer_forumquestion", is_forum_host)
rules.add_perm("coproduction.view_forumthread", is_in_forum)
rules.add_perm("coproduction.add_forumthread", is_in_forum)
rules.add_perm("coproduction.add_forumpost", is_in_forum)
rules.add_perm("coproduction.hide_forumpost", is_forum_host)
rules.add_perm("coproduction.view_hidden_forumpost", is_forum_host | is_post_author)
# Reporting asks the hosts to look at someone else's post; one's own is changed by asking them.
rules.add_perm("coproduction.add_postreport", is_in_forum & ~is_post_author)
rules.add_perm("coproduction.resolve_postreport", is_forum_host)
# Consent for quotes: only the person whose words they are gives it or takes it back.
rules.add_perm("coproduction.quote_consent_forumquestion", is_in_forum & is_question_asker)
rules.add_perm("coproduction.quote_consent_forumpost", is_in_forum & is_post_author)
