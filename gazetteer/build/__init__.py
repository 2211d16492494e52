"""Build the embedded gazetteer from its sources (GeoNames, Natural Earth, WOF, CLDR, …)."""
