"""A small GraphQL executor: enough of the language for iAdvize's ``conversation`` query.

Supports queries (``query Name($v: Type!, ...) { ... }`` or an anonymous ``{ ... }``),
aliases, arguments (variables, strings, numbers, booleans, null, enums, lists, objects),
nested selection sets, inline fragments (``... on Type { ... }``) and ``__typename``.
Mutations, subscriptions, named fragments and directives answer a GraphQL error, as a
schema-checking server would for a document it cannot run.

Data objects are dicts carrying ``__typename``; a field's value may be a callable taking the
field arguments. ``SCHEMA`` lists the fields each type has, so that a query asking for a
field that does not exist fails like on the real API (``Cannot query field …``).
"""

import json
import re

_TOKEN = re.compile(
    r"""
    (?P<skip>[\s,]+|\#[^\n]*)
  | (?P<spread>\.\.\.)
  | (?P<punct>[{}()\[\]:!$=@])
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<name>[_A-Za-z][_0-9A-Za-z]*)
    """,
    re.VERBOSE,
)


class GraphQLError(Exception):
    def __init__(self, message, code="GRAPHQL_VALIDATION_FAILED", path=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path

    def to_dict(self):
        out = {"message": self.message, "extensions": {"code": self.code}}
        if self.path:
            out["path"] = self.path
        return out


def tokenize(text):
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise GraphQLError(f"Syntax Error: Unexpected character {text[pos]!r}.")
        pos = match.end()
        kind = match.lastgroup
        if kind != "skip":
            tokens.append((kind, match.group(kind)))
    tokens.append(("eof", ""))
    return tokens


class _Parser:
    def __init__(self, text):
        self.tokens = tokenize(text)
        self.pos = 0

    def peek(self, value=None):
        kind, text = self.tokens[self.pos]
        if value is None:
            return kind, text
        return text == value and kind in ("punct", "name", "spread")

    def take(self, value=None, kind=None):
        tok_kind, text = self.tokens[self.pos]
        if (value is not None and text != value) or (kind is not None and tok_kind != kind):
            expected = value or kind
            shown = text or "<EOF>"
            raise GraphQLError(f"Syntax Error: Expected {expected}, found {shown}.")
        self.pos += 1
        return text

    def document(self):
        kind, text = self.peek()
        if kind == "name" and text in ("mutation", "subscription"):
            raise GraphQLError(f"This API does not support {text}s.")
        if kind == "name" and text == "fragment":
            raise GraphQLError("Named fragments are not supported by the simulator.")
        variables = {}
        if kind == "name" and text == "query":
            self.take("query")
            if self.peek()[0] == "name":
                self.take(kind="name")
            if self.peek("("):
                variables = self.variable_definitions()
        selection = self.selection_set()
        if self.peek()[0] != "eof":
            raise GraphQLError("Only one operation per document is supported.")
        return variables, selection

    def variable_definitions(self):
        out = {}
        self.take("(")
        while not self.peek(")"):
            self.take("$")
            name = self.take(kind="name")
            self.take(":")
            out[name] = self.type_ref()
            if self.peek("="):
                self.take("=")
                self.value({})
        self.take(")")
        return out

    def type_ref(self):
        if self.peek("["):
            self.take("[")
            inner = self.type_ref()
            self.take("]")
            text = f"[{inner}]"
        else:
            text = self.take(kind="name")
        if self.peek("!"):
            self.take("!")
            text += "!"
        return text

    def selection_set(self):
        self.take("{")
        selections = []
        while not self.peek("}"):
            if self.peek()[0] == "eof":
                raise GraphQLError("Syntax Error: Expected }, found <EOF>.")
            selections.append(self.selection())
        self.take("}")
        if not selections:
            raise GraphQLError("Syntax Error: a selection set cannot be empty.")
        return selections

    def selection(self):
        if self.peek()[0] == "spread":
            self.take("...")
            if not self.peek("on"):
                raise GraphQLError("Named fragments are not supported by the simulator.")
            self.take("on")
            type_name = self.take(kind="name")
            return ("fragment", type_name, self.selection_set())
        name = self.take(kind="name")
        alias = name
        if self.peek(":"):
            self.take(":")
            name = self.take(kind="name")
        arguments = {}
        if self.peek("("):
            self.take("(")
            while not self.peek(")"):
                arg = self.take(kind="name")
                self.take(":")
                arguments[arg] = self.value(None)
            self.take(")")
        if self.peek("@"):
            raise GraphQLError("Directives are not supported by the simulator.")
        children = self.selection_set() if self.peek("{") else None
        return ("field", alias, name, arguments, children)

    def value(self, variables):
        kind, text = self.peek()
        if text == "$" and kind == "punct":
            self.take("$")
            return ("var", self.take(kind="name"))
        if kind == "string":
            self.take()
            return ("const", json.loads(text))
        if kind == "number":
            self.take()
            return ("const", float(text) if any(c in text for c in ".eE") else int(text))
        if kind == "name":
            self.take()
            return ("const", {"true": True, "false": False, "null": None}.get(text, text))
        if text == "[":
            self.take("[")
            items = []
            while not self.peek("]"):
                items.append(self.value(variables))
            self.take("]")
            return ("list", items)
        if text == "{":
            self.take("{")
            items = {}
            while not self.peek("}"):
                key = self.take(kind="name")
                self.take(":")
                items[key] = self.value(variables)
            self.take("}")
            return ("object", items)
        raise GraphQLError(f"Syntax Error: Unexpected {text or '<EOF>'}.")


def _resolve_value(node, variables):
    kind, payload = node
    if kind == "var":
        return variables.get(payload)
    if kind == "list":
        return [_resolve_value(item, variables) for item in payload]
    if kind == "object":
        return {key: _resolve_value(item, variables) for key, item in payload.items()}
    return payload


class Executor:
    """Runs a query against ``root`` (the Query object) with a ``schema`` of field names."""

    def __init__(self, schema):
        self.schema = schema

    def execute(self, query, variables=None, root=None):
        """GraphQL answer dict: ``{"data": …}`` and/or ``{"errors": […]}``."""
        variables = variables or {}
        if not isinstance(query, str) or not query.strip():
            return {"errors": [GraphQLError("Must provide query string.").to_dict()]}
        if not isinstance(variables, dict):
            return {"errors": [GraphQLError("Variables must be an object.").to_dict()]}
        try:
            declared, selection = _Parser(query).document()
            for name in declared:
                if declared[name].endswith("!") and variables.get(name) is None:
                    raise GraphQLError(
                        f'Variable "${name}" of required type "{declared[name]}" was not provided.',
                        code="BAD_USER_INPUT",
                    )
            self._check(selection, "Query", declared)
        except GraphQLError as exc:
            return {"errors": [exc.to_dict()]}
        errors = []
        data = self._object(root, "Query", selection, variables, errors, [])
        answer = {"data": data}
        if errors:
            answer["errors"] = [error.to_dict() for error in errors]
        return answer

    # static validation: every field exists on its type -----------------------------------
    def _check(self, selection, type_name, declared):
        fields = self.schema.get(type_name)
        if fields is None:
            raise GraphQLError(f'Unknown type "{type_name}".')
        for item in selection:
            if item[0] == "fragment":
                _kind, fragment_type, children = item
                if fragment_type not in self.schema:
                    raise GraphQLError(f'Unknown type "{fragment_type}".')
                self._check(children, fragment_type, declared)
                continue
            _kind, _alias, name, arguments, children = item
            for arg in arguments.values():
                if arg[0] == "var" and arg[1] not in declared:
                    raise GraphQLError(f'Variable "${arg[1]}" is not defined.')
            if name == "__typename":
                continue
            if name not in fields:
                raise GraphQLError(f'Cannot query field "{name}" on type "{type_name}".')
            target = fields[name]
            if target and not children:
                raise GraphQLError(
                    f'Field "{name}" of type "{target}" must have a selection of subfields.'
                )
            if not target and children:
                raise GraphQLError(
                    f'Field "{name}" must not have a selection since it is a scalar.'
                )
            if target and target in self.schema:
                self._check(children, target, declared)
            elif target:
                self._check_union(children, target, declared)

    def _check_union(self, children, target, declared):
        """A union/interface: its selection holds inline fragments and ``__typename`` only."""
        for child in children:
            if child[0] == "fragment":
                self._check(child[2], child[1], declared)
            elif child[2] != "__typename":
                raise GraphQLError(
                    f'Cannot query field "{child[2]}" on type "{target}". '
                    "Did you mean to use an inline fragment?"
                )

    # execution ------------------------------------------------------------------------
    def _object(self, obj, type_name, selection, variables, errors, path):
        out = {}
        actual = obj.get("__typename", type_name) if isinstance(obj, dict) else type_name
        for item in selection:
            if item[0] == "fragment":
                if item[1] == actual:
                    out.update(self._object(obj, actual, item[2], variables, errors, path))
                continue
            _kind, alias, name, arguments, children = item
            if name == "__typename":
                out[alias] = actual
                continue
            value = obj.get(name) if isinstance(obj, dict) else None
            if callable(value):
                args = {key: _resolve_value(node, variables) for key, node in arguments.items()}
                try:
                    value = value(**args)
                except GraphQLError as exc:
                    exc.path = [*path, alias]
                    errors.append(exc)
                    value = None
            out[alias] = self._value(value, children, variables, errors, [*path, alias])
        return out

    def _value(self, value, children, variables, errors, path):
        if value is None or not children:
            return value
        if isinstance(value, list):
            return [
                self._value(item, children, variables, errors, [*path, index])
                for index, item in enumerate(value)
            ]
        return self._object(value, value.get("__typename", ""), children, variables, errors, path)
