"""Use cases: the only door to the data for pages and the CLI.

Every function takes the engine as keyword ``engine=``, runs in one transaction, returns plain
frozen dataclasses (never ORM rows) and raises a named :mod:`governance.rules.errors` error,
storing nothing, when the input breaks a rule.
"""

# Keeps each decision's stored state through time in step with its facts, in every writing
# transaction, whichever service wrote them.
from governance.services import decision_periods as decision_periods
