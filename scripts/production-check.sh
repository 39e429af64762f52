#!/usr/bin/env bash
# The README's "Running in production", end to end, as CI runs it (.ci/run): static files
# through the manifest storage, migrations, the demo, gunicorn with production settings behind
# what a TLS proxy would send, and tests/deploy/crawl.py signed in as every demo role.
#
#   DATABASE_URL=postgres://user@127.0.0.1:5432/scratch scripts/production-check.sh
#
# Needs `make install assets` first (CI's `make test` does it). seed_demo --force overwrites the
# demo logins' passwords: point DATABASE_URL at a scratch database, never a live one.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL to a scratch PostgreSQL database}"
PY=.venv/bin/python
work="$(mktemp -d)"
gunicorn_pid=""
stop() {
  if [ -n "$gunicorn_pid" ]; then
    kill -TERM "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

port="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# Production settings: nothing here turns a safety off. HTTPS redirects stay on; the crawler
# sends X-Forwarded-Proto: https, which SECURE_PROXY_SSL_HEADER trusts with DEBUG off.
export DEBUG=false
SECRET_KEY="check-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 60)"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL="https://127.0.0.1:$port"
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
# Two workers share one cache (the verification rate limit), and background work is queued.
export CACHE_BACKEND=database TASKS_BACKEND=database
# The credential signing key, outside the repository as in production (docs/credentials.md).
export CREDENTIAL_SIGNING_KEY_FILE="$work/credential-signing-key.pem"
# Tracebacks of failures only, not a line for every refusal the crawl meets.
export LOG_LEVEL=ERROR

echo "-- collectstatic (manifest storage)"
$PY manage.py collectstatic --noinput --verbosity 0
echo "-- migrate, cache table, demo"
$PY manage.py migrate --noinput --verbosity 0
$PY manage.py createcachetable
$PY manage.py seed_demo --force --verbosity 0

$PY manage.py create_credential_key "$CREDENTIAL_SIGNING_KEY_FILE" --verbosity 0

echo "-- gunicorn on 127.0.0.1:$port"
# The README's command; gunicorn.conf.py adds the timeout. --no-control-socket: its default
# path is under $HOME, shared by runs side by side on one machine.
.venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$port" --no-control-socket &
gunicorn_pid=$!

echo "-- crawl as every demo role"
$PY tests/deploy/crawl.py "http://127.0.0.1:$port"
