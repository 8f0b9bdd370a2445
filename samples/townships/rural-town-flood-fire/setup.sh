#!/usr/bin/env bash
# Data of the rural flood-and-fire profile, through OneGrid's REST API (departments, categories and routing rules are
# data, not configuration). Safe to run again: what exists already (409) is left alone.
#   ONEGRID_URL=http://localhost:8181 ONEGRID_USER=admin ONEGRID_PASSWORD=... ./setup.sh
# TOWN is the town's 12-digit code (the demo county's 青石镇 by default).
set -euo pipefail
URL=${ONEGRID_URL:-http://localhost:8181}/api/v1
TOWN=${TOWN:-370399101000}
TOKEN=$(curl -fsS -X POST "$URL/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"${ONEGRID_USER:-admin}\",\"password\":\"${ONEGRID_PASSWORD:?set ONEGRID_PASSWORD}\"}" \
  | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "sign-in failed" >&2; exit 1; }

# POST a JSON body; 201 created, 409 exists already: both fine. Anything else stops the script with the problem.
post() {
  local status
  status=$(curl -sS -o /tmp/onegrid-setup.$$ -w '%{http_code}' -X POST "$URL$1" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "$2")
  case "$status" in
    201|200) echo "created  $1 $(head -c 120 /tmp/onegrid-setup.$$)";;
    409) echo "exists   $1";;
    *) echo "FAILED $status $1: $(cat /tmp/onegrid-setup.$$)" >&2; rm -f /tmp/onegrid-setup.$$; exit 1;;
  esac
  rm -f /tmp/onegrid-setup.$$
}

# The town's full-time fire brigade (专职消防队) answers fires in the town; straw burning stays with environment.
post /departments "{\"code\":\"fire-brigade\",\"name\":\"镇专职消防队 Town fire brigade\",\"regionCodes\":[\"$TOWN\"]}"
post /routing-rules "{\"category\":\"0604\",\"region\":\"$TOWN\",\"department\":\"fire-brigade\",\"reason\":\"township profile: fires in the town go to its brigade\"}"
# Forest and field fire spots reported by patrols (and, once onegrid-fire ships, by its cameras).
post /categories '{"code":"0606","nameZh":"野外火点","nameEn":"Field or forest fire spot","department":"fire-brigade","defaultLevel":4,"slaKind":"URGENT"}'
# Flooding in the town goes to the town's water station rather than the county bureau.
post /departments "{\"code\":\"water-station\",\"name\":\"镇水利站 Town water station\",\"regionCodes\":[\"$TOWN\"]}"
post /routing-rules "{\"category\":\"0603\",\"region\":\"$TOWN\",\"department\":\"water-station\",\"reason\":\"township profile: waterlogging in the town goes to its water station\"}"
echo "rural flood-and-fire profile: data in place"
