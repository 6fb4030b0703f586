#!/usr/bin/env python3
"""Scores the page reader on the shared page-metadata corpus.

    bench/page-metadata-score.py [--build DIR] [--corpus DIR] [--missed] [--only PREFIX]

Serves every case of the corpus (default: ../shared/corpora/page-metadata next to
the project) on 127.0.0.1, runs `wiredesk check --json` over all of them in one
run, and prints per field and per prefix how many values were right, missed
(nothing found) and wrong, then every wrong value with what was expected and
what was found, and the peak RSS of the check run. The corpus is read where it
lies and never copied into the project.

Each case is served at /<case>/<path of the page's own URL, without its query>
(or /<case>/ when the corpus did not record it), as `text/html; charset=<charset>` when the case names
a charset and as bare `text/html` otherwise; every other path is a 404.

Matching follows the corpus README: titles and site names equal after NFKC,
plain quotes and dashes, collapsed white space and case folding; an author is
right when every name of one side is contained in the other; dates compare as
calendar days, in the page's own zone and in UTC; languages by primary subtag.
"""

import argparse
import datetime
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import unicodedata
import urllib.parse

FIELDS = [
    ("title", "title"),
    ("author", "author"),
    ("site_name", "site_name"),
    ("published", "published"),
    ("language", "language"),
]

QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
})


def norm_text(value):
    value = unicodedata.normalize("NFKC", value).translate(QUOTES)
    return " ".join(value.split()).casefold()


def split_names(value):
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\|)\s*", norm_text(value))
    return [p.strip() for p in parts if p.strip()]


def author_matches(expected, got):
    e, g = norm_text(expected), norm_text(got)
    e_names, g_names = split_names(expected), split_names(got)
    return (bool(e_names) and all(n in g for n in e_names)) or \
           (bool(g_names) and all(n in e for n in g_names))


def days_of(value):
    """The calendar days a date names: as written, and in UTC."""
    days = set()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        days.add(m.group(0))
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        dt = datetime.datetime.fromisoformat(text)
        if dt.tzinfo is not None:
            days.add(dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d"))
    except ValueError:
        pass
    return days


def date_matches(expected, got):
    return bool(days_of(expected) & days_of(got))


def language_matches(expected, got):
    primary = lambda v: re.split(r"[-_]", v.strip().lower())[0]
    return primary(expected) == primary(got)


def matches(field, expected, got):
    if field == "author":
        return author_matches(expected, got)
    if field == "published":
        return date_matches(expected, got)
    if field == "language":
        return language_matches(expected, got)
    return norm_text(expected) == norm_text(got)


def load_cases(corpus):
    cases = []
    for name in sorted(os.listdir(corpus)):
        folder = os.path.join(corpus, name)
        expected = os.path.join(folder, "expected.json")
        page = os.path.join(folder, "page.html")
        if not (os.path.isfile(expected) and os.path.isfile(page)):
            continue
        with open(expected, encoding="utf-8") as f:
            record = json.load(f)
        origin = urllib.parse.urlsplit(record.get("origin_url") or "")
        path = "/" + urllib.parse.quote(name + urllib.parse.unquote(origin.path or "/"))
        cases.append({"name": name, "page": page, "path": path,
                      "charset": record.get("charset"),
                      "expected": record.get("expected", {})})
    return cases


def make_server(cases):
    by_path = {urllib.parse.unquote(c["path"]): c for c in cases}

    class Handler(http.server.BaseHTTPRequestHandler):
        disable_nagle_algorithm = True
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            case = by_path.get(urllib.parse.unquote(self.path.split("?", 1)[0]))
            if case is None:
                body, status, ctype = b"<title>Not here</title>", 404, "text/html"
            else:
                with open(case["page"], "rb") as f:
                    body = f.read()
                status = 200
                ctype = "text/html"
                if case["charset"]:
                    ctype += "; charset=" + case["charset"]
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass   # a client that hung up (the checker closes after its verdict)

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_corpus = os.path.normpath(os.path.join(here, "..", "..", "shared",
                                                   "corpora", "page-metadata"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(here, "..", "build"),
                        help="the meson build directory (default: build)")
    parser.add_argument("--wiredesk", help="the binary to score (default: BUILD/src/wiredesk)")
    parser.add_argument("--corpus", default=os.environ.get("WIREDESK_PAGE_CORPUS", default_corpus))
    parser.add_argument("--only", help="score only the cases whose name starts with this")
    parser.add_argument("--missed", action="store_true", help="list the missed values too")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--dump", metavar="FILE",
                        help="write every case's values, rules and content fingerprint as "
                             "JSON to FILE (to compare two builds: diff two dumps)")
    args = parser.parse_args()

    if not os.path.isdir(args.corpus):
        print(f"page-metadata corpus not found at {args.corpus}\n"
              "It is not part of the project: pass --corpus DIR or set "
              "WIREDESK_PAGE_CORPUS. Nothing was scored.", file=sys.stderr)
        return 2

    wiredesk = args.wiredesk or os.path.join(args.build, "src", "wiredesk")
    if not os.access(wiredesk, os.X_OK):
        print(f"missing {wiredesk}: build it first (ninja -C build)", file=sys.stderr)
        return 2

    cases = load_cases(args.corpus)
    if args.only:
        cases = [c for c in cases if c["name"].startswith(args.only)]
    if not cases:
        print(f"no cases (page.html + expected.json) in {args.corpus}", file=sys.stderr)
        return 2

    server = make_server(cases)
    port = server.server_address[1]
    urls = [f"http://127.0.0.1:{port}{c['path']}" for c in cases]

    with tempfile.TemporaryDirectory() as work:
        rss_file = os.path.join(work, "rss")
        command = [wiredesk, "check", "--json"] + urls
        if os.access("/usr/bin/time", os.X_OK):
            command = ["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file] + command
        env = dict(os.environ, G_MESSAGES_DEBUG="wd-page-rules")
        run = subprocess.run(command, capture_output=True, text=True, env=env)
        peak_rss = cpu = None
        if os.path.exists(rss_file):
            with open(rss_file) as f:
                fields = f.read().split("\n")[-2].split() if f else []
            if len(fields) == 3 and fields[0].isdigit():
                peak_rss, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
    server.shutdown()

    # The reader logs which rule gave each field (G_MESSAGES_DEBUG=wd-page-rules;
    # GLib prints debug messages on standard output, between the JSON lines).
    rules = {}
    for m in re.finditer(r"(\S+): title from (\S+), site from (\S+), author from (\S+), "
                         r"date from (\S+), language from (\S+)$", run.stdout, re.M):
        rules[m.group(1)] = dict(zip(("title", "site_name", "author", "published", "language"),
                                     m.groups()[1:]))

    results = {}
    for line in run.stdout.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        results[record.get("url")] = record
    if not results:
        print("wiredesk check gave no results:\n" + run.stderr, file=sys.stderr)
        return 1

    prefixes = sorted({c["name"].split("-", 1)[0] for c in cases})
    counts = {}   # (field, prefix) -> [right, missed, wrong]
    wrong, missed, statuses = [], [], {}
    for case, url in zip(cases, urls):
        got = results.get(url, {})
        statuses[got.get("status", "none")] = statuses.get(got.get("status", "none"), 0) + 1
        prefix = case["name"].split("-", 1)[0]
        for field, key in FIELDS:
            expected = case["expected"].get(field)
            if expected is None:
                continue
            value = got.get(key)
            # Several authors are a list ("authors"); "author" joins them.
            if field == "author" and got.get("authors"):
                value = "; ".join(got["authors"])
            for p in (prefix, "all"):
                counts.setdefault((field, p), [0, 0, 0])
            if value in (None, ""):
                slot = 1
                missed.append((field, case["name"], expected))
            elif matches(field, expected, value):
                slot = 0
            else:
                slot = 2
                wrong.append((field, case["name"], expected, value,
                              rules.get(got.get("final_url"), {}).get(key)))
            counts[(field, prefix)][slot] += 1
            counts[(field, "all")][slot] += 1

    if args.dump:
        dump = {}
        for case, url in zip(cases, urls):
            got = results.get(url, {})
            dump[case["name"]] = {key: got.get(key) for _, key in FIELDS}
            dump[case["name"]]["rules"] = rules.get(got.get("final_url"), {})
            # The page's fingerprint: a reader change that moves it makes every
            # document see its sources "changed" on their next check.
            dump[case["name"]]["content_sha256"] = got.get("content_sha256")
        with open(args.dump, "w") as f:
            json.dump(dump, f, indent=1, sort_keys=True, ensure_ascii=False)

    if args.json:
        print(json.dumps({f"{f}/{p}": v for (f, p), v in counts.items()}, indent=1))
        return 0

    print(f"{len(cases)} cases from {args.corpus}; check statuses: "
          + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print(f"{'field':<10} {'cases':<6} {'n':>4} {'right':>6} {'missed':>7} {'wrong':>6} {'right %':>8}")
    for field, _ in FIELDS:
        for p in prefixes + ["all"]:
            if (field, p) not in counts:
                continue
            r, m, w = counts[(field, p)]
            n = r + m + w
            print(f"{field:<10} {p + '-' if p != 'all' else 'all':<6} {n:>4} {r:>6} {m:>7} {w:>6} "
                  f"{100.0 * r / n:>7.1f}%")
    if peak_rss is not None:
        print(f"peak RSS of the check run: {peak_rss} KiB ({peak_rss / 1024:.1f} MiB); "
              f"CPU time (user + system): {cpu:.2f} s")

    print("\nwrong (expected | got [rule]):")
    for field, name, expected, value, rule in wrong:
        print(f"  {field:<9} {name}\n      expected: {expected}\n      got:      {value}"
              + (f"   [{rule}]" if rule else ""))
    if args.missed:
        print("\nmissed (expected):")
        for field, name, expected in missed:
            print(f"  {field:<9} {name}: {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
