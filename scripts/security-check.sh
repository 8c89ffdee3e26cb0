#!/usr/bin/env bash
# Security check of the fabrique web app: starts `fabrique serve` on 127.0.0.1 (a free port from
# 18000) over a throwaway database, replays classic attacks against it, and prints one line per
# attack, "held    NAME" or "FAILED  NAME: what happened", then "N passed, M failed". Exit status
# 0 when every attack held, 1 otherwise, 2 when the set-up itself failed.
#
# Usage: scripts/security-check.sh            (BIN=.build/debug/fabrique by default)
#        BIN=.build/release/fabrique SECURITY_CHECK_TIMEOUT=900 scripts/security-check.sh
#        SECURITY_CHECK_VERBOSE=1 scripts/security-check.sh   (each request and its status on stderr)
#
# Every request goes to 127.0.0.1 only, with curl --max-time; the whole run is under `timeout`;
# the server (a private copy of BIN) is stopped and the temporary folder removed on exit, whatever
# happens. A server that dies during an attack fails that attack ("server died") and is restarted
# for the next ones. Older binaries count every login attempt per address, so the server is also
# restarted (fresh in-memory limits, same database) before the attacks that log in many times.
# Form fields, routes and tokens are read from the pages (scripts/security-check.py parses them).
#
# Attacks ("held" is the safe behaviour):
#   1. crash                  huge and negative ?page= on the staff response list: no crash, no 5xx
#   2. open redirect          /connexion?suite=/<TAB>/evil.example, //evil, /\evil, https://evil…:
#                             the Location after login is a path of the app
#   3. formula injection      contact names / answers starting with = + - @: no such cell in the
#                             non-respondents CSV, `invite --out`, `export responses --excel`
#   4. blank 500              unknown rules script, NUL in the experience search: 400/404 French
#                             page with the security headers
#   5. HEAD on GET routes     HEAD / and HEAD /connexion answer 200
#   6. roles                  researcher kept out of /gestion, no session sent to /connexion,
#                             staff kept out of the coding pages
#   7. CSRF                   staff POSTs (response edit, logout, coding, report regeneration,
#                             erasure) without / with a wrong / with another session's token, login
#                             without the double-submit cookie or field: 403, nothing changed
#   8. login CSRF cookie planting   csrf field = made-up fabrique_connexion cookie: 403
#   9. XSS                    <script> and "><img onerror> in answers, response ids and contact
#                             names are escaped on staff and respondent pages
#  10. token reuse            a personal link that submitted once accepts nothing more, and its
#                             404 is the same page as an unknown link's
#  11. path traversal         /static/..%2F.., /regles/..%2F, report files: 404, never file contents
#  12. SQL injection          ' OR 1=1 -- in the region / origin filters and the experience search
#  13. oversized body         2 MB POSTs (with a length, and chunked): 413 page, server alive
#  14. bcrypt 72 bytes        an 80-char password; its first 72 bytes + another tail must not log in
#  15. login rate limit per account   25 failures on account A do not lock out account B
#  16. session fixation      a second login ends the first session; a session id chosen by the
#                             client is never adopted
#  17. open link start CSRF   a cross-site POST to /o/TOKEN (foreign Origin, no token): 403, no invitation
#  18. NUL and bidi           U+0000 / U+202E in a text answer (form page, final submission, staff
#                             edit): refused in French or removed, never stored raw
#  19. integer parsing        "1 2" is not 12; 9223372036854775807 gives a French "trop grand" message
# And classic ones the app should already hold:
#  20. calculated values      a calculated variable posted by the respondent is recomputed, not stored
#  21. cookie flags           session and login cookies HttpOnly + SameSite, session Max-Age <= 8 h
#  22. security headers       CSP, nosniff, frame-ancestors/X-Frame-Options, Referrer-Policy,
#                             Cache-Control no-store on staff and respondent pages, 404 and 403 pages
#  23. host header            a forged Host header never ends up in a Location
#  24. huge header            a 100 KB Cookie header: refused or ignored, server alive
#  25. invalid UTF-8          bytes FF FE in a form field: no 5xx
#  26. TRACE                  TRACE / is not echoed back
#  27. password change ends sessions   `fabrique user passwd` closes the account's open sessions
#  28. logout ends the session        the cookie is dead on the server after logout
#  29. login timing           an unknown name costs as long as a wrong password (same status and page)
#  30. X-Forwarded-For spoofing (login)   without --trusted-proxy, a new X-Forwarded-For per attempt
#                             does not escape the login limit
#  31. X-Forwarded-For spoofing (open link)   nor the 30-starts-per-10-minutes open-link limit
#  32. sessions page         an account cannot end another account's session by its number
#  33. region scope          an account limited to one region (`user scope`) cannot read, edit or
#                             erase another region's responses, contacts, reports or fiches, nor
#                             move one of its responses into another region
#  34. many form fields      a 1 MB body of 250,000 empty fields is answered in time, without 5xx
#  35. disabled and demoted accounts   `user disable` ends the sessions and the logins; `user role`
#                             applies to open sessions at once
set -uo pipefail

if [ -z "${SECURITY_CHECK_INNER:-}" ]; then
  export SECURITY_CHECK_INNER=1
  exec timeout --kill-after=30 "${SECURITY_CHECK_TIMEOUT:-900}" bash "$0" "$@"
fi

cd "$(dirname "$0")/.." || exit 2
BIN=${BIN:-.build/debug/fabrique}
LIMIT=${SECURITY_CHECK_TIMEOUT:-900}
MAXTIME=20
HELPER="python3 scripts/security-check.py"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fabrique-security.XXXXXX") || exit 2
DB=$WORK/fabrique.sqlite
B=$WORK/body          # the last response's body
H=$WORK/headers       # the last response's headers
SERVER_PID=""
PORT=""
URL=""
PASS=0
FAIL=0
ISSUES=()
XSS1='<script>alert(1)</script>'
XSS2='"><img src=x onerror=alert(1)>'
EVIL=https://evil.example

py() { $HELPER "$@"; }

# ---------------------------------------------------------------------------------------------
# Server

server_alive() {
  [ -n "$SERVER_PID" ] || return 1
  local state
  state=$(ps -o stat= -p "$SERVER_PID" 2>/dev/null) || return 1
  [[ $state == Z* ]] && return 1
  curl -s -o /dev/null --max-time 5 "$URL/"
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  local i state
  for i in $(seq 1 100); do
    state=$(ps -o stat= -p "$SERVER_PID" 2>/dev/null) || break
    [[ $state == Z* ]] && break
    sleep 0.1
  done
  kill -KILL "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}

port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }

pick_port() {
  local p
  for p in $(seq 18000 18999); do
    if port_free "$p"; then PORT=$p; URL=http://127.0.0.1:$p; return 0; fi
  done
  return 1
}

start_server() {
  local attempt i
  for attempt in 1 2 3; do
    # Under its own timeout too: even if this script were killed, the server would not outlive the run.
    timeout "$LIMIT" "$BIN" --db "$DB" serve --host 127.0.0.1 --port "$PORT" --reports "$WORK/reports" >>"$WORK/serve.log" 2>&1 &
    SERVER_PID=$!
    # Not a job of this shell: a server killed by a signal (a crash) is reported by the attack
    # that caused it, not by a "Illegal instruction" line from bash.
    disown "$SERVER_PID" 2>/dev/null
    for i in $(seq 1 150); do
      sleep 0.2
      ps -o stat= -p "$SERVER_PID" 2>/dev/null | grep -qv Z || break   # it exited (port taken?)
      if curl -s -o /dev/null --max-time 2 "$URL/"; then
        sleep 0.2
        ps -o stat= -p "$SERVER_PID" 2>/dev/null | grep -qv Z && return 0   # ours answered, not another program
        break
      fi
    done
    stop_server
    pick_port || return 1   # the port was taken meanwhile: another one
  done
  return 1
}

restart_server() {
  stop_server
  start_server || { echo "the server did not restart; last lines of its log:" >&2; tail -5 "$WORK/serve.log" >&2; return 1; }
}

summary() { echo "$PASS passed, $FAIL failed"; }

cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "FAILED  time limit: the check did not finish within ${LIMIT}s"; FAIL=$((FAIL + 1)); summary; exit 1' TERM
trap 'exit 130' INT HUP

setup_failed() {
  echo "FAILED  set-up: $*"
  [ -s "$WORK/cli.log" ] && tail -5 "$WORK/cli.log" >&2
  [ -s "$WORK/serve.log" ] && tail -5 "$WORK/serve.log" >&2
  FAIL=$((FAIL + 1))
  summary
  exit 2
}

cli() { "$BIN" --db "$DB" "$@" 2>>"$WORK/cli.log"; }

# ---------------------------------------------------------------------------------------------
# HTTP (curl, 127.0.0.1 only)

# http METHOD PATH [curl args…]: body in $B, headers in $H, status in $CODE (000: no answer).
http() {
  local method=$1 path=$2
  shift 2
  : >"$B"
  : >"$H"
  if [ "$method" = HEAD ]; then
    CODE=$(curl -s --max-time "$MAXTIME" --path-as-is -I -o "$B" -D "$H" -w '%{http_code}' "$@" "$URL$path" 2>/dev/null) || true
  else
    CODE=$(curl -s --max-time "$MAXTIME" --path-as-is -X "$method" -o "$B" -D "$H" -w '%{http_code}' "$@" "$URL$path" 2>/dev/null) || true
  fi
  [ -n "$CODE" ] || CODE=000
  if [ -n "${SECURITY_CHECK_VERBOSE:-}" ]; then
    printf '    %s %s -> %s %s\n' "$method" "${path:0:100}" "$CODE" "$(py header "$H" location 2>/dev/null | head -c 100)" >&2
  fi
}

# post PATH BODY [curl args…]: a form POST.
post() {
  local path=$1 body=$2
  shift 2
  printf '%s' "$body" >"$WORK/post"
  http POST "$path" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$WORK/post" "$@"
}

location() { py header "$H" location 2>/dev/null; }
as() { printf 'Cookie: fabrique_session=%s' "$1"; }

# login NAME PASSWORD [SUITE] [curl args for the POST…]: fetches the login page as a browser does
# (its cookies and hidden fields), then posts it. Sets LOGIN_CODE, LOGIN_LOCATION, LOGIN_SESSION.
login() {
  local name=$1 password=$2 suite=${3-}
  shift $(($# < 3 ? $# : 3))
  LOGIN_CODE=000 LOGIN_LOCATION="" LOGIN_SESSION=""
  http GET "/connexion${suite:+?suite=$suite}"
  local cookies body
  cookies=$(py cookies "$H")
  body=$(py body "$B" /connexion "name=$name" "password=$password") || { LOGIN_CODE="no-form($CODE)"; return 1; }
  post /connexion "$body" -H "Cookie: $cookies" "$@"
  LOGIN_CODE=$CODE
  LOGIN_LOCATION=$(location)
  LOGIN_SESSION=$(py cookie "$H" fabrique_session 2>/dev/null)
  [[ $LOGIN_CODE == 30* && -n $LOGIN_SESSION ]]
}

# session_valid TOKEN: the session is live on the server (not sent back to the login page).
session_valid() {
  http GET /gestion -H "$(as "$1")"
  [ "$CODE" != 000 ] && [[ $(location) != /connexion* ]]
}

# csrf_of TOKEN: the CSRF token of a session, from the logout form of its navigation bar.
csrf_of() {
  http GET /recherche/experiences -H "$(as "$1")"
  py field "$B" /deconnexion csrf
}

is_french_page() { [ -s "$B" ] && [[ $(py header "$H" content-type) == text/html* ]] && grep -q 'lang="fr"' "$B"; }

# missing_headers: the security headers the last response lacks, comma-separated (empty: none).
missing_headers() {
  local missing=() csp xcto xfo
  csp=$(py header "$H" content-security-policy) || missing+=("Content-Security-Policy")
  xcto=$(py header "$H" x-content-type-options)
  [ "${xcto,,}" = nosniff ] || missing+=("X-Content-Type-Options: nosniff")
  xfo=$(py header "$H" x-frame-options)
  [[ -n $xfo || $csp == *frame-ancestors* ]] || missing+=("X-Frame-Options/frame-ancestors")
  py header "$H" referrer-policy >/dev/null || missing+=("Referrer-Policy")
  local IFS=,
  echo "${missing[*]}"
}

# A safe redirect target: a path of this app (one '/', then neither '/' nor '\'; no control
# character, which browsers strip: "/<TAB>/evil" is "//evil" to them).
safe_location() {
  local l=$1
  [[ $l == /* ]] || return 1
  [[ ${l:1:1} == / || ${l:1:1} == \\ ]] && return 1
  [[ $l =~ [[:cntrl:]] ]] && return 1
  return 0
}

issue() { ISSUES+=("$*"); }

# run NAME FUNCTION: one attack, one line.
run() {
  local name=$1 fn=$2
  ISSUES=()
  "$fn"
  if ! server_alive; then
    issue "server died"
  fi
  if [ ${#ISSUES[@]} -eq 0 ]; then
    printf 'held    %s\n' "$name"
    PASS=$((PASS + 1))
  else
    local text
    text=$(printf '%s; ' "${ISSUES[@]}")
    printf 'FAILED  %s: %s\n' "$name" "${text%; }"
    FAIL=$((FAIL + 1))
  fi
  if ! server_alive; then
    restart_server || { echo "FAILED  server restart: the remaining attacks were not run"; FAIL=$((FAIL + 1)); summary; exit 1; }
  fi
}

# crashed CONTEXT: after a request without an answer, whether the server died (then restarted).
crashed() {
  sleep 0.5
  server_alive && return 1
  issue "$1: server died (no answer)"
  restart_server || { echo "FAILED  server restart: the remaining attacks were not run"; FAIL=$((FAIL + 1)); summary; exit 1; }
  return 0
}

# next_token: sets TOKEN to the personal link (token) of a seed contact that no other attack used.
NEXT_LINK=0
TOKEN=""
next_token() {
  NEXT_LINK=$((NEXT_LINK + 1))
  TOKEN=$(sed -n "$((NEXT_LINK + 1))p" "$WORK/seed-tokens.txt")
}

# submit_full TOKEN ROW [NAME=VALUE…]: the whole questionnaire in one POST (row ROW of the
# generated responses, fields named as on the staff edit form), like the load test does.
submit_full() {
  local token=$1 row=$2
  shift 2
  post "/r/$token/envoi" "$(py submission "$WORK/generated.csv" "$row" "$WORK/field-names.txt" "$@")"
}

# field_error NAME: the message the last page gives for question NAME (error summary), if any.
field_error() { py errors "$B" | awk -F'\t' -v n="$1" '$1 ~ ("#[qf]-" n "$") { sub(/^[^\t]*\t/, ""); print; exit }'; }

db() { py sql "$DB" "$@"; }

# ---------------------------------------------------------------------------------------------
# Set-up: database, accounts, contacts (with hostile names), invitations, open link, responses

setup() {
  [ -x "$BIN" ] || setup_failed "no binary at $BIN (build it first, or set BIN)"
  # A private copy of the binary and its resource bundles: a rebuild during the run cannot change
  # or lock the server under test ("Text file busy").
  mkdir -p "$WORK/bin"
  cp "$BIN" "$WORK/bin/fabrique" || setup_failed "cannot copy $BIN"
  cp -R "$(dirname "$BIN")"/*.resources "$WORK/bin/" 2>/dev/null
  BIN=$WORK/bin/fabrique
  pick_port || setup_failed "no free port in 18000-18999"
  local base=$URL
  cli init >/dev/null || setup_failed "fabrique init"
  local name role
  for name in admin:admin staff:staff researcher:researcher redirect-user:staff csrf-user:staff bcrypt-user:staff \
    session-user:staff victim-a:staff victim-b:staff timing-user:staff xff-user:staff scoped-staff:staff scoped-admin:admin \
    scoped-researcher:researcher disabled-user:staff demoted-user:staff; do
    role=${name#*:}
    name=${name%%:*}
    local pw
    pw=$(cli user add "$name" --role "$role" --generate-password | sed -n 's/^Password for [^:]*: //p')
    [ -n "$pw" ] || setup_failed "user add $name"
    printf -v "PW_${name//-/_}" '%s' "$pw"
  done

  cli demo generate-responses --survey coordination --count 40 --seed 11 --out "$WORK/generated.csv" >/dev/null ||
    setup_failed "demo generate-responses"
  cli import responses --survey coordination "$WORK/generated.csv" >/dev/null || setup_failed "import responses"
  # Hostile responses: formula-like and script-like text answers, and script-like response ids.
  python3 - "$WORK/generated.csv" "$WORK/hostile-responses.csv" "$XSS1" "$XSS2" <<'PY' || setup_failed "hostile responses file"
import csv, sys
src, out, xss1, xss2 = sys.argv[1:5]
with open(src, encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
header = list(rows[0].keys())
hostile = [
    ("formula-1", {"commune_epci": "+cmd|' /C calc'!A0", "participation_exemple": '=HYPERLINK("http://x","a")',
                   "difficultes_commentaire": "@SUM(1)"}),
    ("formula-2", {"commune_epci": "-1+2", "participation_exemple": "\tcmd", "difficultes_commentaire": "=1+1"}),
    ("=2+3", {}),
    ("xss-" + xss1, {"commune_epci": xss1, "participation_exemple": xss2}),
]
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=header)
    w.writeheader()
    for i, (rid, values) in enumerate(hostile):
        row = dict(rows[20 + i])
        row["response_id"] = rid
        row.update(values)
        w.writerow(row)
PY
  cli import responses --survey coordination "$WORK/hostile-responses.csv" >/dev/null || setup_failed "import hostile responses"
  local imported
  imported=$(db "SELECT COUNT(*) FROM responses_coordination WHERE response_id IN ('formula-1','formula-2','=2+3') OR response_id LIKE 'xss-%'")
  [ "$imported" = 4 ] || setup_failed "only $imported of the 4 hostile responses were imported (see $WORK/hostile-responses.rejects.csv)"

  # The synthesis reports of these responses (the dashboard serves them; hostile answers included).
  cli report regions --analysis analyses/coordination.yaml --out "$WORK/reports" --html >/dev/null 2>&1 ||
    setup_failed "report regions"
  # Accounts limited to one region (`user scope`, when this binary has it): the region with most responses.
  SCOPE_REGION=$(db "SELECT region FROM responses_coordination WHERE region IS NOT NULL GROUP BY region ORDER BY COUNT(*) DESC, region LIMIT 1")
  SCOPE_SUPPORTED=""
  if cli user scope scoped-staff --region "$SCOPE_REGION" >/dev/null 2>&1 &&
    cli user scope scoped-admin --region "$SCOPE_REGION" >/dev/null 2>&1 &&
    cli user scope scoped-researcher --region "$SCOPE_REGION" >/dev/null 2>&1; then
    SCOPE_SUPPORTED=1
  fi

  cli contacts import seeds/demo/contacts.csv >/dev/null || setup_failed "contacts import"
  python3 - "$WORK/formula-contacts.csv" "$WORK/xss-contacts.csv" "$XSS1" "$XSS2" <<'PY' || setup_failed "hostile contacts file"
import csv, sys
formula, xss, xss1, xss2 = sys.argv[1:5]
header = ["name", "email", "organisation", "role", "region", "departement", "approaches"]
def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
write(formula, [
    ['=HYPERLINK("http://x","a")', "formula1@example.org", "=1+2", "@SUM(1)", "44", "67", "CLS"],
    ["+cmd|' /C calc'!A0", "formula2@example.org", "Ville", "-1+2", "44", "67", "CLS"],
    ["@SUM(1)", "formula3@example.org", "+33 1 23", "Coordinatrice", "44", "67", "CLS"],
    ["-1+2", "formula4@example.org", "Ville", "Coordinatrice", "44", "67", "CLS"],
])
write(xss, [
    [xss1, "xss1@example.org", xss2, "Coordinatrice", "44", "67", "CLS"],
    [xss2, "xss2@example.org", "Ville", xss1, "44", "67", "CLS"],
])
PY
  FORMULA_CONTACTS_REFUSED=""
  cli contacts import "$WORK/formula-contacts.csv" >/dev/null || FORMULA_CONTACTS_REFUSED=1
  cli contacts import "$WORK/xss-contacts.csv" >/dev/null || setup_failed "contacts import of script-like names"
  cli invite --survey coordination --base-url "$base" --out "$WORK/links.csv" >/dev/null || setup_failed "invite"
  # Personal links of the seed contacts (for the respondent attacks), and of the script-like contact.
  python3 - "$WORK/links.csv" "$WORK/seed-tokens.txt" "$WORK/xss-token.txt" <<'PY' || setup_failed "links file"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
with open(sys.argv[2], "w") as seed, open(sys.argv[3], "w") as xss:
    seed.write("token\n")
    for row in rows:
        token = row["url"].rsplit("/r/", 1)[1]
        if row["email"] == "xss1@example.org":
            xss.write(token + "\n")
        elif not row["email"].startswith(("formula", "xss")):
            seed.write(token + "\n")
PY
  OPEN_TOKEN=$(cli invite --survey coordination --open --base-url "$base" | sed 's|.*/o/||')
  [ -n "$OPEN_TOKEN" ] || setup_failed "invite --open"
  start_server || setup_failed "the server did not start (port $PORT)"
  login admin "$PW_admin" || setup_failed "admin login (HTTP $LOGIN_CODE)"
  ADMIN=$LOGIN_SESSION
  ADMIN_LOGIN_HEADERS=$WORK/admin-login-headers
  cp "$H" "$ADMIN_LOGIN_HEADERS"
  login staff "$PW_staff" || setup_failed "staff login (HTTP $LOGIN_CODE)"
  STAFF=$LOGIN_SESSION
  login researcher "$PW_researcher" || setup_failed "researcher login (HTTP $LOGIN_CODE)"
  RESEARCHER=$LOGIN_SESSION
  STAFF_CSRF=$(csrf_of "$STAFF") || setup_failed "no CSRF token on the staff pages"
  RESEARCHER_CSRF=$(csrf_of "$RESEARCHER") || setup_failed "no CSRF token on the researcher pages"
  ADMIN_CSRF=$(csrf_of "$ADMIN") || setup_failed "no CSRF token on the admin pages"

  # Routes found on the pages, not guessed: the dashboard's links, a response, its edit form.
  http GET /gestion -H "$(as "$STAFF")"
  DASHBOARD=$(location)
  http GET "$DASHBOARD" -H "$(as "$STAFF")"
  NONRESP_URL=$(py links "$B" 'non-repondants' | head -1)
  RESPONSES_URL=$(py links "$B" '/reponses$' | head -1)
  [ -n "$NONRESP_URL" ] && [ -n "$RESPONSES_URL" ] || setup_failed "dashboard links not found ($DASHBOARD)"
  http GET "$RESPONSES_URL" -H "$(as "$STAFF")"
  RESPONSE_URL=$(py links "$B" "^$RESPONSES_URL/[^?]+\$" | head -1)
  [ -n "$RESPONSE_URL" ] || setup_failed "no response on $RESPONSES_URL"
  http GET "$RESPONSE_URL" -H "$(as "$STAFF")"
  EDIT_URL=$(py links "$B" '/modifier$' | head -1)
  http GET "$EDIT_URL" -H "$(as "$STAFF")"
  py names "$B" "$EDIT_URL" | grep -v -x -e csrf -e action >"$WORK/field-names.txt"
  [ -s "$WORK/field-names.txt" ] || setup_failed "no field on the edit form $EDIT_URL"
  http GET /recherche/experiences -H "$(as "$RESEARCHER")"
  CODING_URL=$(py links "$B" '^/recherche/experiences/[^/]+/codage$' | head -1)
}

# ---------------------------------------------------------------------------------------------
# Attacks

attack_crash() {
  local p
  for p in 9223372036854775807 -9223372036854775808 99999999999999999999 4611686018427387904; do
    http GET "$RESPONSES_URL?page=$p" -H "$(as "$STAFF")"
    if [ "$CODE" = 000 ]; then
      crashed "page=$p" || issue "page=$p: no answer"
    elif [ "$CODE" -ge 500 ]; then
      issue "page=$p: HTTP $CODE"
    fi
  done
  local token
  next_token; token=$TOKEN
  for p in 9223372036854775807 -1 99999999999999999999; do
    http GET "/r/$token/page/$p"
    if [ "$CODE" = 000 ]; then crashed "/r/TOKEN/page/$p" || issue "/r/TOKEN/page/$p: no answer"
    elif [ "$CODE" -ge 500 ]; then issue "/r/TOKEN/page/$p: HTTP $CODE"; fi
  done
}

attack_open_redirect() {
  local suite
  # As typed in the address: /<TAB>/evil.example, //evil.example, /\evil.example, https://evil.example,
  # %2F%2Fevil.example (once and twice encoded), ///evil.example, /<CR><LF>Set-Cookie:…, a leading
  # space, and a path that becomes //evil.example once its dots are resolved.
  for suite in '%2F%09%2Fevil.example' '//evil.example' '%2F%5Cevil.example' 'https%3A%2F%2Fevil.example' \
    '%2F%2Fevil.example' '%252F%252Fevil.example' '%2F%2F%2Fevil.example' '%2F%0D%0ASet-Cookie%3A%20x%3D1' \
    '%20%2F%2Fevil.example' '%2Fgestion%2F..%2F%2Fevil.example'; do
    if ! login redirect-user "$PW_redirect_user" "$suite"; then
      issue "suite=$suite: login failed (HTTP $LOGIN_CODE)"
      continue
    fi
    if ! safe_location "$LOGIN_LOCATION"; then
      issue "suite=$suite: Location $(printf '%q' "$LOGIN_LOCATION")"
    fi
    if py header "$H" set-cookie >/dev/null && grep -qi '^set-cookie: *x=1' "$H"; then
      issue "suite=$suite: header injection (Set-Cookie: x=1)"
    fi
  done
}

attack_formula() {
  local found
  # The non-respondents CSV of the staff dashboard (route found on the dashboard).
  http GET "$NONRESP_URL" -H "$(as "$STAFF")"
  if [ "$CODE" != 200 ]; then
    issue "non-respondents CSV: HTTP $CODE"
  else
    cp "$B" "$WORK/non-respondents.csv"
    found=$(py csv-cells "$WORK/non-respondents.csv" ';' | head -3 | paste -sd' ' -)
    [ -n "$found" ] && issue "non-respondents CSV: $found"
    [ -n "$FORMULA_CONTACTS_REFUSED" ] || grep -q formula1@example.org "$WORK/non-respondents.csv" ||
      issue "non-respondents CSV: the hostile contacts are missing (test inconclusive)"
  fi
  # invite --out
  found=$(py csv-cells "$WORK/links.csv" ',' | head -3 | paste -sd' ' -)
  [ -n "$found" ] && issue "invite --out: $found"
  # export responses --excel (the hostile answers were imported at set-up)
  if cli export responses --survey coordination --excel --out "$WORK/export-excel.csv" >/dev/null; then
    found=$(py csv-cells "$WORK/export-excel.csv" ';' | head -3 | paste -sd' ' -)
    [ -n "$found" ] && issue "export --excel: $found"
  else
    issue "export responses --excel failed"
  fi
}

attack_blank_500() {
  local path sess what missing
  for what in "/regles/coordination/UNKNOWN.js|" "/regles/coordination/0.0.0-inconnue.js|" \
    "/recherche/experiences?q=%00|$RESEARCHER" "/recherche/experiences?q=a%00b|$RESEARCHER"; do
    path=${what%%|*}
    sess=${what#*|}
    if [ -n "$sess" ]; then http GET "$path" -H "$(as "$sess")"; else http GET "$path"; fi
    if [ "$CODE" != 404 ] && [ "$CODE" != 400 ]; then
      issue "$path: HTTP $CODE$([ -s "$B" ] || echo ', empty body')"
      continue
    fi
    is_french_page || issue "$path: no French HTML page"
    missing=$(missing_headers)
    [ -n "$missing" ] && issue "$path: missing $missing"
  done
}

attack_head() {
  local path
  for path in / /connexion; do
    http HEAD "$path"
    [ "$CODE" = 200 ] || issue "HEAD $path: HTTP $CODE"
  done
}

attack_roles() {
  local path first loc
  first=$RESPONSE_URL
  # Researcher: no dashboard, no responses, no non-respondents list, no reports.
  http GET /gestion -H "$(as "$RESEARCHER")"
  loc=$(location)
  if [ "$CODE" != 403 ] && ! [[ $CODE == 30* && $loc != /gestion* && $loc == /* ]]; then
    issue "researcher GET /gestion: HTTP $CODE${loc:+ → $loc}"
  fi
  for path in "$DASHBOARD" "$RESPONSES_URL" "$first" "$EDIT_URL" "$NONRESP_URL" /gestion/rapports /gestion/rapports/rapports.zip; do
    http GET "$path" -H "$(as "$RESEARCHER")"
    [ "$CODE" = 403 ] || issue "researcher GET $path: HTTP $CODE"
  done
  post "$EDIT_URL" "csrf=$RESEARCHER_CSRF" -H "$(as "$RESEARCHER")"
  [ "$CODE" = 403 ] || issue "researcher POST edit: HTTP $CODE"
  post /gestion/rapports/regenerer "csrf=$RESEARCHER_CSRF" -H "$(as "$RESEARCHER")"
  [ "$CODE" = 403 ] || issue "researcher POST /gestion/rapports/regenerer: HTTP $CODE"
  # No session: back to the login page.
  for path in /gestion "$DASHBOARD" "$RESPONSES_URL" "$first" "$NONRESP_URL" /gestion/rapports /recherche/experiences \
    /recherche/desaccords ${CODING_URL:+"$CODING_URL"}; do
    http GET "$path"
    loc=$(location)
    [[ $CODE == 30* && $loc == /connexion* ]] || issue "no session GET $path: HTTP $CODE${loc:+ → $loc}"
  done
  post "$EDIT_URL" "csrf=x"
  loc=$(location)
  [[ ($CODE == 30* && $loc == /connexion*) || $CODE == 403 ]] || issue "no session POST edit: HTTP $CODE"
  # Staff: no coding (docs/web.md: coding is for researchers and admins).
  http GET /recherche/desaccords -H "$(as "$STAFF")"
  [ "$CODE" = 403 ] || issue "staff GET /recherche/desaccords: HTTP $CODE"
  if [ -n "$CODING_URL" ]; then
    http GET "$CODING_URL" -H "$(as "$STAFF")"
    [ "$CODE" = 403 ] || issue "staff GET $CODING_URL: HTTP $CODE"
    http GET "$CODING_URL" -H "$(as "$RESEARCHER")"
    local criterion
    criterion=$(py forms "$B" | awk -F'\t' '$1 ~ /codage\// {print $1; exit}')
    if [ -n "$criterion" ]; then
      post "$criterion" "csrf=$STAFF_CSRF&level=1&excerpts=&memo=staff" -H "$(as "$STAFF")"
      [ "$CODE" = 403 ] || issue "staff POST $criterion: HTTP $CODE"
    fi
  else
    issue "no experience to code on /recherche/experiences (coding pages not checked)"
  fi
}

attack_csrf() {
  local body fake
  http GET "$EDIT_URL" -H "$(as "$STAFF")"
  fake=$(py make-token "$STAFF_CSRF")
  local before
  before=$(db "SELECT COUNT(*) FROM response_edit")
  local variant label
  for variant in "-csrf|without csrf" "csrf=$fake|with a made-up csrf" "csrf=|with an empty csrf" \
    "csrf=$ADMIN_CSRF|with another session's csrf"; do
    label=${variant#*|}
    body=$(py body "$B" "$EDIT_URL" "${variant%%|*}" "commune_epci=csrf-probe")
    post "$EDIT_URL" "$body" -H "$(as "$STAFF")"
    [ "$CODE" = 403 ] || issue "response edit $label: HTTP $CODE"
    http GET "$EDIT_URL" -H "$(as "$STAFF")"
  done
  [ "$(db "SELECT COUNT(*) FROM response_edit")" = "$before" ] || issue "a forged edit was saved"
  db "SELECT COUNT(*) FROM responses_coordination WHERE commune_epci = 'csrf-probe'" | grep -qx 0 || issue "a forged edit changed a response"
  # Logout without / with a wrong token, on a session of its own.
  if login csrf-user "$PW_csrf_user"; then
    local own=$LOGIN_SESSION
    post /deconnexion "" -H "$(as "$own")"
    [ "$CODE" = 403 ] || issue "logout without csrf: HTTP $CODE"
    post /deconnexion "csrf=$fake" -H "$(as "$own")"
    [ "$CODE" = 403 ] || issue "logout with a wrong csrf: HTTP $CODE"
    session_valid "$own" || issue "a forged logout ended the session"
  else
    issue "csrf-user login failed (HTTP $LOGIN_CODE)"
  fi
  # Researcher coding without token, staff report regeneration without token.
  if [ -n "$CODING_URL" ]; then
    http GET "$CODING_URL" -H "$(as "$RESEARCHER")"
    local criterion
    criterion=$(py forms "$B" | awk -F'\t' '$1 ~ /codage\// {print $1; exit}')
    post "$criterion" "level=1&excerpts=&memo=forged" -H "$(as "$RESEARCHER")"
    [ "$CODE" = 403 ] || issue "coding without csrf: HTTP $CODE"
  fi
  post /gestion/rapports/regenerer "" -H "$(as "$STAFF")"
  [ "$CODE" = 403 ] || issue "report regeneration without csrf: HTTP $CODE"
  # The erasure of a response (admins, when the binary has it): a GET or a forged POST erases nothing.
  http GET "$RESPONSE_URL/effacer" -H "$(as "$ADMIN")"
  if [ "$CODE" != 404 ]; then
    local victim_id
    victim_id=$(db "SELECT COUNT(*) FROM responses_coordination")
    post "$RESPONSE_URL/effacer" "motif=forged" -H "$(as "$ADMIN")"
    [ "$CODE" = 403 ] || issue "erasure without csrf: HTTP $CODE"
    post "$RESPONSE_URL/effacer" "csrf=$fake&motif=forged" -H "$(as "$ADMIN")"
    [ "$CODE" = 403 ] || issue "erasure with a made-up csrf: HTTP $CODE"
    post "$RESPONSE_URL/effacer" "csrf=$STAFF_CSRF&motif=forged" -H "$(as "$ADMIN")"
    [ "$CODE" = 403 ] || issue "erasure with another session's csrf: HTTP $CODE"
    [ "$(db "SELECT COUNT(*) FROM responses_coordination")" = "$victim_id" ] || issue "a response was erased by a GET or a forged POST"
    post "$RESPONSE_URL/effacer" "csrf=$STAFF_CSRF&motif=forged" -H "$(as "$STAFF")"
    [[ $CODE == 403 || $CODE == 404 ]] || issue "erasure by a staff account: HTTP $CODE"
  fi
  # Login: the double-submit pair must be complete and equal (wrong password: 401 would mean the
  # CSRF check was passed).
  http GET /connexion
  local cookie field
  cookie=$(py cookie "$H" fabrique_connexion)
  field=$(py field "$B" /connexion csrf)
  post /connexion "name=csrf-user&password=wrong-password-123"
  [ "$CODE" = 403 ] || issue "login without cookie and field: HTTP $CODE"
  post /connexion "name=csrf-user&password=wrong-password-123" -H "Cookie: fabrique_connexion=$cookie"
  [ "$CODE" = 403 ] || issue "login with the cookie but no field: HTTP $CODE"
  post /connexion "csrf=$field&name=csrf-user&password=wrong-password-123"
  [ "$CODE" = 403 ] || issue "login with the field but no cookie: HTTP $CODE"
  post /connexion "csrf=$(py make-token "$field")&name=csrf-user&password=wrong-password-123" -H "Cookie: fabrique_connexion=$cookie"
  [ "$CODE" = 403 ] || issue "login with a field unlike the cookie: HTTP $CODE"
}

attack_cookie_planting() {
  http GET /connexion
  local real made body
  real=$(py cookie "$H" fabrique_connexion) || { issue "no fabrique_connexion cookie on /connexion"; return; }
  made=$(py make-token "$real")
  # The attacker planted fabrique_connexion=$made (e.g. from a sibling subdomain) and posts a form
  # whose csrf field is the same value, with the attacker's own credentials.
  body=$(py body "$B" /connexion "csrf=$made" "name=csrf-user" "password=$PW_csrf_user")
  post /connexion "$body" -H "Cookie: fabrique_connexion=$made"
  if [ "$CODE" != 403 ]; then
    if py cookie "$H" fabrique_session >/dev/null; then
      issue "a made-up cookie value was accepted: HTTP $CODE, logged in (session cookie set)"
    else
      issue "a made-up cookie value passed the CSRF check: HTTP $CODE"
    fi
  fi
}

# no_raw_xss WHERE: the last page shows neither payload unescaped.
no_raw_xss() {
  grep -qF "$XSS1" "$B" && issue "$1: <script> unescaped"
  grep -qF '<img src=x onerror' "$B" && issue "$1: <img onerror> unescaped"
  grep -qF '"><img' "$B" && issue "$1: attribute broken out (\"><img)"
  return 0
}

attack_xss() {
  # 1. A response imported with script-like answers and id: list, detail, edit form.
  local xss_id xss_url page found=""
  xss_id=$(db "SELECT response_id FROM responses_coordination WHERE response_id LIKE 'xss-%'")
  for page in 1 2 3 4; do
    http GET "$RESPONSES_URL?page=$page" -H "$(as "$STAFF")"
    no_raw_xss "response list page $page"
    xss_url=$(py links "$B" "^$RESPONSES_URL/xss-" | head -1)
    [ -n "$xss_url" ] && { found=1; break; }
  done
  [ -n "$found" ] || { issue "the imported script-like response is not on the list (test inconclusive)"; xss_url="$RESPONSES_URL/$(py quote "$xss_id")"; }
  http GET "$xss_url" -H "$(as "$STAFF")"
  [ "$CODE" = 200 ] || issue "detail of the script-like response: HTTP $CODE"
  no_raw_xss "response detail"
  grep -qF '&lt;script&gt;' "$B" || [ "$CODE" != 200 ] || issue "response detail: payload not shown escaped (inconclusive)"
  http GET "$xss_url/modifier" -H "$(as "$STAFF")"
  no_raw_xss "response edit form"
  # 2. A response submitted on the web form with the same payloads.
  local token before after web_id
  next_token; token=$TOKEN
  submit_full "$token" 1 "commune_epci=$XSS1" "participation_exemple=$XSS2"
  if [[ $CODE == 30* ]]; then
    web_id=$(db "SELECT response_id FROM responses_coordination WHERE participation_exemple = ?" "$XSS2" | head -1)
    if [ -n "$web_id" ]; then
      http GET "$RESPONSES_URL/$(py quote "$web_id")" -H "$(as "$STAFF")"
      no_raw_xss "web response detail"
      http GET "$RESPONSES_URL/$(py quote "$web_id")/modifier" -H "$(as "$STAFF")"
      no_raw_xss "web response edit form"
    fi
  else
    issue "web submission with the payloads: HTTP $CODE $(field_error commune_epci)"
  fi
  # 3. A contact named <script>…: the respondent's form page greets them by name.
  local xss_token
  xss_token=$(cat "$WORK/xss-token.txt")
  http GET "/r/$xss_token/page/0"
  [ "$CODE" = 200 ] || http GET "/r/$xss_token"
  no_raw_xss "respondent page of a script-like contact"
  # 4. A browser name (User-Agent) shown on a sessions page, if the app has one.
  if login csrf-user "$PW_csrf_user" "" -H "User-Agent: $XSS2"; then
    local ua_session=$LOGIN_SESSION sessions_url
    http GET /recherche/experiences -H "$(as "$ua_session")"
    sessions_url=$(py links "$B" 'session' | head -1)
    if [ -n "$sessions_url" ]; then
      http GET "$sessions_url" -H "$(as "$ua_session")"
      no_raw_xss "sessions page (User-Agent)"
    fi
  fi
  # 5. The report pages made from those answers (standalone HTML, served under /gestion/rapports).
  local report
  for report in "$WORK"/reports/*.html; do
    [ -e "$report" ] || continue
    grep -qF -e "$XSS1" -e '<img src=x onerror' "$report" && issue "report ${report##*/}: payload unescaped"
  done
  # 6. The search box echoes its query.
  http GET "/recherche/experiences?q=$(py quote "$XSS2")" -H "$(as "$RESEARCHER")"
  no_raw_xss "experience search"
  http GET "/connexion?suite=$(py quote "/$XSS2")"
  no_raw_xss "login page next field"
}

LAST_SUBMITTED_TOKEN=""
attack_token_reuse() {
  local token count_before count_after missing_body unknown_body
  next_token; token=$TOKEN
  http GET "/r/$token"
  [[ $CODE == 30* ]] || issue "fresh link: HTTP $CODE (test inconclusive)"
  submit_full "$token" 2 "budget_total=424242" "part_ars=0.999"
  if ! [[ $CODE == 30* && $(location) == /recu/* ]]; then
    issue "first submission refused: HTTP $CODE $(py errors "$B" | head -2 | cut -f2 | paste -sd' ' -) (test inconclusive)"
    return
  fi
  LAST_SUBMITTED_TOKEN=$token
  local receipt
  receipt=$(location)
  http GET "$receipt"
  [ "$CODE" = 200 ] || issue "receipt page: HTTP $CODE"
  count_before=$(db "SELECT COUNT(*) FROM responses_coordination")
  http GET "/r/$token"
  [ "$CODE" = 404 ] || issue "GET after submission: HTTP $CODE"
  cp "$B" "$WORK/used-404.html"
  http GET "/r/$token/page/0"
  [ "$CODE" = 404 ] || issue "GET page 0 after submission: HTTP $CODE"
  http GET "/r/$token/relecture"
  [ "$CODE" = 404 ] || issue "GET review after submission: HTTP $CODE"
  submit_full "$token" 3
  [ "$CODE" = 404 ] || issue "second POST envoi: HTTP $CODE"
  post "/r/$token/page/0" "commune_epci=second"
  [ "$CODE" = 404 ] || issue "POST page 0 after submission: HTTP $CODE"
  count_after=$(db "SELECT COUNT(*) FROM responses_coordination")
  [ "$count_before" = "$count_after" ] || issue "a second response was stored ($count_before → $count_after)"
  # The same 404 page as an unknown or malformed link (nobody can tell a used link).
  http GET "/r/$(py make-token "$token")"
  cmp -s "$B" "$WORK/used-404.html" || issue "a used link's 404 differs from an unknown link's"
  http GET "/r/x"
  cmp -s "$B" "$WORK/used-404.html" || issue "a used link's 404 differs from a malformed link's"
}

attack_calculated() {
  [ -n "$LAST_SUBMITTED_TOKEN" ] || { issue "no submission to check (token reuse attack failed first)"; return; }
  local stored
  stored=$(db "SELECT COUNT(*) FROM responses_coordination WHERE CAST(budget_total AS TEXT) LIKE '424242%' OR CAST(part_ars AS TEXT) = '0.999'")
  [ "$stored" = 0 ] || issue "a calculated value posted by the respondent was stored ($stored responses)"
}

attack_traversal() {
  local path sess
  for path in '/static/..%2F..%2FPackage.swift' '/static/%2e%2e/%2e%2e/Package.swift' '/static/%2e%2e%2f%2e%2e%2fPackage.swift' \
    '/static/../../Package.swift' '/static/..%5c..%5cPackage.swift' '/static/%252e%252e%252fPackage.swift' \
    '/regles/..%2F/x.js' '/regles/coordination/..%2F..%2FPackage.swift%00.js' '/regles/%2e%2e/coordination.js' \
    '/static/' '/static/fabrique.css%00.swift' \
    '@/gestion/rapports/fichiers/..%2F..%2FPackage.swift' '@/gestion/rapports/fichiers/../../Package.swift.md' \
    '@/gestion/rapports/fichiers/%2e%2e/%2e%2e/%2e%2e/etc/passwd.md' '@/gestion/rapports/fichiers/dossiers/..%2F..%2F..%2FREADME.md'; do
    sess=""
    if [[ $path == @* ]]; then path=${path#@}; sess=$STAFF; fi
    if [ -n "$sess" ]; then http GET "$path" -H "$(as "$sess")"; else http GET "$path"; fi
    if grep -qa -e 'swift-tools-version' -e 'PackageDescription' -e 'root:x:0:0' -e '^# fabrique' "$B"; then
      issue "$path: FILE CONTENTS served (HTTP $CODE)"
    elif [ "$CODE" != 404 ] && [ "$CODE" != 400 ]; then
      issue "$path: HTTP $CODE"
    fi
  done
}

attack_sqli() {
  local inj total n
  inj=$(py quote "' OR 1=1 --")
  http GET "$RESPONSES_URL" -H "$(as "$STAFF")"
  total=$(py count "$B" 'sur ([0-9]+)')
  for param in "region=$inj" "origine=$inj" "region=44$(py quote "' --")" "region=$(py quote '44" OR "1"="1')"; do
    http GET "$RESPONSES_URL?$param" -H "$(as "$STAFF")"
    if [ "$CODE" != 200 ]; then issue "responses ?$param: HTTP $CODE"; continue; fi
    n=$(py count "$B" 'sur ([0-9]+)' || echo 0)
    [ "$n" = 0 ] || issue "responses ?$param: $n rows (of $total)"
  done
  http GET "$NONRESP_URL?region=$inj" -H "$(as "$STAFF")"
  if [ "$CODE" != 200 ]; then issue "non-respondents ?region=injection: HTTP $CODE"
  else
    n=$(python3 -c 'import sys; print(sum(1 for l in open(sys.argv[1], encoding="utf-8-sig") if l.strip()) - 1)' "$B")
    [ "$n" = 0 ] || issue "non-respondents ?region=injection: $n rows"
  fi
  http GET "/recherche/experiences" -H "$(as "$RESEARCHER")"
  local all
  all=$(py count "$B" '([0-9]+) fiches?' || echo 0)
  for param in "q=$inj" "q=$(py quote '" OR 1=1 --')" "q=$(py quote '*')" "q=$(py quote 'a NEAR(b c)')" "q=$(py quote '^sante')" \
    "region=$inj" "theme=$inj" "demarche=$inj"; do
    http GET "/recherche/experiences?$param" -H "$(as "$RESEARCHER")"
    if [ "$CODE" != 200 ]; then issue "search ?$param: HTTP $CODE"; continue; fi
    n=$(py count "$B" '([0-9]+) fiches?' || echo 0)
    if [[ $param != q=%2A && $param != q=%5Esante ]] && [ "$all" -gt 0 ] && [ "$n" -ge "$all" ]; then
      issue "search ?$param: all $n fiches"
    fi
  done
}

attack_oversized() {
  head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'a' | sed 's/^/x=/' >"$WORK/big"
  local token
  next_token; token=$TOKEN
  local what path chunked
  for what in "/connexion|" "/r/$token/page/0|" "/r/$token/page/0|chunked" "/r/$token/envoi|"; do
    path=${what%%|*}
    chunked=${what#*|}
    if [ -n "$chunked" ]; then
      http POST "$path" -H 'Content-Type: application/x-www-form-urlencoded' -H 'Transfer-Encoding: chunked' --data-binary "@$WORK/big"
    else
      http POST "$path" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$WORK/big"
    fi
    if [ "$CODE" = 000 ]; then crashed "2 MB POST $path" || issue "2 MB ${chunked:+chunked }POST $path: no answer"
    elif [ "$CODE" != 413 ]; then issue "2 MB ${chunked:+chunked }POST $path: HTTP $CODE"
    elif ! grep -q 'volumineux' "$B" || ! is_french_page; then issue "2 MB ${chunked:+chunked }POST $path: 413 without the French page"; fi
  done
}

attack_open_link_csrf() {
  local before after
  before=$(db "SELECT COUNT(*) FROM invitation WHERE kind = 'open'")
  http POST "/o/$OPEN_TOKEN" -H "Origin: $EVIL" -H 'Sec-Fetch-Site: cross-site' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary ''
  [ "$CODE" = 403 ] || issue "cross-site POST /o/TOKEN: HTTP $CODE$(location | sed 's|/r/.*|/r/…|; s|^| → |')"
  http POST "/o/$OPEN_TOKEN" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary ''
  [ "$CODE" = 403 ] || issue "POST /o/TOKEN without the form's token: HTTP $CODE"
  after=$(db "SELECT COUNT(*) FROM invitation WHERE kind = 'open'")
  [ "$before" = "$after" ] || issue "$((after - before)) invitation(s) created"
}

# A page-0 POST on a fresh link: the page's own fields (from its HTML), valid values, one override.
page0_post() {
  local token=$1 row=$2
  shift 2
  http GET "/r/$token/page/0"
  py names "$B" "/r/$token/page/0" | grep -v -x action >"$WORK/page0-names.txt"
  post "/r/$token/page/0" "$(py submission "$WORK/generated.csv" "$row" "$WORK/page0-names.txt" "$@")"
}

attack_nul_bidi() {
  local token char name message
  for char in NUL RLO; do
    # A form page, then the final submission, each on a fresh link.
    next_token; token=$TOKEN
    page0_post "$token" 4 "commune_epci=Metz{$char}Nord"
    message=$(field_error commune_epci)
    if [[ $CODE == 30* ]]; then :
    elif [ "$CODE" = 422 ] || [ "$CODE" = 400 ]; then
      [ -n "$message" ] || [ "$CODE" = 400 ] || issue "$char on a form page: HTTP $CODE without a message at the question"
    else issue "$char on a form page: HTTP $CODE"; fi
    next_token; token=$TOKEN
    submit_full "$token" 5 "commune_epci=Metz{$char}Nord" "participation_exemple=abc{$char}def"
    message=$(field_error commune_epci)
    if [ "$CODE" = 000 ] || [ "$CODE" -ge 500 ]; then issue "$char in a submission: HTTP $CODE"
    elif [ "$CODE" = 422 ] && [ -z "$message" ]; then issue "$char in a submission: HTTP 422 without a message at the question"; fi
  done
  # The staff edit form too.
  http GET "$EDIT_URL" -H "$(as "$STAFF")"
  post "$EDIT_URL" "$(py body "$B" "$EDIT_URL" "commune_epci=Staff{RLO}edit")" -H "$(as "$STAFF")"
  [ "$CODE" -lt 500 ] 2>/dev/null || issue "U+202E in a staff edit: HTTP $CODE"
  local raw count
  raw=$(py bad-chars "$DB")
  count=$(grep -c . <<<"$raw")
  [ -n "$raw" ] && issue "stored raw in the database ($count values): $(head -2 <<<"$raw" | paste -sd';' - | sed 's/;/; /')"
}

attack_integer() {
  local token message stored
  next_token; token=$TOKEN
  submit_full "$token" 6 "population_couverte=1 2"
  message=$(field_error population_couverte)
  if [[ $CODE == 30* ]]; then
    stored=$(db "SELECT population_couverte FROM invitation i JOIN responses_coordination r ON r.response_id = i.response_id WHERE i.submitted_at IS NOT NULL ORDER BY i.submitted_at DESC, i.id DESC LIMIT 1")
    issue "\"1 2\" accepted (stored as ${stored:-?})"
  elif [ "$CODE" = 422 ]; then
    [ -n "$message" ] || issue "\"1 2\" refused without a message at the question"
  else
    issue "\"1 2\": HTTP $CODE"
  fi
  next_token; token=$TOKEN
  submit_full "$token" 7 "population_couverte=9223372036854775807"
  message=$(field_error population_couverte)
  if [ "$CODE" = 000 ] || [ "$CODE" -ge 500 ]; then
    issue "9223372036854775807: HTTP $CODE"
  elif [[ $CODE == 30* ]]; then
    issue "9223372036854775807 accepted"
  elif ! grep -qi 'trop grand' <<<"$message"; then
    issue "9223372036854775807: message « ${message#*: } » (no « trop grand »)"
  fi
  next_token; token=$TOKEN
  submit_full "$token" 8 "population_couverte=99999999999999999999999"
  { [ "$CODE" = 000 ] || [ "$CODE" -ge 500 ]; } && issue "a 23-digit integer: HTTP $CODE"
}

attack_cookie_flags() {
  local attrs
  attrs=$(py cookie-attrs "$ADMIN_LOGIN_HEADERS" fabrique_session | paste -sd' ' -)
  [[ " $attrs " == *" httponly "* ]] || issue "session cookie without HttpOnly ($attrs)"
  [[ $attrs == *samesite=lax* || $attrs == *samesite=strict* ]] || issue "session cookie without SameSite=Lax/Strict ($attrs)"
  [[ $attrs == *"path=/"* ]] || issue "session cookie without Path=/"
  local age
  age=$(grep -o 'max-age=[0-9]*' <<<"$attrs" | cut -d= -f2)
  [ -n "$age" ] && [ "$age" -gt 28800 ] && issue "session cookie Max-Age $age > 8 h"
  http GET /connexion
  attrs=$(py cookie-attrs "$H" fabrique_connexion | paste -sd' ' -)
  [[ " $attrs " == *" httponly "* ]] || issue "login CSRF cookie without HttpOnly ($attrs)"
  [[ $attrs == *samesite=* ]] || issue "login CSRF cookie without SameSite ($attrs)"
}

attack_headers() {
  local what path sess missing cc token
  next_token; token=$TOKEN
  for what in "/|" "/connexion|" "/inexistant|" "/r/$token/page/0|" "/static/fabrique.css|" "$DASHBOARD|$STAFF" \
    "$RESPONSE_URL|$STAFF" "$NONRESP_URL|$STAFF" "$DASHBOARD|$RESEARCHER" "/recherche/experiences|$RESEARCHER"; do
    path=${what%%|*}
    sess=${what#*|}
    if [ -n "$sess" ]; then http GET "$path" -H "$(as "$sess")"; else http GET "$path"; fi
    missing=$(missing_headers)
    [ -n "$missing" ] && issue "$path (HTTP $CODE): missing $missing"
    if [ -n "$sess" ] || [[ $path == /r/* ]]; then
      cc=$(py header "$H" cache-control)
      [[ $cc == *no-store* ]] || issue "$path: Cache-Control ${cc:-absent}"
    fi
  done
  http GET /connexion
  [[ $(py header "$H" content-security-policy) == *"script-src 'self'"* ]] || issue "CSP without script-src 'self'"
  [[ $(py header "$H" content-security-policy) == *unsafe-inline* ]] && issue "CSP allows unsafe-inline"
  [[ $(py header "$H" referrer-policy) == no-referrer ]] || issue "Referrer-Policy is not no-referrer (tokens live in URLs)"
}

attack_host_header() {
  local loc
  http GET /gestion -H 'Host: evil.example'
  loc=$(location)
  [[ $loc == *evil.example* ]] && issue "GET /gestion with Host evil.example → $loc"
  http GET "/o/$OPEN_TOKEN" -H 'Host: evil.example'
  grep -q 'evil.example' "$B" && issue "open link page mentions the forged Host"
  http GET /connexion -H 'Host: evil.example' -H 'X-Forwarded-Host: evil.example'
  grep -q 'evil.example' "$B" && issue "login page mentions the forged Host"
  return 0
}

attack_huge_header() {
  local big
  big=$(head -c 100000 /dev/zero | tr '\0' 'a')
  http GET / -H "Cookie: fabrique_session=$big"
  [ "$CODE" = 000 ] && crashed "100 KB Cookie header" && return
  [ "$CODE" -ge 500 ] 2>/dev/null && [ "$CODE" != 000 ] && issue "100 KB Cookie header: HTTP $CODE"
  http GET /connexion -H "X-Long: $big$big"
  [ "$CODE" = 000 ] && crashed "200 KB header" && return
  return 0
}

attack_invalid_utf8() {
  local token
  next_token; token=$TOKEN
  post "/r/$token/page/0" "commune_epci=%FF%FE%80%C0%AF&annee_creation=%FF"
  { [ "$CODE" = 000 ] || [ "$CODE" -ge 500 ]; } && issue "invalid UTF-8 on a form page: HTTP $CODE"
  post /connexion "csrf=%FF&name=%C0%AF&password=%FF"
  { [ "$CODE" = 000 ] || [ "$CODE" -ge 500 ]; } && issue "invalid UTF-8 on the login: HTTP $CODE"
  http GET "/recherche/experiences?q=%FF%FE" -H "$(as "$RESEARCHER")"
  { [ "$CODE" = 000 ] || [ "$CODE" -ge 500 ]; } && issue "invalid UTF-8 in the search: HTTP $CODE"
  http GET "/r/%FF%FE"
  { [ "$CODE" = 000 ] || [ "$CODE" -ge 500 ]; } && issue "invalid UTF-8 in a path: HTTP $CODE"
  return 0
}

attack_trace() {
  http TRACE / -H 'X-Echo: secret-cookie-value'
  [ "$CODE" = 200 ] && grep -q 'secret-cookie-value' "$B" && issue "TRACE echoes the request"
  [ "$CODE" = 000 ] && crashed "TRACE" && return
  return 0
}

BCRYPT_OLD_SESSION=""
PASSWORD_CHANGED=""
# set_password NAME PASSWORD: `fabrique user passwd` (the password on standard input).
set_password() { echo "$2" | cli user passwd "$1" >/dev/null; }

attack_bcrypt() {
  if login bcrypt-user "$PW_bcrypt_user"; then BCRYPT_OLD_SESSION=$LOGIN_SESSION; fi
  local long tail
  long=$(py make-token "$(printf '%080d' 0)")
  tail=$(py make-token 12345678)
  if set_password bcrypt-user "$long"; then
    PASSWORD_CHANGED=1
    PW_bcrypt_user=$long
  else
    # An 80-byte password is refused when it is set; the login must then refuse anything past
    # 72 bytes too, or a 72-byte password would open with any tail.
    long=${long:0:72}
    set_password bcrypt-user "$long" || { issue "neither an 80- nor a 72-character password can be set"; return; }
    PASSWORD_CHANGED=1
    PW_bcrypt_user=$long
  fi
  if login bcrypt-user "${long:0:72}$tail"; then
    issue "logged in with the right first 72 bytes and another tail (HTTP $LOGIN_CODE)"
  fi
  if ! login bcrypt-user "$long"; then
    issue "the right ${#long}-character password does not log in (HTTP $LOGIN_CODE; test inconclusive)"
  fi
}

attack_passwd_ends_sessions() {
  [ -n "$BCRYPT_OLD_SESSION" ] || { issue "no session from before the password change (bcrypt-user login failed)"; return; }
  [ -n "$PASSWORD_CHANGED" ] || { issue "the password could not be changed (test inconclusive)"; return; }
  session_valid "$BCRYPT_OLD_SESSION" && issue "a session opened before 'user passwd' still works"
  return 0
}

SECOND_SESSION=""
attack_session_fixation() {
  login session-user "$PW_session_user" || { issue "first login failed (HTTP $LOGIN_CODE)"; return; }
  local first=$LOGIN_SESSION chosen
  chosen=$(py make-token "$first")
  # The second login (another browser) carries a session id chosen by the client: never adopted.
  login session-user "$PW_session_user" "" -H "Cookie: fabrique_session=$chosen" || { issue "second login failed (HTTP $LOGIN_CODE)"; return; }
  SECOND_SESSION=$LOGIN_SESSION
  [ "$SECOND_SESSION" = "$chosen" ] && issue "the session id chosen by the client was adopted"
  [ "$SECOND_SESSION" != "$chosen" ] && session_valid "$chosen" && issue "the session id chosen by the client works"
  session_valid "$first" || return 0
  # The first session survives the second login: acceptable only if the user can see it and end
  # it from the second one (a sessions page, found from the navigation bar).
  http GET /recherche/experiences -H "$(as "$SECOND_SESSION")"
  local sessions_url
  sessions_url=$(py links "$B" 'session' | head -1)
  if [ -z "$sessions_url" ]; then
    issue "previous session still valid (and no page to see and end sessions)"
    return 0
  fi
  http GET "$sessions_url" -H "$(as "$SECOND_SESSION")"
  local action body ended=""
  for action in $(py forms "$B" | awk -F'\t' '$2 == "post" && $1 ~ /terminer/ {print $1}'); do
    body=$(py body "$B" "$action")
    post "$action" "$body" -H "$(as "$SECOND_SESSION")"
    [[ $CODE == 30* ]] && ended=1
    http GET "$sessions_url" -H "$(as "$SECOND_SESSION")"
  done
  [ -n "$ended" ] || issue "previous session still valid ($sessions_url offers no way to end it)"
  session_valid "$first" && issue "previous session still valid, even after ending it on $sessions_url"
  session_valid "$SECOND_SESSION" || { issue "ending the other sessions also ended the current one"; SECOND_SESSION=""; }
  return 0
}

# sessions_idor: a user ending sessions by number cannot end another account's session.
attack_sessions_idor() {
  login csrf-user "$PW_csrf_user" || { issue "csrf-user login failed (HTTP $LOGIN_CODE)"; return; }
  local own=$LOGIN_SESSION sessions_url id csrf victim
  http GET /recherche/experiences -H "$(as "$own")"
  sessions_url=$(py links "$B" 'session' | head -1)
  [ -n "$sessions_url" ] || return 0   # no sessions page: nothing to attack
  csrf=$(py field "$B" /deconnexion csrf)
  for id in $(seq 1 60); do
    post "$sessions_url/$id/terminer" "csrf=$csrf" -H "$(as "$own")"
  done
  for victim in ADMIN STAFF RESEARCHER; do
    session_valid "${!victim}" || issue "another account ended the ${victim,,} session through $sessions_url/ID/terminer"
  done
  return 0
}

attack_logout() {
  [ -n "$SECOND_SESSION" ] || { issue "no session to log out (session fixation attack failed first)"; return; }
  local csrf
  csrf=$(csrf_of "$SECOND_SESSION")
  post /deconnexion "csrf=$csrf" -H "$(as "$SECOND_SESSION")"
  [[ $CODE == 30* ]] || issue "logout: HTTP $CODE"
  session_valid "$SECOND_SESSION" && issue "the session still works after logout"
  return 0
}

attack_login_timing() {
  local i t unknown=() wrong=() s1 s2 p1 p2
  for i in 1 2 3; do
    t=$(date +%s%N); login "nobody-$i-$RANDOM" "wrong-password-$i"; unknown+=($(( ($(date +%s%N) - t) / 1000000 )))
    s1=$LOGIN_CODE; grep -o 'Identifiant ou mot de passe incorrect' "$B" >"$WORK/p1"
    t=$(date +%s%N); login timing-user "wrong-password-$i"; wrong+=($(( ($(date +%s%N) - t) / 1000000 )))
    s2=$LOGIN_CODE; grep -o 'Identifiant ou mot de passe incorrect' "$B" >"$WORK/p2"
    [ "$s1" = "$s2" ] || issue "unknown name HTTP $s1, wrong password HTTP $s2"
    cmp -s "$WORK/p1" "$WORK/p2" || issue "the messages differ"
  done
  local mu mw
  mu=$(printf '%s\n' "${unknown[@]}" | sort -n | sed -n 2p)
  mw=$(printf '%s\n' "${wrong[@]}" | sort -n | sed -n 2p)
  # Generous bound: the machine is shared; a missing decoy hash would be ~0 ms against ~100+ ms.
  [ "$mu" -ge $((mw / 3)) ] || issue "unknown name ${mu} ms against wrong password ${mw} ms (median of 3)"
}

attack_rate_limit_per_account() {
  local i refused=0
  for i in $(seq 1 25); do
    login victim-a "wrong-password-$i"
    [ "$LOGIN_CODE" = 429 ] && refused=$((refused + 1))
  done
  if ! login victim-b "$PW_victim_b"; then
    issue "after 25 failures on account A, account B's right password is refused (HTTP $LOGIN_CODE; $refused of A's attempts got 429)"
  fi
}

attack_xff_login() {
  local i code="" limited=""
  for i in $(seq 1 24); do
    login xff-user "wrong-password-$i" "" -H "X-Forwarded-For: 198.51.100.$i"
    code=$LOGIN_CODE
    if [ "$code" = 429 ] || grep -q 'Trop de tentatives' "$B"; then limited=$i; break; fi
  done
  [ -n "$limited" ] || issue "24 failed logins, each with a new X-Forwarded-For, never limited (last HTTP $code)"
}

attack_xff_open_link() {
  local i code="" limited="" cookies body
  for i in $(seq 1 34); do
    http GET "/o/$OPEN_TOKEN"
    cookies=$(py cookies "$H")
    body=$(py body "$B" "/o/$OPEN_TOKEN") || body=""
    post "/o/$OPEN_TOKEN" "$body" -H "Origin: $URL" -H "Cookie: $cookies" -H "X-Forwarded-For: 203.0.113.$i"
    code=$CODE
    if [ "$code" = 429 ]; then limited=$i; break; fi
    [[ $code == 30* ]] || { issue "start $i: HTTP $code"; return; }
  done
  [ -n "$limited" ] || issue "34 open-link starts, each with a new X-Forwarded-For, never limited"
}

attack_scope() {
  [ -n "$SCOPE_SUPPORTED" ] || return 0   # no `user scope` in this binary: nothing to attack
  local other inside outside slug other_slug sess n expected csrf
  other=$(db "SELECT region FROM responses_coordination WHERE region <> ? GROUP BY region ORDER BY COUNT(*) DESC LIMIT 1" "$SCOPE_REGION")
  inside=$(db "SELECT response_id FROM responses_coordination WHERE region = ? AND response_id LIKE 'S%' LIMIT 1" "$SCOPE_REGION")
  outside=$(db "SELECT response_id FROM responses_coordination WHERE region = ? AND response_id LIKE 'S%' LIMIT 1" "$other")
  slug=$(db "SELECT slug FROM region WHERE code = ?" "$SCOPE_REGION")
  other_slug=$(db "SELECT slug FROM region WHERE code = ?" "$other")
  login scoped-staff "$PW_scoped_staff" || { issue "scoped staff login failed (HTTP $LOGIN_CODE)"; return; }
  sess=$LOGIN_SESSION
  csrf=$(csrf_of "$sess")
  http GET "$RESPONSES_URL/$(py quote "$inside")" -H "$(as "$sess")"
  [ "$CODE" = 200 ] || issue "own region's response: HTTP $CODE (test inconclusive)"
  local suffix
  for suffix in "" /modifier; do
    http GET "$RESPONSES_URL/$(py quote "$outside")$suffix" -H "$(as "$sess")"
    [[ $CODE == 403 || $CODE == 404 ]] || issue "GET region $other's response$suffix: HTTP $CODE"
  done
  http GET "$RESPONSES_URL/$(py quote "$inside")/modifier" -H "$(as "$sess")"
  post "$RESPONSES_URL/$(py quote "$outside")/modifier" "$(py body "$B" "$RESPONSES_URL/$(py quote "$inside")/modifier" "commune_epci=scope-probe")" -H "$(as "$sess")"
  [[ $CODE == 403 || $CODE == 404 ]] || issue "POST edit of region $other's response: HTTP $CODE"
  db "SELECT COUNT(*) FROM responses_coordination WHERE commune_epci = 'scope-probe'" | grep -qx 0 || issue "region $other's response was edited"
  # Nor move one of its own responses into another region (it would write into that region's figures).
  local dep
  dep=$(db "SELECT code FROM departement WHERE region_code = ? ORDER BY code LIMIT 1" "$other")
  http GET "$RESPONSES_URL/$(py quote "$inside")/modifier" -H "$(as "$sess")"
  post "$RESPONSES_URL/$(py quote "$inside")/modifier" \
    "$(py body "$B" "$RESPONSES_URL/$(py quote "$inside")/modifier" "region=$other" "departement=$dep")" -H "$(as "$sess")"
  if [ "$(db "SELECT region FROM responses_coordination WHERE response_id = ?" "$inside")" = "$other" ]; then
    issue "a response of region $SCOPE_REGION was moved into region $other by the scoped account (HTTP $CODE)"
  fi
  http GET "$RESPONSES_URL" -H "$(as "$sess")"
  n=$(py count "$B" 'sur ([0-9]+)' || echo 0)
  expected=$(db "SELECT COUNT(*) FROM responses_coordination WHERE region = ?" "$SCOPE_REGION")
  [ "$n" = "$expected" ] || issue "response list: $n responses, $expected in region $SCOPE_REGION"
  http GET "$RESPONSES_URL?region=$other" -H "$(as "$sess")"
  if [ "$CODE" = 200 ]; then
    n=$(py count "$B" 'sur ([0-9]+)' || echo 0)
    [ "$n" = 0 ] || issue "response list ?region=$other: $n responses"
  elif [ "$CODE" != 403 ]; then issue "response list ?region=$other: HTTP $CODE"; fi
  local q
  for q in "" "?region=$other"; do
    http GET "$NONRESP_URL$q" -H "$(as "$sess")"
    if [ "$CODE" = 200 ]; then
      n=$(py csv-column "$B" ';' region | grep -v -x -c -- "$SCOPE_REGION")
      [ "$n" = 0 ] || issue "non-respondents$q: $n contacts of other regions"
    elif [ "$CODE" != 403 ]; then issue "non-respondents$q: HTTP $CODE"; fi
  done
  http GET "/gestion/rapports/fichiers/$slug.md" -H "$(as "$sess")"
  [ "$CODE" = 200 ] || issue "own region's report: HTTP $CODE (test inconclusive)"
  http GET "/gestion/rapports/fichiers/$other_slug.md" -H "$(as "$sess")"
  [[ $CODE == 403 || $CODE == 404 ]] || issue "region $other's report: HTTP $CODE"
  http GET "/gestion/rapports/fichiers/$other_slug.html" -H "$(as "$sess")"
  [[ $CODE == 403 || $CODE == 404 ]] || issue "region $other's report (HTML): HTTP $CODE"
  http GET /gestion/rapports/rapports.zip -H "$(as "$sess")"
  if [ "$CODE" = 200 ]; then
    local foreign
    foreign=$(python3 -c 'import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
slugs = set(sys.argv[3:]) - {sys.argv[2]}
print(" ".join(sorted({n.split("/")[1].split(".")[0] for n in names if n.count("/") >= 1 and n.split("/")[1].split(".")[0] in slugs})))' \
      "$B" "$slug" $(db "SELECT slug FROM region") 2>/dev/null)
    [ -n "$foreign" ] && issue "reports zip holds other regions' reports (${foreign:0:80})"
  fi
  post /gestion/rapports/regenerer "csrf=$csrf" -H "$(as "$sess")"
  [[ $CODE == 403 ]] || issue "report regeneration by a scoped account: HTTP $CODE"
  # A scoped administrator erases only within the scope.
  if login scoped-admin "$PW_scoped_admin"; then
    sess=$LOGIN_SESSION
    csrf=$(csrf_of "$sess")
    post "$RESPONSES_URL/$(py quote "$outside")/effacer" "csrf=$csrf&motif=scope" -H "$(as "$sess")"
    [[ $CODE == 403 || $CODE == 404 ]] || issue "scoped admin POST erase of region $other's response: HTTP $CODE"
    db "SELECT COUNT(*) FROM responses_coordination WHERE response_id = ?" "$outside" | grep -qx 1 || issue "region $other's response was erased"
  else
    issue "scoped admin login failed (HTTP $LOGIN_CODE)"
  fi
  # A scoped researcher codes only the fiches of the scope.
  local fiche
  fiche=$(db "SELECT slug FROM experience WHERE region_code <> ? LIMIT 1" "$SCOPE_REGION")
  if [ -n "$fiche" ] && login scoped-researcher "$PW_scoped_researcher"; then
    http GET "/recherche/experiences/$fiche/codage" -H "$(as "$LOGIN_SESSION")"
    [[ $CODE == 403 || $CODE == 404 ]] || issue "scoped researcher GET another region's fiche: HTTP $CODE"
  fi
}

# account_changes: `user disable` and `user role` act on open sessions at once (when the binary has them).
attack_account_changes() {
  local s
  if login disabled-user "$PW_disabled_user"; then
    s=$LOGIN_SESSION
    if cli user disable disabled-user >/dev/null 2>&1; then
      session_valid "$s" && issue "a disabled account's session still works"
      login disabled-user "$PW_disabled_user" && issue "a disabled account can log in (HTTP $LOGIN_CODE)"
    fi
  else
    issue "disabled-user login failed (HTTP $LOGIN_CODE)"
  fi
  if login demoted-user "$PW_demoted_user"; then
    s=$LOGIN_SESSION
    if cli user role demoted-user researcher >/dev/null 2>&1; then
      http GET "$RESPONSES_URL" -H "$(as "$s")"
      [[ $CODE == 403 || ($CODE == 30* && $(location) == /connexion*) ]] || issue "a staff session demoted to researcher still reads responses (HTTP $CODE)"
    fi
  else
    issue "demoted-user login failed (HTTP $LOGIN_CODE)"
  fi
}

attack_many_fields() {
  next_token
  python3 -c 'import sys; sys.stdout.write("a=&" * 250000)' >"$WORK/many"
  local t
  t=$(date +%s)
  http POST "/r/$TOKEN/page/0" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$WORK/many"
  if [ "$CODE" = 000 ]; then crashed "250,000 fields" || issue "250,000 fields: no answer within ${MAXTIME}s"
  elif [ "$CODE" -ge 500 ]; then issue "250,000 fields: HTTP $CODE"; fi
  [ $(($(date +%s) - t)) -le 10 ] || issue "250,000 fields took $(($(date +%s) - t)) s"
  return 0
}

# ---------------------------------------------------------------------------------------------

setup
echo "# fabrique security check: $BIN on $URL (work folder $WORK)" >&2
run "crash (huge page numbers)" attack_crash
run "open redirect after login" attack_open_redirect
run "formula injection in CSV exports" attack_formula
run "blank 500 (unknown script, NUL in search)" attack_blank_500
run "HEAD on GET routes" attack_head
run "roles" attack_roles
run "CSRF" attack_csrf
run "login CSRF cookie planting" attack_cookie_planting
run "XSS" attack_xss
run "token reuse" attack_token_reuse
run "calculated values not writable" attack_calculated
run "path traversal" attack_traversal
run "SQL injection" attack_sqli
run "oversized body" attack_oversized
run "many form fields" attack_many_fields
run "open link start CSRF" attack_open_link_csrf
run "NUL and bidi characters" attack_nul_bidi
run "integer parsing" attack_integer
run "cookie flags" attack_cookie_flags
run "security headers" attack_headers
run "host header" attack_host_header
run "huge header" attack_huge_header
run "invalid UTF-8" attack_invalid_utf8
run "TRACE" attack_trace
# Fresh in-memory login limits for the attacks that log in many times (same database).
restart_server || setup_failed "restart"
run "bcrypt 72 bytes" attack_bcrypt
run "password change ends sessions" attack_passwd_ends_sessions
run "session fixation / previous session" attack_session_fixation
run "logout ends the session" attack_logout
run "sessions page: no ending others' sessions" attack_sessions_idor
run "login timing (unknown name)" attack_login_timing
restart_server || setup_failed "restart"
run "region scope" attack_scope
run "disabled and demoted accounts" attack_account_changes
restart_server || setup_failed "restart"
run "login rate limit per account" attack_rate_limit_per_account
restart_server || setup_failed "restart"
run "X-Forwarded-For spoofing (login limit)" attack_xff_login
restart_server || setup_failed "restart"
run "X-Forwarded-For spoofing (open link limit)" attack_xff_open_link
summary
[ "$FAIL" -eq 0 ]
