"""Validates YAML manifests against Foundry's CRDs with a real JSON-schema validator.

Usage: crd_validate.py CRD_DIR FILE...

Reads every CustomResourceDefinition in CRD_DIR and every document in the FILEs (with PyYAML,
independently of Foundry's own YAML reader), validates each custom-kind document against its
CRD's openAPIV3Schema, and prints one JSON list with a verdict per document.

Like `kubectl apply` with strict field validation (the default since Kubernetes 1.27), an
unknown field is an error: objects that list their properties get additionalProperties false.
Documents of core kinds (v1 Secret, Event) have no CRD and are reported with "crd": false.
"""

import json
import pathlib
import sys

import jsonschema
import yaml


def strict(schema):
    """A copy of the schema where objects with declared properties admit no others."""
    if isinstance(schema, dict):
        copy = {key: strict(value) for key, value in schema.items()}
        if copy.get("type") == "object" and "properties" in copy and "additionalProperties" not in copy:
            copy["additionalProperties"] = False
        return copy
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def load_crds(directory):
    validators = {}
    for path in sorted(pathlib.Path(directory).glob("*.yaml")):
        for crd in yaml.safe_load_all(path.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            spec = crd["spec"]
            for version in spec["versions"]:
                schema = strict(version["schema"]["openAPIV3Schema"])
                jsonschema.Draft7Validator.check_schema(schema)
                key = (spec["group"] + "/" + version["name"], spec["names"]["kind"])
                validators[key] = jsonschema.Draft7Validator(schema)
    return validators


def main():
    validators = load_crds(sys.argv[1])
    results = []
    for file in sys.argv[2:]:
        for index, document in enumerate(yaml.safe_load_all(pathlib.Path(file).read_text()), start=1):
            if document is None:
                continue
            key = (document.get("apiVersion"), document.get("kind"))
            result = {
                "file": file,
                "index": index,
                "apiVersion": key[0],
                "kind": key[1],
                "name": (document.get("metadata") or {}).get("name"),
            }
            validator = validators.get(key)
            if validator is None:
                result.update(crd=False, valid=None, errors=[])
            else:
                errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
                result.update(
                    crd=True,
                    valid=not errors,
                    errors=[".".join(str(part) for part in error.absolute_path) + ": " + error.message for error in errors],
                )
            results.append(result)
    json.dump(results, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
