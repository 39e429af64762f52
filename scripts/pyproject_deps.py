"""Print pyproject.toml's runtime and dev dependencies, one argument each, for `make lock`."""

import shlex
import tomllib
from pathlib import Path

data = tomllib.loads(
    Path(__file__).resolve().parent.parent.joinpath("pyproject.toml").read_text()
)
deps = data["project"]["dependencies"] + data["dependency-groups"]["dev"]
print(" ".join(shlex.quote(d) for d in deps))
