"""The Zero to JupyterHub configuration for a class (instructor/hub/z2jh-config.yaml).

It is checked against the chart's published values schema (the parts it uses, copied in
instructor/hub/z2jh-values.schema.yaml with their source), the JupyterHub settings it
names exist, its nbgitpuller start-up pull names the same folder as the guide's link,
and the sizes it sets are the ones the instructor guide's sizing section states.
"""

import copy
import re

import jsonschema
import pytest
import yaml

from conftest import ROOT

HUB = ROOT / "instructor" / "hub"
CONFIG = HUB / "z2jh-config.yaml"
SCHEMA = HUB / "z2jh-values.schema.yaml"
GUIDE = ROOT / "instructor" / "README.md"


def load(path):
    return yaml.safe_load(path.read_text())


def errors(config) -> list[str]:
    schema = load(SCHEMA)
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(config)]


def test_the_copied_schema_is_a_valid_draft7_schema():
    jsonschema.Draft7Validator.check_schema(load(SCHEMA))
    assert "02dd73df01bdbb6d602fed21b0be12565ab38080" in SCHEMA.read_text(), "the schema's source commit is named"


def test_the_config_follows_the_charts_values_schema():
    assert errors(load(CONFIG)) == []


@pytest.mark.parametrize(
    "where, value",
    [
        (("singleuser", "memmory"), {"limit": "1G"}),  # a misspelt setting
        (("singleuser", "memory", "limit"), ["1G"]),  # a wrong type
        (("cull", "timeout"), "an hour"),
        (("singleuser", "storage", "type"), "nfs"),  # not one of the chart's choices
        (("hubb",), {}),  # a misspelt section
    ],
)
def test_the_schema_refuses_what_helm_would(where, value):
    """The check can fail: a config with one mistake is refused, naming the place."""
    config = copy.deepcopy(load(CONFIG))
    node = config
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    found = errors(config)
    assert found, f"a config with {'.'.join(where)} = {value!r} passed the schema"


def test_the_jupyterhub_settings_it_names_exist():
    """``hub.config`` is passed to JupyterHub as traitlets: each class and setting exists,
    and the authenticator it names is one JupyterHub installs."""
    pytest.importorskip("jupyterhub", reason="JupyterHub is in the e2e extra (make e2e)")
    from importlib.metadata import entry_points

    from jupyterhub.app import JupyterHub
    from jupyterhub.auth import Authenticator

    classes = {"JupyterHub": JupyterHub, "Authenticator": Authenticator}
    config = load(CONFIG)["hub"]["config"]
    for cls_name, settings in config.items():
        assert cls_name in classes, f"hub.config.{cls_name}: not a class this test knows; add it"
        traits = classes[cls_name].class_traits(config=True)
        for name in settings:
            assert name in traits, f"hub.config.{cls_name}.{name} is not a JupyterHub setting"
    authenticators = {e.name for e in entry_points(group="jupyterhub.authenticators")}
    assert config["JupyterHub"]["authenticator_class"] in authenticators


def test_the_start_up_pull_matches_the_guides_link():
    """The server's start-up pull (nbgitpuller's gitpuller: repository, branch, folder)
    clones into the folder the guide's nbgitpuller link opens."""
    command = load(CONFIG)["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller" and len(command) == 4
    folder = command[3]
    guide = GUIDE.read_text()
    assert "/hub/user-redirect/git-pull?repo=" in guide
    assert f"lab/tree/{folder}/notebooks/00-start-here.ipynb" in guide, (
        f"the guide's link should open {folder}/notebooks/00-start-here.ipynb, where the start-up pull clones"
    )


def test_the_guide_states_the_sizes_the_config_sets():
    config = load(CONFIG)["singleuser"]
    guide = GUIDE.read_text()
    section = guide[guide.index("### Sizing a hub") :]
    for key in ("guarantee", "limit"):
        value = str(config["memory"][key])
        assert re.search(rf"memory\.{key}[^\n]*`{re.escape(value)}`", section), (
            f"the guide does not state memory.{key} = {value}"
        )
    timeout = load(CONFIG)["cull"]["timeout"]
    assert re.search(rf"cull\.timeout[^\n]*`{timeout}`", section), f"the guide does not state cull.timeout = {timeout}"


def test_the_guides_sizing_table_is_computed_from_the_measured_run():
    """The guide's figures and table are instructor/hub/sizing.py's output for the hub
    test's measured run (instructor/hub/measured.json): rerun the script after a new
    measurement (python instructor/hub/sizing.py artifacts/e2e/hub-sizing.json)."""
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("hub_sizing", HUB / "sizing.py")
    sizing = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sizing)
    figures = json.loads((HUB / "measured.json").read_text())
    guide = GUIDE.read_text()
    shown = guide[
        guide.index("<!-- hub-sizing:start -->") + len("<!-- hub-sizing:start -->") : guide.index(
            "<!-- hub-sizing:end -->"
        )
    ]
    assert shown.strip() == sizing.section(figures).strip()
    assert figures["students"] >= 20, "the guide's figures come from a class of at least 20"
    # The model adds up: more students never need less, and the measured class fits its row.
    cost = sizing.per_student(figures)
    rows = [sizing.need(n, cost) for n in sizing.CLASS_SIZES]
    assert rows == sorted(rows)
    assert cost["memory_mb"] > figures["summary"]["active_student_pss_mb"]["max"]
