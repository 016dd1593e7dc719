"""Improves accountability: someone answers for every measure, action and priority.

The framework calls a good performance management system "a tool for improving
services and supporting accountability", and asks that the framework
"improve accountability". That needs a named partner to answer for each
indicator, a partner to lead each action ("which partners will lead the
activity"), a partner accountable for each priority, and a board or group
that receives the performance reports and holds them to account.
"""
