#!/usr/bin/env bash
# The first-load weight of the send page as a phone gets it: the HTML and every stylesheet, script, font and image it
# pulls in, with an empty cache, asking for compression as a phone's browser does (Accept-Encoding: gzip, deflate, br),
# counted in bytes as transferred (compressed as served; response headers shown apart).
#
#   bench/first-load.sh [dev|published|both]     default: both
#
#   dev        the README's run: `dotnet run --project src/HajDesk.Web` (Debug build, Development environment)
#   published  `dotnet publish -c Release`, started with `dotnet HajDesk.Web.dll` in Production
# Each runs on 127.0.0.1 with a temporary SQLite database and is stopped afterwards (Ctrl-C included).
# Fonts: every @font-face file of the page's stylesheets is counted, as the page uses all of them (regular text,
# headings and buttons); a browser fetches a face only when text uses it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-both}"
[[ "$mode" =~ ^(dev|published|both)$ ]] || { echo "usage: bench/first-load.sh [dev|published|both]" >&2; exit 2; }
port="${BENCH_APP_PORT:-5183}"
out="$root/artifacts/bench"
work="$(mktemp -d /tmp/hajdesk-first-load.XXXXXX)"
app_pid=""
stop_app() {
  if [[ -n "$app_pid" ]]; then
    # `dotnet run` starts the app as its child: stop the child first, then dotnet run itself.
    pkill -TERM -P "$app_pid" 2>/dev/null || true
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  fi
}
trap 'stop_app; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

start_and_measure() { # slug, label, directory, command…
  local slug="$1" label="$2" dir="$3"; shift 3
  (cd "$dir" && exec "$@" --urls "http://127.0.0.1:$port" "--Database:ConnectionString=Data Source=$work/$slug.db") >"$work/$slug.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health" && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/$slug.log" >&2; echo "first-load: the app exited" >&2; exit 1; }
    sleep 0.5
  done
  python3 - "http://127.0.0.1:$port" "$label" <<'PY'
import re, sys, urllib.request, urllib.error
from urllib.parse import urljoin
base, label = sys.argv[1], sys.argv[2]
phone = {"User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140 Mobile Safari/537.36",
         "Accept-Encoding": "gzip, deflate, br", "Accept-Language": "fa-IR,fa;q=0.9"}
def fetch(url, encoding=True):
    headers = dict(phone) if encoding else {**phone, "Accept-Encoding": "identity"}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
            body = r.read()
            head = sum(len(k) + len(v) + 4 for k, v in r.getheaders()) + 17
            return r.status, r.headers.get("Content-Encoding", "-"), body, head
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Encoding", "-"), e.read(), 0
rows = []
page_url = base + "/requests/send"
status, enc, html, head = fetch(page_url)
rows.append(("html", "/requests/send", status, enc, len(html), head, len(html)))
html = html.decode("utf-8")
refs = [("css", h) for h in re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)]
refs += [("js", s) for s in re.findall(r'<script[^>]*src="([^"]+)"', html)]
refs += [("image", s) for s in re.findall(r'<img[^>]*src="([^"]+)"', html)]
seen = set()
for kind, ref in refs:
    url = urljoin(page_url, ref.replace("&amp;", "&"))
    if url in seen:
        continue
    seen.add(url)
    status, enc, body, head = fetch(url)
    rows.append((kind, ref, status, enc, len(body), head, len(fetch(url, encoding=False)[2])))
    if kind == "css":
        text = fetch(url, encoding=False)[2].decode("utf-8", "replace")
        for font in re.findall(r'url\(\s*["\']?([^"\')]+)["\']?\s*\)', text):
            if font.startswith("data:"):
                continue
            furl = urljoin(url, font)
            if furl in seen or not re.search(r'\.(woff2?|ttf|otf)(\?|$)', furl):
                continue
            seen.add(furl)
            status, enc, body, head = fetch(furl)
            rows.append(("font", furl[len(base):], status, enc, len(body), head, len(fetch(furl, encoding=False)[2])))
print(f"### {label}\n")
print("| kind | resource | status | encoding | KB transferred | KB uncompressed |")
print("| --- | --- | ---: | --- | ---: | ---: |")
for kind, ref, status, enc, size, head, raw in rows:
    print(f"| {kind} | `{ref if len(ref) < 70 else ref[:67] + '…'}` | {status} | {enc} | {size / 1024:.1f} | {raw / 1024:.1f} |")
bodies = sum(r[4] for r in rows)
heads = sum(r[5] for r in rows)
by_kind = {}
for r in rows:
    by_kind[r[0]] = by_kind.get(r[0], 0) + r[4]
print(f"| **total** | {len(rows)} responses | | | **{bodies / 1024:.1f}** | {sum(r[6] for r in rows) / 1024:.1f} |\n")
print("By kind (KB): " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in by_kind.items())
      + f"; response headers a further {heads / 1024:.1f} KB.")
bad = [r for r in rows if r[2] != 200]
if bad:
    print("NOT 200: " + ", ".join(f"{r[1]} ({r[2]})" for r in bad))
    sys.exit(1)
PY
  stop_app
}

echo "## bench/first-load.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo
if [[ "$mode" == dev || "$mode" == both ]]; then
  echo "building (dotnet run, Debug)…" >&2
  dotnet build src/HajDesk.Web -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  start_and_measure dev "dotnet run (Development)" "$root" dotnet run --no-build --project src/HajDesk.Web --
  echo
fi
if [[ "$mode" == published || "$mode" == both ]]; then
  echo "publishing (Release)…" >&2
  dotnet publish src/HajDesk.Web -c Release -o "$out/app" -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  export ASPNETCORE_ENVIRONMENT=Production
  # A benchmark node's key ring holds nothing worth protecting: accepted unencrypted on purpose.
  export DataProtection__AllowUnencryptedKeys=true
  start_and_measure published "published (Production)" "$out/app" dotnet HajDesk.Web.dll
fi
