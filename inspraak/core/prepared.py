"""Reads whose SQL the ORM builds once per process and shape, run again with the values of each request (ADR 0032).

Building a query with the ORM (filters, joins, annotations, compiling) costs 0.3–1.5 ms of Python; the database
answers most of our indexed reads in a fraction of that. ``prepared_rows(key, build, **values)`` returns what
``list(build(**values))`` would (``build`` returns a ``values_list()`` queryset), but builds and compiles the query
only the first time a key is seen: with stand-in values, twice with different stand-ins, to learn where each value
goes among the SQL's parameters. Later calls only put the values in their places, run the SQL and convert the
columns as the ORM would (the compiler's converters: dates on SQLite, decimals, booleans).

What the key must hold: everything that shapes the query other than the values passed as keywords, such as which
filters are on, the order, a slice (OFFSET and LIMIT are written into the SQL) and booleans (a stand-in cannot tell
``True`` from ``False``). The lengths of lists passed as values are added to the key here. ``build`` must use the
keyword values only as values in the query, never to decide its shape.

Safe by construction: a shape is kept only when both builds give the same SQL with every stand-in in a parameter
of its own (a value the ORM rewrites, such as ``icontains`` wrapping it in ``%``, or one written into the SQL, makes
the key fall back to the ORM for good); anything else (an empty list, a value of another type) also runs the ORM.
The SQL cannot drift from the models: it is always the ORM's own.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import Expression, F, Func, IntegerField, Lookup, QuerySet

MAX_SHAPES = 512  # per process; the least recently used shape is dropped beyond it
_MAX_LIST = 5000  # longer lists of values are not prepared (each element a parameter; in a small integer's range)
_TEXT_MARK = "\x1e"  # record separator: never in a value a person types through our forms


_INT_BITS = {"Int2": 16, "Int4": 32, "Int8": 64}


class _OutOfRange(Exception):
    """A value does not fit the integer column it is compared with: the ORM runs the query."""


class Unpreparable(Exception):
    """This shape cannot be prepared: the ORM runs it every time."""


@dataclass(frozen=True)
class _Slot:
    name: str
    index: int | None  # the element of a list value, or None
    adapt: str  # "" (as given), "date" or "datetime": the database adaptation the ORM applied
    wrap: type | None = None  # the integer type the ORM wrapped the value in (psycopg's Int2, Int4, Int8), or None


@dataclass(frozen=True)
class _Shape:
    alias: str
    sql: str
    params: tuple  # the constant parameters, and None where a slot goes
    slots: tuple[tuple[int, _Slot], ...]
    col_count: int
    converters: tuple  # ((position, (converter, ...), expression), ...)


_NOT_PREPARED = object()
_shapes: OrderedDict = OrderedDict()
_lock = threading.Lock()


def prepared_rows(key: Hashable, build: Callable[..., QuerySet], /, **values) -> list[tuple]:
    """``list(build(**values))`` for a ``values_list()`` queryset, with the SQL built once per ``key`` (see the
    module text). One query, as the ORM's."""
    full_key = (key, *sorted((name, _shape_of(value)) for name, value in values.items()))
    with _lock:
        shape = _shapes.get(full_key)
        if shape is not None:
            _shapes.move_to_end(full_key)
    if shape is None:
        shape = _prepare(build, values)
        with _lock:
            _shapes[full_key] = shape
            while len(_shapes) > MAX_SHAPES:
                _shapes.popitem(last=False)
    if shape is not _NOT_PREPARED:
        try:
            return _run(shape, values)
        except _OutOfRange:
            pass
    return list(build(**values))


def forget_shapes() -> None:
    """Drop every prepared shape (tests that change how a query is built)."""
    with _lock:
        _shapes.clear()


# ---------------------------------------------------------------- running a prepared shape


def _run(shape: _Shape, values: dict) -> list[tuple]:
    connection = connections[shape.alias]
    params = list(shape.params)
    for position, slot in shape.slots:
        value = values[slot.name]
        if slot.index is not None:
            value = value[slot.index]
        if slot.wrap is not None:
            bits = _INT_BITS.get(slot.wrap.__name__, 64)
            if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
                raise _OutOfRange  # the ORM turns it into "no rows" or "every row": let it
            value = slot.wrap(value)
        if slot.adapt == "date":
            value = connection.ops.adapt_datefield_value(value)
        elif slot.adapt == "datetime":
            value = connection.ops.adapt_datetimefield_value(value)
        params[position] = value
    with connection.cursor() as cursor:
        cursor.execute(shape.sql, params)
        fetched = cursor.fetchall()
    rows = []
    for fetched_row in fetched:
        row = list(fetched_row[: shape.col_count])
        for position, converters, expression in shape.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        rows.append(tuple(row))
    return rows


# ---------------------------------------------------------------- preparing a shape


def _shape_of(value) -> Hashable:
    """What of a value shapes the SQL: its type, and a list's length."""
    if isinstance(value, list | tuple):
        return (type(value).__name__, len(value))
    return type(value).__name__


def _prepare(build: Callable[..., QuerySet], values: dict):
    try:
        first = _compiled(build, values, variant=0)
        second = _compiled(build, values, variant=1)
    except (Unpreparable, EmptyResultSet, FullResultSet):
        return _NOT_PREPARED
    if first[0].sql != second[0].sql or first[0].slots != second[0].slots or first[0].params != second[0].params:
        return _NOT_PREPARED  # the stand-ins changed the query's shape: the ORM decides every time
    return first[0]


def _compiled(build: Callable[..., QuerySet], values: dict, *, variant: int) -> tuple[_Shape, dict]:
    counter = itertools.count()
    stand_ins = {name: _stand_in(value, counter, variant) for name, value in sorted(values.items())}
    queryset = build(**stand_ins)
    if not isinstance(queryset, QuerySet) or (not queryset._fields and not queryset.query.values_select):
        raise Unpreparable("build must return a values_list() queryset")
    if getattr(queryset._iterable_class, "__name__", "") != "ValuesListIterable":
        raise Unpreparable("only values_list() without flat or named")
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    connection = connections[queryset.db]
    slots, constants = _slots(params, stand_ins, connection)
    _check_nothing_inlined(sql, constants, stand_ins)
    fields = [selected[0] for selected in compiler.select[0 : compiler.col_count]]
    if compiler.has_composite_fields(fields):
        raise Unpreparable("composite fields")
    converters = tuple(
        (position, tuple(convs), expression)
        for position, (convs, expression) in compiler.get_converters(fields).items()
    )
    shape = _Shape(
        alias=queryset.db,
        sql=sql,
        params=tuple(None if any(p == at for at, _ in slots) else value for p, value in enumerate(params)),
        slots=tuple(slots),
        col_count=compiler.col_count,
        converters=converters,
    )
    return shape, stand_ins


def _stand_in(value, counter: itertools.count, variant: int):
    """A value of the same kind as ``value`` that no real query holds, different for every value and variant.

    Integers: odd ones from 10,001 in variant 0, even ones from 20,002 in variant 1, all in range of a small-integer
    column (the ORM drops a condition on a value out of a column's range); an ``if`` on a value's size or parity makes
    the two builds differ, so the key is not prepared. A real value out of its column's range runs the ORM."""
    if isinstance(value, bool) or value is None:
        raise Unpreparable("booleans and None shape the query: put them in the key")
    if isinstance(value, list | tuple):
        if not value or len(value) > _MAX_LIST:
            raise Unpreparable("empty or very long list")
        return type(value)(_stand_in(item, counter, variant) for item in value)
    number = next(counter)
    if isinstance(value, int):
        return 10_001 + 2 * number if variant == 0 else 20_002 + 2 * number
    if isinstance(value, str):
        return f"{_TEXT_MARK}{variant}.{number}{_TEXT_MARK}"
    if isinstance(value, datetime.datetime):
        return datetime.datetime(1901 + number % 90, 3, 5 + variant, 7, 11, 13, tzinfo=value.tzinfo)
    if isinstance(value, datetime.date):
        return datetime.date(1901 + number % 90, 2, 3 + variant)
    raise Unpreparable(f"no stand-in for {type(value).__name__}")


def _flat_stand_ins(stand_ins: dict):
    for name, value in stand_ins.items():
        if isinstance(value, list | tuple):
            for index, item in enumerate(value):
                yield _Slot(name, index, ""), item
        else:
            yield _Slot(name, None, ""), value


def _slots(params, stand_ins: dict, connection) -> tuple[list[tuple[int, _Slot]], list]:
    """Where each stand-in went among the parameters (as given, or as the database adaptation of a date or a
    moment), and the parameters that are constants. Every stand-in must be found."""
    forms = []
    for slot, value in _flat_stand_ins(stand_ins):
        forms.append((value, slot))
        if isinstance(value, datetime.datetime):
            forms.append((connection.ops.adapt_datetimefield_value(value), _Slot(slot.name, slot.index, "datetime")))
        elif isinstance(value, datetime.date):
            forms.append((connection.ops.adapt_datefield_value(value), _Slot(slot.name, slot.index, "date")))
    slots, constants, found = [], [], set()
    for position, param in enumerate(params):
        for form, slot in forms:
            if type(form) is int and isinstance(param, int) and not isinstance(param, bool) and int(param) == form:
                # On PostgreSQL the ORM wraps an integer in the column's type (psycopg's Int2, Int4, Int8).
                wrap = type(param) if type(param) is not int else None
                slots.append((position, _Slot(slot.name, slot.index, slot.adapt, wrap)))
                found.add((slot.name, slot.index))
                break
            if type(param) is type(form) and param == form:
                slots.append((position, slot))
                found.add((slot.name, slot.index))
                break
        else:
            constants.append(param)
    wanted = {(slot.name, slot.index) for slot, _ in _flat_stand_ins(stand_ins)}
    if found != wanted:
        raise Unpreparable("a value did not reach the SQL as a parameter of its own")
    return slots, constants


def _check_nothing_inlined(sql: str, constants: list, stand_ins: dict) -> None:
    """No stand-in may be written into the SQL or hidden in a rewritten parameter (``%value%``)."""
    marks = [str(value) for _, value in _flat_stand_ins(stand_ins)]
    if _TEXT_MARK in sql or any(mark in sql for mark in marks):
        raise Unpreparable("a value was written into the SQL")
    for constant in constants:
        text = constant if isinstance(constant, str) else str(constant)
        if _TEXT_MARK in text or any(mark in text for mark in marks):
            raise Unpreparable("a value was rewritten")


def count_all() -> Func:
    """``COUNT(*)`` as an expression, for a count read in a ``values_list()`` (one row, no GROUP BY) or a subquery.
    Not ``COUNT(id)``: a count from an index that does not hold the id is read from the index alone."""
    return Func(template="COUNT(*)", output_field=IntegerField())


def instances(model, rows: list[tuple], *, offset: int = 0, alias: str = "default") -> list:
    """Model instances from prepared rows whose columns ``offset`` on are ``fields_of(model)``, as the ORM makes
    them (``Model.from_db``)."""
    names = fields_of(model)
    return [model.from_db(alias, names, row[offset : offset + len(names)]) for row in rows]


@functools.cache
def _partial_order(model, names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``names`` in the order of ``model``'s fields, and where each of them is in ``names``."""
    ordered = tuple(field.attname for field in model._meta.concrete_fields if field.attname in names)
    if len(ordered) != len(names):
        raise ValueError(f"not fields of {model.__name__}: {sorted(set(names) - set(ordered))}")
    return ordered, tuple(names.index(name) for name in ordered)


def partial_instance(model, names: tuple[str, ...], values, *, alias: str = "default"):
    """A model instance as the ORM loads a row of only the fields ``names`` (column attributes, in any order; the
    others deferred, read on first use): positional, as ``Model.from_db``, without making a default for every field
    left out as keyword arguments do."""
    ordered, positions = _partial_order(model, names)
    return model.from_db(alias, ordered, [values[i] for i in positions])


def fields_of(model) -> list[str]:
    """The concrete fields' column attributes of ``model``, in the order ``instances`` reads them."""
    return [field.attname for field in model._meta.concrete_fields]


def sql_literal(choice) -> str:
    """A choice of our own (a TextChoices member, e.g. a status) as a quoted SQL literal, for written-out SQL beside a
    partial index whose condition names it: a plan for any values (a prepared statement, ADR 0033) cannot use such an
    index when the value is a parameter. Only plain words are accepted, so nothing typed by a person ends up in SQL."""
    value = str(getattr(choice, "value", choice))
    if not re.fullmatch(r"[a-z_]+", value):
        raise ValueError(f"not a plain word for SQL: {value!r}")
    return f"'{value}'"


class InChoices(Lookup):
    """``field IN ('a', 'b')`` with our own choices written into the SQL (``sql_literal``), for an ORM condition that
    must match an index expression or a partial index's condition: a parameter would keep a plan for any values from
    using it (the policy agenda's order, ``proposal_agenda_idx``; the advice awaiting a response). A lookup, so a
    filter puts it in the WHERE clause as it is on every database (a plain expression gets ``= true`` on SQLite)."""

    lookup_name = "in_choices"  # not registered on any field: used as ``InChoices("status", [...])``
    prepare_rhs = False

    def __init__(self, field: str, choices) -> None:
        choices = tuple(choices)
        if not choices:
            raise ValueError("InChoices needs at least one choice")
        self.written = ", ".join(sql_literal(choice) for choice in choices)  # refuses anything but plain words
        super().__init__(F(field), choices)

    def as_sql(self, compiler, connection):
        sql, params = self.process_lhs(compiler, connection)
        return f"{sql} IN ({self.written})", params


class IntLiteral(Expression):
    """A whole number written into the SQL instead of passed as a parameter (see ``InChoices``)."""

    output_field = IntegerField()

    def __init__(self, value: int) -> None:
        super().__init__()
        self.value = int(value)

    def as_sql(self, compiler, connection):
        return str(self.value), []
