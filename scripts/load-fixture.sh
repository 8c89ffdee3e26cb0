# Sourced by scripts/load-submit.sh and scripts/load-submit-pg.sh: the load's invited contacts and
# its one complete response, made in the database $DB with the binary $BIN, into $OUT.
#
#   invite_and_body CONTACTS   $CONTACTS invited contacts (links in $OUT/tokens.txt) and a complete
#                              valid response as a form body ($OUT/body.txt): every question on
#                              every page in one POST.
invite_and_body() {
  "$BIN" init --db "$DB" >/dev/null
  python3 - "$1" > "$OUT/contacts.csv" <<'PY'
import sys
print("name,email,organisation,region,departement,approaches")
for i in range(int(sys.argv[1])):
    print(f"Contact {i},contact{i}@example.org,CLS {i},44,67,CLS")
PY
  "$BIN" contacts import --db "$DB" "$OUT/contacts.csv" >/dev/null
  "$BIN" invite --db "$DB" --survey coordination --out "$OUT/links.csv" 2>/dev/null
  sed 1d "$OUT/links.csv" | sed 's|.*/r/||' > "$OUT/tokens.txt"
  "$BIN" demo generate-responses --db "$DB" --survey coordination --count 1 --seed 3 --as-of 2026-06-15 --out "$OUT/one.csv" 2>/dev/null
  python3 - "$OUT/one.csv" > "$OUT/body.txt" <<'PY'
import csv, sys, urllib.parse
row = next(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
row.pop("response_id", None)
print(urllib.parse.urlencode([(k, v) for k, v in row.items() if v]), end="")
PY
}
