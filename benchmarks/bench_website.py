"""Benchmark the built website in Chromium: explorer response time, bytes per page, first contentful paint.

Serves the build (default _build/html) on 127.0.0.1 and opens every page in Debian's /usr/bin/chromium with an
empty cache, then prints one table row per page:

- transfer: bytes the page downloaded (HTML, CSS, JS, fonts, images; Resource Timing transferSize, headers
  included), target 2 MB, as the site's own server sends them: scripts/serve_site.py, the server of `make serve`
  and of the browser tests, gzips HTML, CSS, JS, JSON and SVG (level 6) and sends fonts and images as they are;
- uncompressed: the same files' decoded sizes (Resource Timing decodedBodySize), what a host that does not
  compress would send; MathJax: the part of the transfer that comes from _static/mathjax;
- FCP: first contentful paint on localhost;
- input -> update: median over 200 `input` events per explorer of the time from dispatching the event on a slider
  until the handler has updated the numbers and the SVG figure and the browser has laid them out (a forced
  layout), target 5 ms. The fixture row is tests/browser/fixture.html (the four explorers of lossfns.widgets).

Run: .venv/bin/python benchmarks/bench_website.py [--site _build/html] [--events 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from browser.conftest import CHROMIUM, CHROMIUM_ARGS, write_fixture_site  # noqa: E402
from serve_site import GZIP_LEVEL, serve_in_thread  # noqa: E402

TIME_INPUTS = """async (events) => {
    const out = [];
    for (const root of document.querySelectorAll('.lossfns-explorer[data-ready]')) {
        const input = root.querySelector('input[type=range]') || root.querySelector('input[type=number]');
        const figure = root.querySelector('svg') || root;
        const lo = Number(input.min), hi = Number(input.max);
        const times = [];
        for (let i = 0; i < events; i += 1) {
            input.value = String(lo + ((hi - lo) * ((i * 37) % events)) / events);
            const t0 = performance.now();
            input.dispatchEvent(new Event('input', { bubbles: true }));
            figure.getBoundingClientRect();  // force style and layout of the updated figure
            document.body.offsetHeight;
            times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const p95 = times[Math.floor(times.length * 0.95)];
        out.push({ kind: root.dataset.explorer, median: times[times.length >> 1], p95 });
    }
    return out;
}"""

PAGE_STATS = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const all = nav ? [nav, ...res] : res;
    const sum = (entries, key) => entries.reduce((s, r) => s + (r[key] || 0), 0);
    const mathjax = res.filter((r) => new URL(r.name).pathname.includes('/_static/mathjax/'));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
        bytes: sum(all, 'transferSize'),
        decoded: sum(all, 'decodedBodySize'),
        mathjax: sum(mathjax, 'transferSize'),
        fcp: fcp ? fcp.startTime : null,
        resources: all.length,
    };
}"""


def measure(browser, url: str, events: int) -> dict:
    context = browser.new_context()  # a fresh context: empty cache, so transfer counts every byte
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort())
    page.goto(url, wait_until="load")
    page.wait_for_function("() => !document.querySelector('.lossfns-explorer:not([data-ready])')")
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.wait_for_load_state("networkidle")  # late resources (MathJax's components and fonts) are counted
    stats = page.evaluate(PAGE_STATS)
    stats["explorers"] = page.evaluate(TIME_INPUTS, events)
    context.close()
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="the built book's html folder")
    parser.add_argument("--events", type=int, default=200, help="input events per explorer")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"no build at {args.site}; run `make book` first")
    from playwright.sync_api import sync_playwright

    site, site_url = serve_in_thread(args.site)
    fixture_dir = write_fixture_site(Path(tempfile.mkdtemp()))
    fixture, fixture_url = serve_in_thread(fixture_dir)
    pages = sorted(p.relative_to(args.site).as_posix() for p in args.site.rglob("*.html")
                   if p.relative_to(args.site).parts[0] not in ("_static", "_sources", "_images"))
    targets = [(p, f"{site_url}/{p}") for p in pages]
    targets.append(("fixture (tests/browser)", f"{fixture_url}/fixture.html"))
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, url in targets:
            rows.append((name, measure(browser, url, args.events)))
        browser.close()
    site.shutdown()
    fixture.shutdown()

    print(f"Chromium {CHROMIUM}, {args.events} input events per explorer, build {args.site}, served by "
          f"scripts/serve_site.py on 127.0.0.1 (gzip level {GZIP_LEVEL} for text types, fonts and images as is)")
    print()
    print("| page | transfer (KB) | of which MathJax (KB) | uncompressed (KB) | FCP (ms) "
          "| explorers: median / p95 input -> update (ms) |")
    print("|---|---:|---:|---:|---:|---|")
    medians = []
    for name, s in rows:
        ex = ", ".join(f"{e['kind']} {e['median']:.2f} / {e['p95']:.2f}" for e in s["explorers"]) or "-"
        medians += [e["median"] for e in s["explorers"]]
        fcp = f"{s['fcp']:.0f}" if s["fcp"] is not None else "-"
        print(f"| {name} | {s['bytes'] / 1024:.0f} | {s['mathjax'] / 1024:.0f} | {s['decoded'] / 1024:.0f} "
              f"| {fcp} | {ex} |")
    print()
    worst = max(s["bytes"] for _, s in rows)
    worst_raw = max(s["decoded"] for _, s in rows)
    print(f"largest page transfer {worst / 1024 / 1024:.2f} MB (target <= 2 MB; {worst_raw / 1024 / 1024:.2f} MB "
          "uncompressed); "
          f"slowest explorer median {max(medians, default=float('nan')):.2f} ms (target <= 5 ms); "
          f"median over explorers {statistics.median(medians) if medians else float('nan'):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
