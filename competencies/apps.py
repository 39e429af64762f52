from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = "Competencies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The compliance cache refreshers; accounts' audit-log actions and lockout receiver.
        import competencies.accounts.audit
        import competencies.accounts.signals
        import competencies.moves
        import competencies.signals  # noqa: F401
        from competencies import lookups
        from competencies.admin_exports import ListingExporter
        from competencies.agency_exports import AgencyStaffExporter
        from competencies.exporters import registry
        from competencies.imports.crosswalk import CrosswalkExporter
        from competencies.imports.framework import FrameworkExporter
        from competencies.moodle.exporter import MoodleFrameworkExporter
        from competencies.privacy import PersonalDataExporter
        from competencies.resources import StaffImportExporter
        from competencies.scoping import (
            log_scopes_register_competencies,
            log_scoping_install,
        )

        lookups.register()
        log_scopes_register_competencies()
        log_scoping_install()
        # Every table that leaves the site, by identifier (competencies.exporters).
        registry.register(
            ListingExporter,
            StaffImportExporter,
            FrameworkExporter,
            MoodleFrameworkExporter,
            CrosswalkExporter,
            PersonalDataExporter,
            AgencyStaffExporter,
        )
