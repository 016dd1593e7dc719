"""Grounded: in organisational change, so the system encourages the right behaviour.

Developing performance management in partnerships: a good framework is
"grounded in organisational change ensuring the system encourages the right
behaviour". Responsibility for outcomes and indicators "needs to be cascaded
out to those who are responsible for delivery", and "to be most effective
partnership objectives need to be embedded within roles and responsibilities
and measured through individual partner organisation performance systems". Each
owner, lead and accountable block should therefore name a partner, and say
where in that partner's own performance system the responsibility lives.
"""
