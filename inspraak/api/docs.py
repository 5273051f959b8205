"""The generated OpenAPI document as a readable page: per endpoint its method, path, summary, parameters and
answers, and every object with its fields. Pure: a schema dict in, plain data for the template out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

REF_PREFIX = "#/components/schemas/"
_CODE = re.compile(r"`([^`]+)`")


def prose(text: str) -> SafeString:
    """A description from the schema as HTML: escaped, with `code` spans as <code>."""
    return mark_safe(_CODE.sub(r"<code>\1</code>", escape(text)))  # noqa: S308 - escaped first


@dataclass
class TypeInfo:
    label: str
    ref: str = ""  # the name of an object described on the page
    nullable: bool = False
    values: list[str] = field(default_factory=list)
    pattern: str = ""


@dataclass
class FieldRow:
    name: str
    type: TypeInfo
    required: bool
    description: str


@dataclass
class ObjectDoc:
    name: str
    description: str
    fields: list[FieldRow]


@dataclass
class Param:
    name: str
    where: str
    type: TypeInfo
    required: bool
    description: str


@dataclass
class Answer:
    status: str
    description: str
    media_type: str
    type: TypeInfo | None


@dataclass
class Endpoint:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]
    answers: list[Answer]


@dataclass
class Group:
    name: str
    description: str
    endpoints: list[Endpoint]


def anchor(name: str) -> str:
    return "object-" + name


def _scalar(node: dict) -> str:
    kind = node.get("type", "")
    fmt = node.get("format", "")
    if kind == "string":
        return {
            "date": _("datum"),
            "date-time": _("datum en tijd"),
            "uri": _("URL"),
            "uri-reference": _("URL of pad"),
        }.get(fmt, _("tekst"))
    return {
        "integer": _("geheel getal"),
        "number": _("getal"),
        "boolean": _("ja/nee (boolean)"),
        "object": _("object"),
        "null": "null",
    }.get(kind, kind or _("waarde"))


def type_of(node: dict) -> TypeInfo:
    """A readable type for a JSON Schema node (as pydantic writes it)."""
    if "$ref" in node:
        name = node["$ref"].removeprefix(REF_PREFIX)
        return TypeInfo(label=name, ref=name)
    for key in ("anyOf", "oneOf"):
        if key in node:
            options = [option for option in node[key] if option.get("type") != "null"]
            nullable = len(options) < len(node[key])
            inner = (
                type_of(options[0]) if len(options) == 1 else TypeInfo(label=" | ".join(_scalar(o) for o in options))
            )
            inner.nullable = inner.nullable or nullable
            return inner
    if node.get("type") == "array":
        inner = type_of(node.get("items", {}))
        inner.label = _("lijst van %(type)s") % {"type": inner.label}
        return inner
    info = TypeInfo(label=_scalar(node))
    if "enum" in node:
        info.values = [str(value) for value in node["enum"]]
    info.pattern = node.get("pattern", "")
    return info


def _objects(schemas: dict) -> list[ObjectDoc]:
    objects = []
    for name in sorted(schemas):
        node = schemas[name]
        required = set(node.get("required", ()))
        rows = [
            FieldRow(
                name=prop,
                type=type_of(spec),
                required=prop in required,
                description=prose(spec.get("description", "")),
            )
            for prop, spec in node.get("properties", {}).items()
        ]
        objects.append(ObjectDoc(name=name, description=prose(node.get("description", "")), fields=rows))
    return objects


def _answers(responses: dict) -> list[Answer]:
    answers = []
    for status in sorted(responses):
        response = responses[status]
        content = response.get("content", {})
        media_type, body = next(iter(content.items()), ("", {}))
        answers.append(
            Answer(
                status=status,
                description=prose(response.get("description", "")),
                media_type=media_type,
                type=type_of(body["schema"]) if body.get("schema") else None,
            )
        )
    return answers


def readable(schema: dict) -> dict:
    tags = {tag["name"]: tag.get("description", "") for tag in schema.get("tags", [])}
    groups: dict[str, Group] = {name: Group(name, prose(description), []) for name, description in tags.items()}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or [""])[0]
            group = groups.setdefault(tag, Group(tag, prose(tags.get(tag, "")), []))
            group.endpoints.append(
                Endpoint(
                    anchor="endpoint-" + operation.get("operationId", f"{method}-{path}"),
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=prose(operation.get("description", "")),
                    params=[
                        Param(
                            name=param["name"],
                            where={"path": _("pad"), "query": _("query")}.get(param["in"], param["in"]),
                            type=type_of(param.get("schema", {})),
                            required=param.get("required", False),
                            description=prose(
                                param.get("description") or param.get("schema", {}).get("description", "")
                            ),
                        )
                        for param in operation.get("parameters", [])
                    ],
                    answers=_answers(operation.get("responses", {})),
                )
            )
    info = schema.get("info", {})
    return {
        "title": info.get("title", ""),
        "version": info.get("version", ""),
        "openapi": schema.get("openapi", ""),
        "description": [prose(part) for part in info.get("description", "").split("\n\n")],
        "groups": [group for group in groups.values() if group.endpoints],
        "objects": _objects(schema.get("components", {}).get("schemas", {})),
    }
