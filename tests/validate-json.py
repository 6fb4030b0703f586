#!/usr/bin/env python3
"""Validate JSON documents against a JSON Schema (draft 2020-12), offline.

Usage: validate-json.py [--formats] SCHEMA [FILE ...]
  FILE "-" or no FILE reads one document from standard input.
  --formats prints which "format" keywords are checked, then exits.

Exit status: 0 all valid, 1 a document is invalid (each error printed as
"FILE: /json/pointer: message"), 2 usage or unreadable input, 77 (the
meson/automake "skip" status) when python3-jsonschema is missing or too
old for draft 2020-12.

Formats: jsonschema's FormatChecker checks "date-time" only with
rfc3339-validator and "uri" only with rfc3987 installed. Where the library
is missing, this script checks them itself: "date-time" as RFC 3339
(regular expression plus a calendar check), "uri" as an absolute RFC 3986
URI (scheme, then only characters RFC 3986 allows, "%" followed by two hex
digits). The schemas' one remote reference (GeoJSON, used by places[]) is
replaced by a schema that rejects everything, so validation never touches
the network and a document that would need it fails visibly.
"""

import datetime
import json
import re
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker
except ImportError:  # pragma: no cover - depends on the machine
    print("python3-jsonschema with draft 2020-12 support is not installed", file=sys.stderr)
    sys.exit(77)

GEOJSON = "https://geojson.org/schema/GeoJSON.json"
OFFLINE_STUB = {"$comment": "offline stand-in for a remote schema", "not": {}}

DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def check_date_time(instance):
    if not isinstance(instance, str):
        return True
    match = DATE_TIME.match(instance)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    try:
        datetime.datetime(year, month, day, hour, minute, min(second, 59))
    except ValueError:
        return False
    return second <= 60


def check_uri(instance):
    return not isinstance(instance, str) or URI.match(instance) is not None


def format_checker():
    checker = FormatChecker()
    sources = {}
    for name, function in (("date-time", check_date_time), ("uri", check_uri)):
        if name in checker.checkers:
            sources[name] = "library"
        else:
            checker.checks(name)(function)
            sources[name] = "built-in fallback"
    return checker, sources


def make_validator(schema, checker):
    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
    except ImportError:
        resolver = jsonschema.RefResolver.from_schema(schema, store={GEOJSON: OFFLINE_STUB})
        return Draft202012Validator(schema, resolver=resolver, format_checker=checker)

    registry = Registry().with_resource(GEOJSON, Resource(OFFLINE_STUB, DRAFT202012))
    return Draft202012Validator(schema, registry=registry, format_checker=checker)


def pointer(path):
    return "/" + "/".join(str(part) for part in path)


def main(argv):
    args = argv[1:]
    show_formats = "--formats" in args
    args = [a for a in args if a != "--formats"]
    checker, sources = format_checker()

    if show_formats:
        for name in sorted(sources):
            print(f"{name}: {sources[name]}")
        return 0

    if not args:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2

    try:
        with open(args[0], encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"{args[0]}: not a usable schema: {e}", file=sys.stderr)
        return 2

    validator = make_validator(schema, checker)
    invalid = False

    for name in args[1:] or ["-"]:
        try:
            if name == "-":
                document = json.load(sys.stdin)
            else:
                with open(name, encoding="utf-8") as f:
                    document = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{name}: cannot read JSON: {e}", file=sys.stderr)
            return 2

        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            print(f"{name}: {pointer(error.absolute_path)}: {error.message}")
        invalid |= bool(errors)

    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
