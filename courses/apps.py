from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Joint sessions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Audit-log entries of certificates and bookings name people: scope them like the
        # objects (competencies.scoping.log_entries_visible_to).
        from competencies.exporters import registry
        from competencies.scoping import log_scope_register
        from courses.models import Booking, Certificate
        from courses.policy import bookings_visible_to, certificates_visible_to
        from courses.reports.export import (
            CrossoversExporter,
            ReportExporter,
            TrainingDemandExporter,
        )

        log_scope_register(Certificate, certificates_visible_to)
        log_scope_register(Booking, bookings_visible_to)
        registry.register(ReportExporter, TrainingDemandExporter, CrossoversExporter)

        # Every report registers itself in courses.reports.definitions.REGISTRY when its
        # module is imported: the compliance reports first (definitions), then these.
        from courses.reports import (  # noqa: F401
            activity_reports,
            certificates_report,
            charges,
            definitions,
            demand_report,
            reviews_report,
            trend,
        )
