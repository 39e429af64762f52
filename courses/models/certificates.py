"""Certificates of attendance, numbered per year."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models.base import TimeStampedModel
from courses.models.bookings import Booking


class CertificateSequence(models.Model):
    """The last certificate number issued in a year; locked while the next one is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate number sequence")

    def __str__(self):
        return f"{self.year}: {self.last}"


class CertificateQuerySet(models.QuerySet):
    def current(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(TimeStampedModel):
    """Proof that one person fully attended one session.

    What the certificate says is copied onto the row when it is issued, so the PDF drawn today
    and the one drawn in five years read the same even after the module page is edited or the
    trainer leaves. A correction never edits a certificate: it is revoked, and a re-issue gets
    a new number.
    """

    wagtail_reference_index_ignore = True

    booking = models.ForeignKey(
        Booking, on_delete=models.PROTECT, related_name="certificates"
    )
    staff = models.ForeignKey(
        "competencies.StaffMember",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    number = models.CharField(_("certificate number"), max_length=32, unique=True)
    verification_code = models.CharField(
        _("verification code"), max_length=32, unique=True
    )
    issued_at = models.DateTimeField(_("issued"))
    expires_on = models.DateField(_("refresh due"), null=True, blank=True)
    # The face of the certificate, as printed.
    holder_name = models.CharField(_("name"), max_length=300)
    agency_name = models.CharField(_("agency"), max_length=300)
    module_title = models.CharField(_("module"), max_length=255)
    module_level = models.PositiveSmallIntegerField(_("level"))
    competencies = models.JSONField(
        _("competencies evidenced"),
        default=list,
        help_text=_('[{"code": "...", "title": "...", "level": n}, ...]'),
    )
    learning_hours = models.DecimalField(
        _("learning hours"), max_digits=5, decimal_places=2
    )
    session_date = models.DateField(_("session date"))
    trainer_names = models.CharField(_("trainers"), max_length=500, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("why revoked"), max_length=255, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when the holder's personal data is erased: the certificate no longer verifies.
    erased_at = models.DateTimeField(_("holder erased"), null=True, blank=True)
    # Set in the transaction that sent the holder's email, under the row lock: a re-run of
    # the task finds it and sends nothing (courses.tasks.send_certificate_email).
    emailed_at = models.DateTimeField(_("emailed to holder"), null=True, blank=True)
    # Its Open Badges credential (courses.credentials): the place in a Bitstring Status List
    # whose bit says "revoked", and the salt of the hashed email that identifies the holder.
    status_list = models.PositiveIntegerField(_("status list"), null=True, blank=True)
    status_index = models.PositiveIntegerField(
        _("status list index"), null=True, blank=True
    )
    subject_salt = models.CharField(_("identity salt"), max_length=64, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        constraints = [
            models.UniqueConstraint(
                fields=["booking"],
                condition=Q(revoked_at__isnull=True),
                name="certificate_one_current_per_booking",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"],
                name="certificate_unique_status_slot",
            ),
        ]
        indexes = [models.Index(fields=["staff", "issued_at"])]

    def __str__(self):
        return f"{self.number} – {self.holder_name}, {self.module_title}"

    def get_absolute_url(self):
        return reverse("courses:certificate_pdf", args=[self.number])

    def get_verify_url(self):
        return reverse("courses:verify", args=[self.verification_code])

    @property
    def learning_hours_label(self) -> str:
        """3.5, not 3.50; 8, not 8.00."""
        return f"{self.learning_hours.normalize():f}"

    @property
    def verification_code_display(self) -> str:
        code = self.verification_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    def status(self, today: datetime.date | None = None) -> str:
        """valid, expired, revoked or unverifiable (holder's data erased)."""
        if self.erased_at:
            return "unverifiable"
        if self.revoked_at:
            return "revoked"
        today = today or timezone.localdate()
        if self.expires_on and self.expires_on < today:
            return "expired"
        return "valid"
