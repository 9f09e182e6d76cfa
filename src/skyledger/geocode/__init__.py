"""Geocoding: the gazetteer of places and the choice of a location for each mention."""

from skyledger.geocode.gazetteer import Gazetteer, default_gazetteer
from skyledger.geocode.places import Place, PlaceType, normalize_name

__all__ = ["Gazetteer", "Place", "PlaceType", "default_gazetteer", "normalize_name"]
