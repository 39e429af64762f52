"""Joint sessions: a scheduled run of a module page, its bookings, waitlist, register,
evaluations and certificates; the reviews whose recommendations training answers; and the
e-learning platforms that report completions over xAPI."""

from courses.models.base import TimeStampedModel
from courses.models.board_papers import BoardPaper, BoardPaperSubscription
from courses.models.booking_settings import BookingSettings
from courses.models.bookings import Booking, Evaluation, FollowUp, ReminderSent
from courses.models.certificates import (
    Certificate,
    CertificateQuerySet,
    CertificateSequence,
)
from courses.models.credentials import AcceptedCredential, TrustedIssuer
from courses.models.reservations import AgencyReservation
from courses.models.reviews import Recommendation, Review
from courses.models.sessions import Session, SessionQuerySet
from courses.models.xapi import XapiClient, XapiStatement

__all__ = [
    "AcceptedCredential",
    "AgencyReservation",
    "BoardPaper",
    "BoardPaperSubscription",
    "Booking",
    "BookingSettings",
    "Certificate",
    "CertificateQuerySet",
    "CertificateSequence",
    "Evaluation",
    "FollowUp",
    "Recommendation",
    "ReminderSent",
    "Review",
    "Session",
    "SessionQuerySet",
    "TimeStampedModel",
    "TrustedIssuer",
    "XapiClient",
    "XapiStatement",
]
