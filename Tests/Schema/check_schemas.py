#!/usr/bin/env python3
"""The JSON Schemas of schema/ against the files they describe.

- every bundled file (Workflows/, systemd/dondoc.yaml.example) names its schema on its first line
  (`# yaml-language-server: $schema=RELATIVE`) and is valid against it;
- every file of every valid loader fixture is valid;
- every file of a broken fixture that `dondoc check` rejects for a shape reason (a code marked
  in docs/diagnostic-codes.md's schema column) is rejected by its schema too;
- the skeleton of `dondoc new directive` is rejected for its empty leads, and valid once filled.

YAML is read as an editor's yaml-language-server reads it (YAML 1.2 core: `2021-11-26` and
`08:00` are strings, only true/false are booleans). Usage: check_schemas.py DONDOC_BINARY.
Prints what it checked; exits 1 on the first kind of failure, with every failure listed.
"""
import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMAS = {name: json.load(open(os.path.join(ROOT, "schema", f"{name}.schema.json"), encoding="utf-8"))
           for name in ("directive", "units", "calendar", "dondoc")}
FIRST_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


class CoreLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's timestamps, sexagesimal numbers and yes/no/on/off booleans."""


CoreLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers
          if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))


def kind_of(path):
    name = os.path.basename(path)
    if name == "units.yaml":
        return "units"
    if os.path.basename(os.path.dirname(path)) == "calendars":
        return "calendar"
    if name.startswith("dondoc.yaml"):
        return "dondoc"
    return "directive"


def problems(path):
    """The schema's complaints about a file (a YAML error counts: an editor flags it as well)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=CoreLoader)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as error:
        return [f"not YAML: {str(error).splitlines()[0]}"]
    validator = jsonschema.Draft202012Validator(SCHEMAS[kind_of(path)])
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(data)]


def yaml_files(folder):
    for base, _, names in os.walk(folder):
        for name in sorted(names):
            if name.endswith(".yaml") or name.endswith(".yaml.example"):
                yield os.path.join(base, name)


def shape_codes():
    table = open(os.path.join(ROOT, "docs", "diagnostic-codes.md"), encoding="utf-8").read()
    return {m.group(1) for m in re.finditer(r"^\| `([a-z0-9.-]+)` \|[^|]*\|[^|]*\| ✓ \|$", table, re.M)}


def main():
    dondoc = sys.argv[1]
    failures = []
    counts = {"bundled": 0, "valid fixtures": 0, "broken files with a shape problem": 0}

    bundled = list(yaml_files(os.path.join(ROOT, "Workflows"))) + [os.path.join(ROOT, "systemd", "dondoc.yaml.example")]
    for path in bundled:
        counts["bundled"] += 1
        first = open(path, encoding="utf-8").readline().rstrip("\n")
        match = FIRST_LINE.match(first)
        expected = os.path.join(ROOT, "schema", f"{kind_of(path)}.schema.json")
        if not match:
            failures.append(f"{path}:1: no '# yaml-language-server: $schema=…' first line")
        elif os.path.normpath(os.path.join(os.path.dirname(path), match.group(1))) != expected:
            failures.append(f"{path}:1: $schema={match.group(1)} is not {os.path.relpath(expected, os.path.dirname(path))}")
        failures += [f"{path}: {p}" for p in problems(path)]

    fixtures = os.path.join(ROOT, "Tests", "DondocLoaderTests", "Fixtures")
    for case in sorted(os.listdir(os.path.join(fixtures, "valid"))):
        for path in yaml_files(os.path.join(fixtures, "valid", case)):
            counts["valid fixtures"] += 1
            failures += [f"{path}: {p}" for p in problems(path)]

    shapes = shape_codes()
    assert shapes, "docs/diagnostic-codes.md marks no code as the schema's"
    for case in sorted(os.listdir(os.path.join(fixtures, "broken"))):
        folder = os.path.join(fixtures, "broken", case)
        result = subprocess.run([dondoc, "check", folder, "--format", "json"], capture_output=True, text=True)
        rejected = {}
        for line in result.stdout.splitlines():
            diagnostic = json.loads(line)
            if diagnostic["code"] in shapes and diagnostic["file"].endswith(".yaml"):
                rejected.setdefault(diagnostic["file"], []).append(f"{diagnostic['line']}:{diagnostic['column']} {diagnostic['code']}")
        for path, found in sorted(rejected.items()):
            counts["broken files with a shape problem"] += 1
            if not problems(path):
                failures.append(f"{path}: dondoc check rejects it ({', '.join(found)}) but the schema accepts it")

    # The skeleton of `dondoc new directive`: rejected while its leads are empty, as check rejects it,
    # and valid once they are filled in.
    skeleton = subprocess.run([dondoc, "new", "directive", "12-CT/TU", "--title", "T", "--issuer", "ubnd-hai-phong",
                               "--issued", "2026-03-02"], capture_output=True, text=True, check=True).stdout
    data = yaml.load(skeleton, Loader=CoreLoader)
    validator = jsonschema.Draft202012Validator(SCHEMAS["directive"])
    empty = [e for e in validator.iter_errors(data) if list(e.absolute_path)[-1:] == ["lead"]]
    if len(empty) != 5:
        failures.append(f"the skeleton's five empty leads: the schema found {len(empty)}")
    filled = yaml.load(skeleton.replace("lead: []", "lead: [so-noi-vu-hai-phong]"), Loader=CoreLoader)
    failures += [f"the filled skeleton: {e.message}" for e in validator.iter_errors(filled)]
    counts["skeletons"] = 1

    for what, n in counts.items():
        print(f"{what}: {n}")
    for failure in failures:
        print(f"FAIL {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
