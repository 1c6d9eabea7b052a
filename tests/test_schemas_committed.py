"""The JSON Schemas that .vscode/settings.json names are committed, and in step with the models."""

from __future__ import annotations

import json

from vnus_kb.site.outputs.export import schemas

from .conftest import REPO


def test_every_schema_the_editor_settings_name_exists_and_matches_the_models() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    named = sorted(settings["yaml.schemas"])
    assert named, "the settings name no schema"
    current = schemas()
    for path in named:
        kind = path.removeprefix("schemas/").removesuffix(".json")
        committed = (REPO / path).read_text(encoding="utf-8")
        assert committed == current[kind], f"{path} is out of date: run `vnus-kb schema --out schemas` and commit it"


def test_no_stale_schema_is_committed() -> None:
    on_disk = {p.stem for p in (REPO / "schemas").glob("*.json")}
    assert on_disk == set(schemas()), "run `vnus-kb schema --out schemas` and commit the result"


def test_pre_commit_hooks_validate_changed_data_only() -> None:
    import re

    import yaml

    offered = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    for hook in (offered[0], local[0]):
        assert hook["id"] == "vnus-kb-validate"
        assert hook["entry"].endswith("vnus-kb validate --strict")
        assert hook["pass_filenames"] is False  # references and quotes span files: the whole base is checked
        files = re.compile(hook["files"])
        assert files.search("data/organizations/amkor.yaml") and files.search("seeds/vbf-2025-07-07.md")
        assert not files.search("README.md") and not files.search("src/vnus_kb/cli.py")
