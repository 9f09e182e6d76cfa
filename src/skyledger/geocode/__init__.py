"""Geocoding: the gazetteer of places and the choice of a location for each mention."""
