"""Anyone signed in chooses their own co-production emails (the page only touches their own)."""

import rules

from cms.permissions import is_authenticated

rules.add_perm("coproduction.change_emailpreferences", is_authenticated)
