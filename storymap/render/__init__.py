"""Rendering a Story as an HTML story map (folium map + jinja2 page + a small script)."""
