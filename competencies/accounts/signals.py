"""Audit a lockout: django-axes sends `user_locked_out` when a username+IP pair is locked."""

from axes.signals import user_locked_out
from django.dispatch import receiver


@receiver(user_locked_out, dispatch_uid="competencies.accounts.lockout_audit")
def audit_lockout(sender, request, username, ip_address, **kwargs):
    from competencies.accounts.services import account_locked_out

    account_locked_out(username=username or "")
