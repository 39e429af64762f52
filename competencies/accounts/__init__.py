"""Accounts: invitations, self-registration, login hardening and the audit of account actions."""
