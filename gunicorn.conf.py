"""Gunicorn's settings for this site: gunicorn reads ./gunicorn.conf.py by itself, so the
README's command line (`gunicorn config.wsgi --workers 2 --bind ...`) gets them too."""

# Board papers and named-list PDFs are rendered within the request: the whole partnership's
# took 15-35 s on a busy two-core machine, and gunicorn's default of 30 s killed the worker
# mid-render, a bare 500 without the security headers. Long enough for those, short enough
# that a stuck worker is still replaced.
timeout = 120
