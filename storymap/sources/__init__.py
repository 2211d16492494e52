"""Where text and places come from besides the pipeline: input files and HTML pages
(``inputs``) and the optional online geocoders with their cache (``geocode*``).
"""
