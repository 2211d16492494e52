"""Story → formats other tools read (StoryMapJS; GeoJSON lives on ``Story.to_geojson``)."""
