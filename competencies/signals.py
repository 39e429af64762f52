"""Refresh the compliance cache whenever something it summarises changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from competencies.compliance_cache import compliance_touch
from competencies.models import (
    CompetencyEquivalence,
    CompetencyRecord,
    Requirement,
    StaffMember,
)


@receiver([post_save, post_delete], sender=CompetencyRecord)
def record_changed(sender, instance, origin=None, **kwargs):
    # Records deleted because their person is being deleted: the person's cache row goes too.
    if isinstance(origin, StaffMember) or getattr(origin, "model", None) is StaffMember:
        return
    compliance_touch([instance.staff_id])


@receiver(post_save, sender=StaffMember)
def staff_changed(sender, instance, created=False, raw=False, **kwargs):
    # A new person has no cache row, which compliance_summary treats as stale and fills in;
    # a changed person (role profile, leaving date) has a row that now looks current but isn't.
    if not raw and not created:
        compliance_touch([instance.pk])


@receiver([post_save, post_delete], sender=Requirement)
def requirement_changed(sender, instance, **kwargs):
    staff_ids = StaffMember.objects.filter(
        role_profile_id=instance.role_profile_id
    ).values_list("pk", flat=True)
    compliance_touch(list(staff_ids))


@receiver([post_save, post_delete], sender=CompetencyEquivalence)
def crosswalk_changed(sender, instance, **kwargs):
    # Anyone required to hold either side may now count (or no longer count) the other.
    competencies = [instance.competency_id, instance.maps_to_id]
    staff_ids = StaffMember.objects.filter(
        role_profile__requirements__competency_id__in=competencies
    ).values_list("pk", flat=True)
    compliance_touch(list(set(staff_ids)))
