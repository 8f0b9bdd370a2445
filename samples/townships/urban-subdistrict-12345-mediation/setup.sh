#!/usr/bin/env bash
# Data of the urban 12345-and-mediation profile, through OneGrid's REST API (departments, categories and routing rules
# are data, not configuration). Safe to run again: what exists already (409) is left alone.
#   ONEGRID_URL=http://localhost:8181 ONEGRID_USER=admin ONEGRID_PASSWORD=... ./setup.sh
# SUBDISTRICT is the sub-district's 12-digit code (the demo county's 东城街道 by default).
set -euo pipefail
URL=${ONEGRID_URL:-http://localhost:8181}/api/v1
SUBDISTRICT=${SUBDISTRICT:-370399001000}
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

# The sub-district's mediation centre (矛盾调解中心) as a department: disputes are routed to it and its mediators
# handle them as work orders (accept, handle, resolve, revisit, rating).
post /departments "{\"code\":\"mediation\",\"name\":\"街道矛盾调解中心 Mediation centre\",\"regionCodes\":[\"$SUBDISTRICT\"]}"
# Disputes an urban sub-district sees most, next to the kernel's 0901 neighbour and 0902 wage disputes.
post /categories '{"code":"0906","nameZh":"婚姻家庭纠纷","nameEn":"Family dispute","department":"mediation","defaultLevel":2,"slaKind":"DIFFICULT"}'
post /categories '{"code":"0907","nameZh":"物业服务纠纷","nameEn":"Property management dispute","department":"mediation","defaultLevel":1,"slaKind":"DIFFICULT"}'
for c in 0901 0902; do
  post /routing-rules "{\"category\":\"$c\",\"region\":\"$SUBDISTRICT\",\"department\":\"mediation\",\"reason\":\"township profile: disputes in the sub-district go to its mediation centre\"}"
done

# 12345 tickets: the city's classes as a category set of their own (routine clock: 5 working days, as the city's
# platform usually grants), handled by the sub-district's 12345 desk unless a rule sends them on.
post /departments "{\"code\":\"hotline-desk\",\"name\":\"街道12345工作站 12345 desk\",\"regionCodes\":[\"$SUBDISTRICT\"]}"
post /categories '{"code":"11","nameZh":"12345热线转办","nameEn":"12345 hotline referrals","department":"hotline-desk","defaultLevel":1,"slaKind":"DIFFICULT"}'
post /categories '{"code":"1101","nameZh":"咨询","nameEn":"Enquiry","department":"hotline-desk","defaultLevel":1,"slaKind":"ROUTINE","slaDays":5}'
post /categories '{"code":"1102","nameZh":"投诉","nameEn":"Complaint","department":"hotline-desk","defaultLevel":2,"slaKind":"ROUTINE","slaDays":5}'
post /categories '{"code":"1103","nameZh":"求助","nameEn":"Request for help","department":"hotline-desk","defaultLevel":2,"slaKind":"ROUTINE","slaDays":3}'
post /categories '{"code":"1104","nameZh":"建议","nameEn":"Suggestion","department":"hotline-desk","defaultLevel":1,"slaKind":"ROUTINE","slaDays":10}'
echo "urban 12345-and-mediation profile: data in place"
