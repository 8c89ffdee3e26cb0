#!/usr/bin/env python3
"""Parsing helpers for scripts/security-check.sh (standard library only).

Each subcommand reads files the shell script saved (an HTML page, response headers, a CSV, the
throwaway database) and prints a small, line-oriented answer on standard output. Exit status 0
means "found / fine", 1 "not found / not fine", 2 a usage error.

  forms FILE                        every form: "action<TAB>method<TAB>name=value ..." (debugging)
  field FILE ACTION NAME            the value of field NAME in the form posting to ACTION ('-' = first form)
  names FILE ACTION                 the field names of that form, one a line
  body FILE ACTION [NAME=VALUE...]  that form's fields (hidden, text, checked boxes) urlencoded, with overrides
                                    (-NAME drops a field; values may hold {NUL} {RLO} {TAB} {CR} {LF})
  links FILE REGEX                  the hrefs matching REGEX, one a line
  errors FILE                       the error summary of a page: "href<TAB>text" a line
  count FILE REGEX                  the first integer captured by REGEX (group 1) in the page's text
  cookie HEADERS NAME               the value of cookie NAME set by the response (last Set-Cookie)
  cookies HEADERS                   every cookie the response sets, as a Cookie header value
  quote VALUE                       VALUE percent-encoded for a URL (placeholders {NUL} {RLO} {TAB} {CR} {LF})
  cookie-attrs HEADERS NAME         the attributes of that Set-Cookie, lowercased, one a line
  header HEADERS NAME               the value of a response header (last occurrence)
  csv-cells FILE DELIM              cells a spreadsheet would run as a formula: "line L, column C: cell"
  csv-column FILE DELIM COLUMN      the values of a column, one a line
  submission ROWS.csv INDEX NAMESFILE [NAME=VALUE...]
                                    a urlencoded body: row INDEX of a generated responses CSV, limited
                                    to the field names in NAMESFILE, with overrides (NAME= drops a field)
  sql DB QUERY [ARGS...]            rows of a read query, tab-separated
  bad-chars DB                      draft and stored answers holding U+0000 or U+202E, one a line
  make-token LIKE                   a random token of the same length and alphabet as LIKE
"""
import csv
import html.parser
import json
import re
import secrets
import signal
import sqlite3
import sys
import urllib.parse


class Forms(html.parser.HTMLParser):
    """The forms of a page with their fields, and every link; also the text and the error summary."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.links = []
        self.text = []
        self.errors = []
        self._form = None
        self._textarea = None
        self._select = None
        self._in_errors = 0
        self._error_link = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": []}
            self.forms.append(self._form)
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
            if self._in_errors:
                self._error_link = [a["href"], ""]
        elif tag == "div" and "resume-erreurs" in a.get("class", ""):
            self._in_errors = 1
        elif tag == "div" and self._in_errors:
            self._in_errors += 1
        if self._form is None:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if "name" not in a or kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._form["fields"].append((a["name"], None, kind, a.get("value", "on")))
                return
            self._form["fields"].append((a["name"], a.get("value", ""), kind, a.get("value", "")))
        elif tag == "textarea" and "name" in a:
            self._textarea = [a["name"], ""]
        elif tag == "select" and "name" in a:
            self._select = {"name": a["name"], "value": None, "first": None}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["value"] = value
        elif tag == "button" and "name" in a:
            self._form["fields"].append((a["name"], None, "button", a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form["fields"].append((self._textarea[0], self._textarea[1], "textarea", self._textarea[1]))
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            s = self._select
            self._form["fields"].append((s["name"], s["value"] if s["value"] is not None else "", "select", s["first"] or ""))
            self._select = None
        elif tag == "a" and self._error_link is not None:
            self.errors.append(tuple(self._error_link))
            self._error_link = None
        elif tag == "div" and self._in_errors:
            self._in_errors -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._textarea is not None:
            self._textarea[1] += data
        if self._error_link is not None:
            self._error_link[1] += data


def parse(path):
    with open(path, "rb") as f:
        raw = f.read()
    page = Forms()
    page.feed(raw.decode("utf-8", errors="replace"))
    page.close()
    return page


def form(page, action):
    for f in page.forms:
        if action == "-" or f["action"] == action:
            return f
    return None


PLACEHOLDERS = {"{NUL}": "\x00", "{RLO}": "\u202e", "{TAB}": "\t", "{CR}": "\r", "{LF}": "\n"}


def expand(value):
    """Characters a shell argument cannot carry (NUL) or that are hard to type, by name."""
    for key, char in PLACEHOLDERS.items():
        value = value.replace(key, char)
    return value


def overrides(pairs):
    """NAME=VALUE pairs; "-NAME" drops the field NAME."""
    out = []
    for pair in pairs:
        if pair.startswith("-") and "=" not in pair:
            out.append((pair[1:], None))
            continue
        name, _, value = pair.partition("=")
        out.append((name, expand(value)))
    return out


def headers(path):
    """The header lines of the LAST response in a curl -D file (after redirects or 100-continue)."""
    with open(path, "rb") as f:
        blocks = re.split(rb"\r?\n\r?\n", f.read().strip())
    lines = blocks[-1].decode("latin-1").splitlines() if blocks else []
    return [(l.split(":", 1)[0].strip().lower(), l.split(":", 1)[1].strip()) for l in lines[1:] if ":" in l]


def set_cookie(path, name):
    found = None
    for key, value in headers(path):
        if key == "set-cookie" and value.split("=", 1)[0].strip() == name:
            found = value
    return found


NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "forms":
        for f in parse(args[0]).forms:
            print(f["action"], f["method"], " ".join(f"{n}={v}" for n, v, _, _ in f["fields"]), sep="\t")
        return 0
    if cmd == "field":
        f = form(parse(args[0]), args[1])
        if f:
            for name, value, _, _ in f["fields"]:
                if name == args[2] and value is not None:
                    print(value)
                    return 0
        return 1
    if cmd == "names":
        f = form(parse(args[0]), args[1])
        if not f:
            return 1
        seen = []
        for name, _, _, _ in f["fields"]:
            if name not in seen:
                seen.append(name)
        print("\n".join(seen))
        return 0
    if cmd == "body":
        f = form(parse(args[0]), args[1])
        if not f:
            return 1
        extra = overrides(args[2:])
        replaced = {n for n, _ in extra}
        pairs = [(n, v) for n, v, kind, _ in f["fields"] if v is not None and kind != "button" and n not in replaced]
        print(urllib.parse.urlencode(pairs + [(n, v) for n, v in extra if v is not None]), end="")
        return 0
    if cmd == "links":
        pattern = re.compile(args[1])
        hits = [l for l in parse(args[0]).links if pattern.search(l)]
        print("\n".join(hits))
        return 0 if hits else 1
    if cmd == "errors":
        for href, text in parse(args[0]).errors:
            print(href, " ".join(text.split()), sep="\t")
        return 0
    if cmd == "count":
        text = " ".join(" ".join(parse(args[0]).text).split())
        m = re.search(args[1], text)
        if not m:
            return 1
        print(m.group(1))
        return 0
    if cmd == "cookie":
        c = set_cookie(args[0], args[1])
        if c is None:
            return 1
        print(c.split(";", 1)[0].split("=", 1)[1].strip())
        return 0
    if cmd == "cookies":
        # Every cookie the response sets (and does not delete), as a Cookie request header value.
        jar = {}
        for key, value in headers(args[0]):
            if key != "set-cookie":
                continue
            pair, _, attrs = value.partition(";")
            name, _, val = pair.partition("=")
            if val.strip() and "max-age=0" not in attrs.lower().replace(" ", ""):
                jar[name.strip()] = val.strip()
            else:
                jar.pop(name.strip(), None)
        print("; ".join(f"{k}={v}" for k, v in jar.items()))
        return 0
    if cmd == "quote":
        print(urllib.parse.quote(expand(args[0]), safe=""))
        return 0
    if cmd == "cookie-attrs":
        c = set_cookie(args[0], args[1])
        if c is None:
            return 1
        for part in c.split(";")[1:]:
            print(part.strip().lower())
        return 0
    if cmd == "header":
        found = None
        for key, value in headers(args[0]):
            if key == args[1].lower():
                found = value
        if found is None:
            return 1
        print(found)
        return 0
    if cmd == "csv-cells":
        path, delim = args[0], args[1]
        bad = 0
        with open(path, encoding="utf-8-sig", newline="") as f:
            for r, row in enumerate(csv.reader(f, delimiter=delim), start=1):
                for c, cell in enumerate(row, start=1):
                    # A plain number (-3, -0,5) is a number for a spreadsheet, not a formula.
                    if cell and cell[0] in "=+-@\t\r" and not NUMBER.match(cell):
                        print(f"line {r}, column {c}: {cell!r}")
                        bad += 1
        return 1 if bad else 0
    if cmd == "csv-column":
        path, delim, column = args
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f, delimiter=delim):
                print(row.get(column, ""))
        return 0
    if cmd == "submission":
        path, index, names_file = args[0], int(args[1]), args[2]
        with open(names_file, encoding="utf-8") as f:
            names = [l.strip() for l in f if l.strip()]
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        row = rows[index]
        extra = dict(overrides(args[3:]))
        pairs = []
        for name in names:
            value = extra.pop(name, row.get(name, ""))
            if value:
                pairs.append((name, value))
        pairs += [(n, v) for n, v in extra.items() if v]
        print(urllib.parse.urlencode(pairs), end="")
        return 0
    if cmd == "sql":
        db = sqlite3.connect(args[0], timeout=10)
        for row in db.execute(args[1], args[2:]):
            print("\t".join("" if v is None else str(v) for v in row))
        return 0
    if cmd == "bad-chars":
        db = sqlite3.connect(args[0], timeout=10)
        found = 0
        for (iid, draft) in db.execute("SELECT id, draft_json FROM invitation WHERE draft_json IS NOT NULL"):
            for key, value in json.loads(draft).items():
                if isinstance(value, str) and ("\x00" in value or "\u202e" in value):
                    print(f"draft of invitation {iid}, {key}: {value!r}")
                    found += 1
        table = db.execute("SELECT table_name FROM response_table WHERE survey_id = 'coordination'").fetchone()
        if table:
            cur = db.execute(f'SELECT * FROM "{table[0]}"')
            cols = [d[0] for d in cur.description]
            for row in cur:
                for col, value in zip(cols, row):
                    if isinstance(value, str) and ("\x00" in value or "\u202e" in value):
                        print(f"response {row[0]}, {col}: {value!r}")
                        found += 1
        return 1 if found else 0
    if cmd == "make-token":
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        print("".join(secrets.choice(alphabet) for _ in range(len(args[0]))))
        return 0
    print(f"unknown command {cmd}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `… | head -1` is not an error
    sys.exit(main(sys.argv))
