"""Many articles at once: worker processes (``run``), Dask (``dask``), the index page
(``index``) and the command line (``cli``).
"""
