#!/usr/bin/env bash
# Run by the postgres container when it initialises its volume (/docker-entrypoint-initdb.d): one login role per
# service, owning its own database and nothing else. PUBLIC may not connect to any database, so a service's account
# cannot even open another service's database, and the superuser's password is used by no service.
# Safe to run again on an existing volume (docker compose exec postgres bash /docker-entrypoint-initdb.d/...).
set -euo pipefail

account() { # <role and database name> <password>
  psql -v ON_ERROR_STOP=1 -q --username "$POSTGRES_USER" --dbname postgres -v name="$1" -v password="$2" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'name', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'name', :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
}

account identity "${IDENTITY_DB_PASSWORD:?IDENTITY_DB_PASSWORD is not set}"
account structure "${STRUCTURE_DB_PASSWORD:?STRUCTURE_DB_PASSWORD is not set}"
account training "${TRAINING_DB_PASSWORD:?TRAINING_DB_PASSWORD is not set}"
account reporting "${REPORTING_DB_PASSWORD:?REPORTING_DB_PASSWORD is not set}"
psql -v ON_ERROR_STOP=1 -q --username "$POSTGRES_USER" --dbname postgres -c 'REVOKE CONNECT ON DATABASE postgres FROM PUBLIC'
