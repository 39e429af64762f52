"""Wagtail pages: the partnership's home page, the framework, the training toolkit and news.

Tree (bakerydemo-style, explicit parent and child types):

    HomePage
    ├── FrameworkPage          presents a competencies.Framework, navigable by level
    ├── ToolkitIndexPage       the training toolkit (moderated: Trainers write, Moderators publish)
    │   ├── ModulePage         a training module, the competencies it delivers and its resources
    │   └── ResourcePage       a toolkit resource page (posters, guides) with its documents
    └── NewsIndexPage
        └── NewsPage
"""

from cms.models.common import LEVEL_CHOICES, LEVEL_VALIDATORS, level_from_request
from cms.models.site import (
    FrameworkPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ToolkitIndexPage,
)
from cms.models.toolkit import (
    ModuleCompetency,
    ModulePage,
    ModuleResource,
    ResourceDocument,
    ResourcePage,
)

__all__ = [
    "LEVEL_CHOICES",
    "LEVEL_VALIDATORS",
    "FrameworkPage",
    "HomePage",
    "ModuleCompetency",
    "ModulePage",
    "ModuleResource",
    "NewsIndexPage",
    "NewsPage",
    "ResourceDocument",
    "ResourcePage",
    "ToolkitIndexPage",
    "level_from_request",
]
