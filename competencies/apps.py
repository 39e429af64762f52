from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = "Competencies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Accounts (issue 8): audit-log actions and the lockout signal receiver.
        from competencies.accounts import audit, signals  # noqa: F401
