"""One-time links for invitations and registration confirmations.

Both are Django's password-reset tokens (HMAC of the user's id, password hash, last login and a
timestamp; valid for PASSWORD_RESET_TIMEOUT), each with its own salt so a link of one kind is
never accepted as the other. Both also hash `is_active`: confirming an account, or setting the
invited password, changes the hash, so every link works once.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class _OneTimeTokenGenerator(PasswordResetTokenGenerator):
    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


class InvitationTokenGenerator(_OneTimeTokenGenerator):
    key_salt = "competencies.accounts.tokens.InvitationTokenGenerator"


class ConfirmationTokenGenerator(_OneTimeTokenGenerator):
    key_salt = "competencies.accounts.tokens.ConfirmationTokenGenerator"


invitation_token = InvitationTokenGenerator()
confirmation_token = ConfirmationTokenGenerator()
