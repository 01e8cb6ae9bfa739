/// The few static files every site carries, shipped inside the tool so a
/// build needs nothing from outside and no request leaves the site.
public enum StaticAssets {
    public static let files: [String: String] = [
        "assets/docsite.css": css,
        "assets/docsite.js": script,
        "assets/favicon.svg": favicon,
    ]

    static let favicon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#e25a1c"/><path d="M9 21l5-12 4 8 2-4 3 8" stroke="#fff" stroke-width="2.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>

    """

    static let css = """
    :root {
      --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --accent: #0b5cad;
      --code-bg: #f6f8fa; --nav-bg: #f6f8fa; --mark: #fff3bf;
      --tok-key: #0550ae; --tok-str: #0a3069; --tok-com: #59636e; --tok-num: #953800; --tok-kw: #cf222e;
      --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
      line-height: 1.6; color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --accent: #58a6ff;
        --code-bg: #161b22; --nav-bg: #11161d; --mark: #4d3800;
        --tok-key: #79c0ff; --tok-str: #a5d6ff; --tok-com: #9198a1; --tok-num: #ffa657; --tok-kw: #ff7b72;
        --ok: #3fb950; --warn: #d29922; --bad: #f85149;
      }
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg); }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    .skip-link { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; z-index: 10; }
    .skip-link:focus { left: 1rem; }
    .site-header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between;
      padding: .75rem 1.25rem; border-bottom: 1px solid var(--border); }
    .site-title { font-weight: 700; font-size: 1.1rem; text-decoration: none; color: var(--fg); }
    .language-switcher ul { list-style: none; display: flex; gap: .75rem; margin: 0; padding: 0; }
    .language-switcher [aria-current] { font-weight: 700; }
    .search { flex: 1 1 16rem; max-width: 32rem; }
    .layout { display: grid; grid-template-columns: 16rem minmax(0, 1fr) 14rem; gap: 2rem; max-width: 90rem; margin: 0 auto; padding: 0 1.25rem; }
    .site-nav { background: var(--nav-bg); padding: 1rem; border-right: 1px solid var(--border); font-size: .95rem; }
    .site-nav ul { list-style: none; margin: 0; padding: 0; }
    .site-nav ul ul { padding-left: .9rem; margin: .25rem 0 .5rem; }
    .site-nav li { margin: .2rem 0; }
    .site-nav a { text-decoration: none; }
    .site-nav a[aria-current="page"] { font-weight: 700; color: var(--fg); }
    .nav-section-title { font-weight: 600; color: var(--muted); }
    main { min-width: 0; padding: 1rem 0 3rem; overflow-wrap: break-word; }
    .layout > main:last-child { grid-column: 2 / -1; }
    main:focus { outline: none; }
    h1 { font-size: 2rem; line-height: 1.25; }
    h2 { border-bottom: 1px solid var(--border); padding-bottom: .3rem; margin-top: 2rem; }
    .heading-link { margin-left: .4rem; text-decoration: none; color: var(--muted); font-weight: 400; opacity: .55; }
    h2:hover .heading-link, h3:hover .heading-link, h4:hover .heading-link, .heading-link:focus { opacity: 1; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em;
      background: var(--code-bg); padding: .1em .3em; border-radius: 4px; }
    .code { position: relative; }
    pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: .9rem 1rem; overflow-x: auto; line-height: 1.45; }
    pre code { background: none; padding: 0; font-size: .88em; }
    .copy-button { position: absolute; top: .4rem; right: .4rem; font-size: .8rem; padding: .15rem .5rem; border: 1px solid var(--border);
      border-radius: 4px; background: var(--bg); color: var(--fg); cursor: pointer; }
    .raw-html { white-space: pre-wrap; }
    .table-wrap { overflow-x: auto; position: relative; }
    table { border-collapse: collapse; margin: 1rem 0; }
    th, td { border: 1px solid var(--border); padding: .4rem .7rem; vertical-align: top; text-align: left; }
    th { background: var(--code-bg); }
    .align-center { text-align: center; } .align-right { text-align: right; }
    blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid var(--border); color: var(--muted); }
    .task-list { list-style: none; padding-left: 1.2rem; }
    .toc { font-size: .9rem; padding-top: 1rem; }
    .toc nav { position: sticky; top: 1rem; }
    .toc ul { list-style: none; padding: 0; margin: 0; }
    .toc .toc-level-3 { padding-left: .9rem; }
    .toc-title { font-weight: 600; margin-top: 0; }
    .pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; border-top: 1px solid var(--border); padding-top: 1rem; }
    .pager a { text-decoration: none; }
    .pager span { display: block; font-size: .8rem; color: var(--muted); }
    .pager-next { margin-left: auto; text-align: right; }
    .site-footer { border-top: 1px solid var(--border); color: var(--muted); padding: 1rem 1.25rem; font-size: .85rem; }
    .badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .8rem; border: 1px solid currentColor; font-weight: 600; }
    .badge-accepted, .badge-ok, .badge-up-to-date { color: var(--ok); }
    .badge-proposed, .badge-stale, .badge-warning { color: var(--warn); }
    .badge-rejected, .badge-deprecated, .badge-superseded, .badge-missing, .badge-error { color: var(--bad); }
    .note { border-left: 4px solid var(--warn); background: var(--code-bg); padding: .5rem 1rem; }
    .tok-key { color: var(--tok-key); } .tok-str { color: var(--tok-str); } .tok-com { color: var(--tok-com); font-style: italic; }
    .tok-num { color: var(--tok-num); } .tok-kw { color: var(--tok-kw); }
    .lead { font-size: 1.1rem; }
    .chart-facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
    .chart-facts dt { font-weight: 600; color: var(--muted); }
    .chart-facts dd { margin: 0; }
    table.values td:first-child { overflow-wrap: anywhere; min-width: 11rem; }
    table.values td:nth-child(4) { min-width: 16rem; }
    table.values code { overflow-wrap: anywhere; }
    table.values tr:target, table tr:target { background: var(--mark); }
    .key-link { text-decoration: none; }
    .verified { color: var(--ok); font-weight: 700; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .backlinks { margin-top: 2.5rem; border-top: 1px solid var(--border); font-size: .95rem; }
    .backlinks h2 { border: 0; font-size: 1.05rem; }
    .adr-meta { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; color: var(--muted); }
    .problems { color: var(--bad); }
    @media (max-width: 72rem) { .layout { grid-template-columns: 14rem minmax(0, 1fr); } .toc { display: none; } }
    @media (max-width: 48rem) {
      .layout { display: block; padding: 0 1rem; }
      .site-nav { border-right: 0; border-bottom: 1px solid var(--border); }
    }
    @media print { .site-nav, .toc, .pager, .skip-link, .copy-button { display: none; } .layout { display: block; } }

    """

    /// Progressive enhancement only: every page works without it.
    static let script = """
    (function () {
      'use strict';
      var label = document.documentElement.lang === 'ru' ? ['Копировать', 'Скопировано'] : ['Copy', 'Copied'];
      document.querySelectorAll('div.code').forEach(function (block) {
        var code = block.querySelector('code');
        if (!code || !navigator.clipboard) { return; }
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'copy-button';
        button.textContent = label[0];
        button.addEventListener('click', function () {
          navigator.clipboard.writeText(code.innerText).then(function () {
            button.textContent = label[1];
            setTimeout(function () { button.textContent = label[0]; }, 1500);
          }, function () {});
        });
        block.appendChild(button);
      });
      // A region that scrolls sideways must be reachable by keyboard to be scrolled.
      function focusableScrollers() {
        document.querySelectorAll('div.code > pre, .table-wrap').forEach(function (region) {
          if (region.scrollWidth > region.clientWidth) { region.tabIndex = 0; } else { region.removeAttribute('tabindex'); }
        });
      }
      focusableScrollers();
      window.addEventListener('resize', focusableScrollers);
      var search = document.querySelector('.search[data-bundle]');
      if (search && window.PagefindUI) {
        var bundle = search.getAttribute('data-bundle');
        // Result URLs are root-relative; baseUrl keeps them right when the
        // site lives under a sub-path of the web server.
        new window.PagefindUI({ element: search, bundlePath: bundle, showImages: false,
          baseUrl: new URL(bundle + '../', window.location.href).pathname });
        // Pagefind's input has only a title; give it a real accessible name.
        var input = search.querySelector('input');
        if (input) { input.setAttribute('aria-label', search.getAttribute('data-label')); }
      }
      var filter = document.querySelector('.adr-filter');
      if (filter) {
        filter.hidden = false;
        var select = filter.querySelector('select');
        select.addEventListener('change', function () {
          document.querySelectorAll('.adr-table tbody tr').forEach(function (row) {
            row.hidden = select.value !== '' && row.getAttribute('data-status') !== select.value;
          });
        });
      }
    })();

    """
}
