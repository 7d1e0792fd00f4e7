"""Pydantic v1 omits `nullable` from OpenAPI 3.0 schemas; without it generated TypeScript would say a
null-valued field is a number."""

from typing import Any, Dict, Type

from pydantic import BaseModel


def mark_nullable_fields(schema: Dict[str, Any], model: Type[BaseModel]) -> None:
    for field in model.__fields__.values():
        if field.allow_none and field.required:
            schema["properties"][field.alias]["nullable"] = True
