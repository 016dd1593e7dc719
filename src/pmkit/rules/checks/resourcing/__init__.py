"""Resourced: priorities and actions with resources that are real.

The framework: "many partnership activities fail because they are not adequately
resourced", and "the issue is less how do you organise this but how do you
ensure that the resource commitment is made real". Where there is a pooled
budget the partnership allocates "a proportion of this against individual
priorities"; where there is not, "individual partners should still be asked
to commit resources". Every priority should have resources, allocations
should not exceed what is pooled, and each action should say what it will
cost and who pays, within its priority's budget.
"""
