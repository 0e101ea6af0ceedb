#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 cluster for the tests and print its SQLAlchemy URL.
# initdb and pg_ctl refuse to run as root, so the cluster belongs to an unprivileged user.
# Usage: .ci/postgres.sh start DIR  |  .ci/postgres.sh stop DIR
set -euo pipefail
action=$1
dir=$2
bin=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
user=copbot-ci
run_as() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}
case "$action" in
start)
    if [ "$(id -u)" = 0 ] && ! id "$user" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown "$user" "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    run_as "$bin/initdb" -D "$dir/data" -U copbot --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    run_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" \
        start >/dev/null
    echo "postgresql+asyncpg://copbot@127.0.0.1:$port/postgres"
    ;;
stop)
    run_as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
esac
