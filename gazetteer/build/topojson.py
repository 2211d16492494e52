"""A TopoJSON reader: shared arcs, quantised and delta-encoded, back into shapely geometries.

TopoJSON stores each boundary once as an *arc*; polygons list the arcs of their rings by
index (``~i``, i.e. ``-i - 1``, walks arc ``i`` backwards). With a ``transform`` the arc
positions are integers, each after the first a difference to the previous one, so an arc is
decoded by summing the differences and then scaling and translating every position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)
from shapely.geometry.base import BaseGeometry

Position = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Feature:
    """One geometry of a TopoJSON object with its id and properties."""

    id: str
    properties: dict[str, Any]
    geometry: BaseGeometry


class Topology:
    """A decoded TopoJSON ``Topology``: its arcs as coordinates, its objects as features."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("type") != "Topology":
            raise ValueError(f"not a TopoJSON topology: type {data.get('type')!r}")
        transform = data.get("transform")
        if transform is None:
            self._scale, self._translate = (1.0, 1.0), (0.0, 0.0)
        else:
            self._scale = (float(transform["scale"][0]), float(transform["scale"][1]))
            self._translate = (float(transform["translate"][0]), float(transform["translate"][1]))
        self._quantised = transform is not None
        self._objects: dict[str, Any] = data.get("objects", {})
        self.arcs: list[list[Position]] = [self._decode_arc(arc) for arc in data.get("arcs", [])]

    def _decode_arc(self, arc: Sequence[Sequence[float]]) -> list[Position]:
        """Absolute longitude/latitude positions of one arc (deltas summed, then scaled)."""
        (sx, sy), (tx, ty) = self._scale, self._translate
        positions: list[Position] = []
        x = y = 0.0
        for position in arc:
            if self._quantised:
                x += position[0]
                y += position[1]
            else:
                x, y = position[0], position[1]
            positions.append((x * sx + tx, y * sy + ty))
        return positions

    def _point(self, position: Sequence[float]) -> Position:
        """A point's position: quantised like arcs but never delta-encoded."""
        (sx, sy), (tx, ty) = self._scale, self._translate
        return (position[0] * sx + tx, position[1] * sy + ty)

    def _line(self, indices: Sequence[int]) -> list[Position]:
        """Arcs joined end to start; each arc after the first repeats its predecessor's end."""
        line: list[Position] = []
        for index in indices:
            arc = self.arcs[index] if index >= 0 else self.arcs[~index][::-1]
            line.extend(arc if not line else arc[1:])
        return line

    def _polygon(self, rings: Sequence[Sequence[int]]) -> Polygon:
        """A polygon from its rings (shell first); quantisation can collapse a tiny island or
        hole to fewer than four positions, and such a ring encloses nothing: it is dropped."""
        shell, *holes = (self._line(ring) for ring in rings)
        if len(shell) < 4:
            return Polygon()
        return Polygon(shell, [hole for hole in holes if len(hole) >= 4])

    def _polygons(self, polygons: Sequence[Sequence[Sequence[int]]]) -> MultiPolygon:
        return MultiPolygon([p for rings in polygons if not (p := self._polygon(rings)).is_empty])

    def geometry(self, geometry: dict[str, Any]) -> BaseGeometry:
        """The shapely geometry of one TopoJSON geometry object."""
        kind = geometry.get("type")
        if kind == "Polygon":
            return self._polygon(geometry["arcs"])
        if kind == "MultiPolygon":
            return self._polygons(geometry["arcs"])
        if kind == "LineString":
            return LineString(self._line(geometry["arcs"]))
        if kind == "MultiLineString":
            return MultiLineString([self._line(arcs) for arcs in geometry["arcs"]])
        if kind == "Point":
            return Point(self._point(geometry["coordinates"]))
        if kind == "MultiPoint":
            return MultiPoint([self._point(p) for p in geometry["coordinates"]])
        if kind == "GeometryCollection":
            return GeometryCollection([self.geometry(g) for g in geometry["geometries"]])
        if kind is None:
            return GeometryCollection()
        raise ValueError(f"unknown TopoJSON geometry type {kind!r}")

    def features(self, name: str) -> list[Feature]:
        """The members of object ``name`` (a GeometryCollection, or one geometry) as features."""
        if name not in self._objects:
            raise KeyError(f"TopoJSON object {name!r} not found (has {sorted(self._objects)})")
        obj = self._objects[name]
        members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
        return [
            Feature(
                id=str(member.get("id", "")),
                properties=dict(member.get("properties") or {}),
                geometry=self.geometry(member),
            )
            for member in members
        ]
