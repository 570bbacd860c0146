"""Where people live and work: Kristiansand's districts and the neighbouring municipalities.

Travel times are estimates from straight-line distance (road and bus detours, a wait at the stop),
good enough to say "about 15 minutes from Vågsbygd" and to rank, not to plan a journey.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Area:
    code: str
    name: str  # a place name: the same in Norwegian and English
    municipality: str
    latitude: float
    longitude: float


KRISTIANSAND = "Kristiansand"

AREAS: tuple[Area, ...] = (
    Area("kvadraturen", "Kvadraturen (sentrum)", KRISTIANSAND, 58.1467, 7.9956),
    Area("lund", "Lund", KRISTIANSAND, 58.1480, 8.0200),
    Area("grim", "Grim", KRISTIANSAND, 58.1530, 7.9800),
    Area("vagsbygd", "Vågsbygd", KRISTIANSAND, 58.1250, 7.9300),
    Area("slettheia", "Slettheia", KRISTIANSAND, 58.1380, 7.9550),
    Area("hellemyr", "Hellemyr", KRISTIANSAND, 58.1630, 7.9300),
    Area("justvik", "Justvik", KRISTIANSAND, 58.1980, 8.0150),
    Area("hanes", "Hånes", KRISTIANSAND, 58.1700, 8.0700),
    Area("som", "Søm", KRISTIANSAND, 58.1560, 8.0550),
    Area("randesund", "Randesund", KRISTIANSAND, 58.1420, 8.1050),
    Area("tveit", "Tveit", KRISTIANSAND, 58.2250, 8.0550),
    Area("songdalen", "Songdalen", KRISTIANSAND, 58.1660, 7.8140),
    Area("sogne", "Søgne", KRISTIANSAND, 58.0940, 7.8000),
    Area("vennesla", "Vennesla", "Vennesla", 58.2690, 7.9720),
    Area("lillesand", "Lillesand", "Lillesand", 58.2490, 8.3770),
    Area("birkenes", "Birkenes", "Birkenes", 58.3330, 8.2330),
    Area("iveland", "Iveland", "Iveland", 58.4500, 7.9500),
    Area("lindesnes", "Lindesnes", "Lindesnes", 58.0290, 7.4600),
)

BY_CODE = {area.code: area for area in AREAS}
CODES = tuple(BY_CODE)

_ROAD_FACTOR = 1.3  # roads are not straight lines
_SPEED_KMH = 45.0  # a bus or car between districts, stops included
_START_MINUTES = 5  # getting to the stop, or the car, and from it at the other end


def _distance_km(a: Area, b: Area) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@cache
def travel_minutes(from_code: str, to_code: str) -> int:
    """Estimated minutes between two areas, rounded to 5; unknown areas count as far away."""
    if from_code not in BY_CODE or to_code not in BY_CODE:
        return 999
    if from_code == to_code:
        return _START_MINUTES
    km = _distance_km(BY_CODE[from_code], BY_CODE[to_code]) * _ROAD_FACTOR
    minutes = _START_MINUTES + km / _SPEED_KMH * 60
    return int(5 * math.ceil(minutes / 5))


def reachable_from(from_code: str, max_minutes: int) -> list[str]:
    """Codes of the areas within reach, nearest first."""
    reachable = [code for code in CODES if travel_minutes(from_code, code) <= max_minutes]
    return sorted(reachable, key=lambda code: travel_minutes(from_code, code))


def name_of(code: str | None) -> str:
    return BY_CODE[code].name if code in BY_CODE else ""


@dataclass(frozen=True)
class MapPoint:
    area: Area
    x: float
    y: float


MAP_WIDTH = 400
MAP_HEIGHT = 300
_MAP_MARGIN = 20


@cache
def map_points(*focus: str) -> tuple[MapPoint, ...]:
    """Areas placed on a drawn map MAP_WIDTH × MAP_HEIGHT, north up, distances true to scale
    (longitude shrunk by the latitude): a small map that needs no map tiles. It frames
    Kristiansand's districts and the `focus` areas; areas outside that frame are left out."""
    framed = [a for a in AREAS if a.municipality == KRISTIANSAND or a.code in focus]
    middle = math.radians(sum(a.latitude for a in AREAS) / len(AREAS))

    def east(area: Area) -> float:
        return area.longitude * math.cos(middle)

    west_edge, east_edge = min(map(east, framed)), max(map(east, framed))
    south_edge, north_edge = min(a.latitude for a in framed), max(a.latitude for a in framed)
    span = max(
        (east_edge - west_edge) / (MAP_WIDTH - 2 * _MAP_MARGIN),
        (north_edge - south_edge) / (MAP_HEIGHT - 2 * _MAP_MARGIN),
    )
    left = (MAP_WIDTH - (east_edge - west_edge) / span) / 2
    top = (MAP_HEIGHT - (north_edge - south_edge) / span) / 2
    points = (
        MapPoint(
            area,
            round(left + (east(area) - west_edge) / span, 1),
            round(top + (north_edge - area.latitude) / span, 1),
        )
        for area in AREAS
    )
    return tuple(p for p in points if 0 <= p.x <= MAP_WIDTH and 0 <= p.y <= MAP_HEIGHT)
