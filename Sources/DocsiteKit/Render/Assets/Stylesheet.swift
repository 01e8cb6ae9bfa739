extension StaticAssets {
    /// assets/docsite.css. A raw string, so CSS escapes need no doubling.
    /// Every colour is one light-dark() pair: the system scheme picks, unless
    /// the reader chose one (data-theme on <html>, set by docsite.js), which
    /// only changes color-scheme. Browsers without light-dark() (before 2024)
    /// fall back to their own light or dark default colours.
    static let css = #"""
    :root {
      --bg: light-dark(#ffffff, #0d1117); --fg: light-dark(#1f2328, #e6edf3); --muted: light-dark(#59636e, #9198a1);
      --border: light-dark(#d1d9e0, #3d444d); --accent: light-dark(#0b5cad, #58a6ff);
      --code-bg: light-dark(#f6f8fa, #161b22); --nav-bg: light-dark(#f6f8fa, #11161d); --mark: light-dark(#fff3bf, #4d3800);
      --backdrop: light-dark(rgb(31 35 40 / .45), rgb(1 4 9 / .7));
      --tok-key: light-dark(#0550ae, #79c0ff); --tok-str: light-dark(#0a3069, #a5d6ff); --tok-com: light-dark(#59636e, #9198a1);
      --tok-num: light-dark(#953800, #ffa657); --tok-kw: light-dark(#cf222e, #ff7b72);
      --tok-cmd: light-dark(#6639ba, #d2a8ff); --tok-var: light-dark(#116329, #7ee787);
      --ok: light-dark(#1a7f37, #3fb950); --warn: light-dark(#9a6700, #d29922); --bad: light-dark(#cf222e, #f85149);
      --admonition-note: light-dark(#0969da, #4493f8); --admonition-tip: light-dark(#1a7f37, #3fb950);
      --admonition-important: light-dark(#8250df, #ab7df8); --admonition-warning: light-dark(#9a6700, #d29922);
      --admonition-caution: light-dark(#cf222e, #f85149);
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
      line-height: 1.6; color-scheme: light dark;
    }
    :root[data-theme="light"] { color-scheme: light; }
    :root[data-theme="dark"] { color-scheme: dark; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg); }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    .skip-link { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; z-index: 10; }
    .skip-link:focus { left: 1rem; }
    .site-header { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: center; justify-content: space-between;
      padding: .75rem 1.25rem; border-bottom: 1px solid var(--border); }
    .site-title { font-weight: 700; font-size: 1.1rem; text-decoration: none; color: var(--fg); margin-right: auto; }
    .language-switcher ul { list-style: none; display: flex; gap: .75rem; margin: 0; padding: 0; }
    .language-switcher [aria-current] { font-weight: 700; }
    .search { flex: 1 1 16rem; max-width: 32rem; }
    .header-button { font: inherit; font-size: .9rem; padding: .25rem .6rem; border: 1px solid var(--border); border-radius: 6px;
      background: var(--bg); color: var(--fg); cursor: pointer; display: inline-flex; gap: .4rem; align-items: center; }
    .header-button kbd { font-family: inherit; font-size: .75rem; color: var(--muted); border: 1px solid var(--border);
      border-radius: 4px; padding: 0 .3rem; }
    .menu-button { display: none; }
    /* The search overlay: a modal <dialog> docsite.js moves the search box into. */
    .search-dialog { width: min(44rem, calc(100vw - 2rem)); max-height: calc(100vh - 4rem); margin: 2rem auto auto;
      padding: 1rem; border: 1px solid var(--border); border-radius: 10px; background: var(--bg); color: var(--fg); }
    .search-dialog::backdrop { background: var(--backdrop); }
    .search-dialog .search { max-width: none; }
    .search-dialog .pagefind-ui {
      --pagefind-ui-primary: var(--accent); --pagefind-ui-text: var(--fg); --pagefind-ui-background: var(--bg);
      --pagefind-ui-border: var(--border); --pagefind-ui-tag: var(--code-bg); --pagefind-ui-font: inherit; }
    .search-dialog .pagefind-ui__result-excerpt, .search-dialog .pagefind-ui__message { color: var(--fg); }
    /* Pagefind resets <mark> to the browser's yellow; this selector outranks its reset. */
    .search-dialog .pagefind-ui mark { background: var(--mark); color: var(--fg); padding: 0 .1em; border-radius: 2px; }
    /* Values keys above Pagefind's results (inside its form, so these outrank its reset). */
    .search-dialog .search-keys { display: block; margin: 1rem 0 .5rem; padding-bottom: .5rem; border-bottom: 1px solid var(--border); }
    .search-dialog .search-keys[hidden] { display: none; }
    .search-dialog .search-keys-title { display: block; margin: 0 0 .4rem; font-size: .85rem; color: var(--muted); }
    .search-dialog .search-keys ul { display: block; margin: 0; padding: 0; list-style: none; }
    .search-dialog .search-keys li { display: block; margin: 0 0 .6rem; }
    .search-dialog .search-key { color: var(--accent); text-decoration: underline; font-weight: 600; overflow-wrap: anywhere; cursor: pointer; }
    .search-dialog .search-key code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .95em; }
    .search-dialog .search-key-chart { color: var(--muted); font-weight: 400; font-size: .85rem; }
    .search-dialog .search-keys li p { display: block; margin: .1rem 0 0; color: var(--fg); font-size: .9rem; }
    .layout { display: grid; grid-template-columns: 16rem minmax(0, 1fr) 14rem; gap: 2rem; max-width: 90rem; margin: 0 auto; padding: 0 1.25rem; }
    /* The sidebar keeps its place while the page scrolls, and scrolls on its own when taller than the window. */
    .site-nav { background: var(--nav-bg); padding: 1rem; border-right: 1px solid var(--border); font-size: .95rem;
      position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; overscroll-behavior: contain; }
    .site-nav ul { list-style: none; margin: 0; padding: 0; }
    .site-nav ul ul { padding-left: .9rem; margin: .25rem 0 .5rem; }
    .site-nav li { margin: .2rem 0; }
    .site-nav li.has-toggle { display: flex; flex-wrap: wrap; align-items: center; }
    .site-nav li.has-toggle > a, .site-nav li.has-toggle > .nav-section-title { flex: 1 1 0; min-width: 0; }
    /* min-width: 0, or the longest unwrapped title widens the list past the sidebar and hides the ellipsis. */
    .site-nav li.has-toggle > ul { flex-basis: 100%; min-width: 0; }
    /* One line per entry: a long title ends in an ellipsis, its full text is the tooltip. */
    .site-nav a, .nav-section-title { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .site-nav a { text-decoration: none; }
    .site-nav a[aria-current="page"] { font-weight: 700; color: var(--fg); }
    .nav-section > a, .nav-section-title { font-weight: 700; font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; }
    .nav-section > a { color: var(--fg); }
    .nav-section-title { color: var(--muted); }
    .nav-section { margin-top: .8rem; }
    .nav-toggle { flex: none; width: 1.6rem; height: 1.6rem; padding: 0; border: 0; background: none; color: var(--muted); cursor: pointer;
      font-size: .8rem; line-height: 1; }
    .nav-toggle::before { content: "▾"; display: inline-block; }
    .nav-toggle[aria-expanded="false"]::before { transform: rotate(-90deg); }
    main { min-width: 0; padding: 1rem 0 3rem; overflow-wrap: break-word; }
    .layout > main:last-child { grid-column: 2 / -1; }
    main:focus { outline: none; }
    h1 { font-size: 2rem; line-height: 1.25; }
    h2 { border-bottom: 1px solid var(--border); padding-bottom: .3rem; margin-top: 2rem; }
    /* Link icons show only where the reader points or focuses. */
    .heading-link { margin-left: .4rem; text-decoration: none; color: var(--muted); font-weight: 400; opacity: 0; }
    h2:hover .heading-link, h3:hover .heading-link, h4:hover .heading-link, .heading-link:focus { opacity: 1; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em;
      background: var(--code-bg); padding: .1em .3em; border-radius: 4px; }
    .code { position: relative; }
    pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: .9rem 1rem; overflow-x: auto; line-height: 1.45; }
    pre code { background: none; padding: 0; font-size: .88em; }
    /* The copy button sits in its own strip above the block, never over the code. */
    .code.has-copy { padding-top: 1.9rem; }
    .code.has-copy > pre { margin-top: 0; }
    .copy-button { position: absolute; top: 0; right: 0; font-size: .8rem; padding: .15rem .5rem; border: 1px solid var(--border);
      border-radius: 4px; background: var(--bg); color: var(--fg); cursor: pointer; }
    /* A titled block: the file name in a bar above the code, the copy button at the bar's end. */
    figure.code-block { margin: 1rem 0; }
    .code-title { display: flex; gap: .5rem; align-items: center; justify-content: space-between; padding: .3rem .5rem .3rem 1rem;
      background: var(--code-bg); border: 1px solid var(--border); border-bottom: 0; border-radius: 6px 6px 0 0;
      font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .85rem;
      overflow-wrap: anywhere; }
    .code-title .copy-button { position: static; flex: none; }
    figure.code-block > pre { margin: 0; border-radius: 0 0 6px 6px; }
    .raw-html { white-space: pre-wrap; }
    /* Admonitions: a bar and a title in the kind's colour, an icon drawn by a mask (no markup, no script). */
    .admonition { --kind: var(--admonition-note); margin: 1rem 0; padding: .1rem 1rem; border-left: 4px solid var(--kind); }
    .admonition > .admonition-title + * { margin-top: 0; }
    .admonition > :last-child { margin-bottom: .75rem; }
    .admonition-title { display: flex; gap: .45rem; align-items: center; margin: .6rem 0 .3rem; font-weight: 700; color: var(--kind); }
    .admonition-title::before { content: ""; flex: none; width: 1.1em; height: 1.1em; background-color: currentColor;
      mask-image: var(--icon); mask-size: contain; mask-repeat: no-repeat; mask-position: center; }
    .admonition-note { --kind: var(--admonition-note);
      --icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='6.5' fill='none' stroke='black' stroke-width='1.5'/%3E%3Crect x='7.25' y='7' width='1.5' height='4.5'/%3E%3Ccircle cx='8' cy='4.8' r='1'/%3E%3C/svg%3E"); }
    .admonition-tip { --kind: var(--admonition-tip);
      --icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 1a4.6 4.6 0 0 0-2.7 8.3c.5.4.7.8.7 1.3V11h4v-.4c0-.5.2-.9.7-1.3A4.6 4.6 0 0 0 8 1z'/%3E%3Crect x='6' y='12.2' width='4' height='1.4' rx='.5'/%3E%3Crect x='6.7' y='14.2' width='2.6' height='1' rx='.5'/%3E%3C/svg%3E"); }
    .admonition-important { --kind: var(--admonition-important);
      --icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M1.75 1.75h12.5v9.5H7.5l-3.25 3v-3h-2.5z' fill='none' stroke='black' stroke-width='1.5' stroke-linejoin='round'/%3E%3Crect x='7.25' y='3.7' width='1.5' height='4'/%3E%3Ccircle cx='8' cy='9.3' r='.9'/%3E%3C/svg%3E"); }
    .admonition-warning { --kind: var(--admonition-warning);
      --icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 1.6 15 14.2H1z' fill='none' stroke='black' stroke-width='1.5' stroke-linejoin='round'/%3E%3Crect x='7.25' y='6' width='1.5' height='4.2'/%3E%3Ccircle cx='8' cy='12' r='.9'/%3E%3C/svg%3E"); }
    .admonition-caution { --kind: var(--admonition-caution);
      --icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M5.3 1.5h5.4l3.8 3.8v5.4l-3.8 3.8H5.3l-3.8-3.8V5.3z' fill='none' stroke='black' stroke-width='1.5' stroke-linejoin='round'/%3E%3Crect x='7.25' y='4.3' width='1.5' height='4.6'/%3E%3Ccircle cx='8' cy='11.1' r='.9'/%3E%3C/svg%3E"); }
    .table-wrap { overflow-x: auto; position: relative; }
    table { border-collapse: collapse; margin: 1rem 0; }
    th, td { border: 1px solid var(--border); padding: .4rem .7rem; vertical-align: top; text-align: left; }
    th { background: var(--code-bg); }
    .align-center { text-align: center; } .align-right { text-align: right; }
    blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid var(--border); color: var(--muted); }
    .task-list { list-style: none; padding-left: 1.2rem; }
    .toc { font-size: .9rem; padding-top: 1rem; }
    .toc nav { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
    .toc ul { list-style: none; padding: 0; margin: 0; }
    .toc li { border-left: 2px solid transparent; padding-left: .5rem; }
    .toc .toc-level-3 { padding-left: 1.4rem; }
    .toc li.active { border-left-color: var(--accent); }
    .toc li.active > a { font-weight: 700; color: var(--fg); }
    .toc-title { font-weight: 600; margin-top: 0; }
    .pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; border-top: 1px solid var(--border); padding-top: 1rem; }
    .pager a { text-decoration: none; }
    .page-facts { margin-top: 2rem; font-size: .85rem; color: var(--muted); }
    .breadcrumbs ol { list-style: none; display: flex; flex-wrap: wrap; padding: 0; margin: 0 0 .5rem; font-size: .85rem; color: var(--muted); }
    .breadcrumbs li + li::before { content: "›"; padding: 0 .4rem; }
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
    .tok-cmd { color: var(--tok-cmd); } .tok-var { color: var(--tok-var); }
    .lead { font-size: 1.1rem; }
    .chart-facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
    .chart-facts dt { font-weight: 600; color: var(--muted); }
    .chart-facts dd { margin: 0; }
    /* Values tables fit the column (no sideways scroller), so their header can stick to the window. */
    .table-wrap.values-wrap { overflow: visible; }
    /* The description gets the widest column: long descriptions made the tallest rows. */
    table.values { table-layout: fixed; width: 100%; font-size: .875rem; line-height: 1.5; }
    table.values th:nth-child(1) { width: 24%; } table.values th:nth-child(2) { width: 9%; }
    table.values th:nth-child(3) { width: 16%; } table.values th:nth-child(5) { width: 13%; }
    table.values th, table.values td { padding: .35rem .5rem; }
    table.values thead th { position: sticky; top: 0; z-index: 1; box-shadow: 0 1px 0 var(--border); }
    table.values td { overflow-wrap: anywhere; }
    /* Keys break only at the dots (docsite.js puts a <wbr> after each). */
    table.values td:first-child code { overflow-wrap: normal; word-break: keep-all; white-space: nowrap; }
    table.values td:first-child code wbr { white-space: normal; }
    /* A long default scrolls inside its cell instead of stretching the row. */
    table.values td:nth-child(3) > code { display: block; max-height: 12rem; overflow: auto; white-space: pre-wrap; }
    table.values tr:target, table tr:target { background: var(--mark); }
    .values-filter { display: flex; gap: .5rem; align-items: center; margin: .5rem 0; }
    .values-filter input { font: inherit; padding: .25rem .5rem; border: 1px solid var(--border); border-radius: 6px;
      background: var(--bg); color: var(--fg); flex: 0 1 20rem; min-width: 0; }
    .values-filter output { color: var(--muted); font-size: .9rem; }
    .key-link { text-decoration: none; }
    .verified { color: var(--ok); font-weight: 700; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .backlinks { margin-top: 2.5rem; border-top: 1px solid var(--border); font-size: .95rem; }
    .backlinks h2 { border: 0; font-size: 1.05rem; }
    .adr-meta { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; color: var(--muted); }
    .problems { color: var(--bad); }
    /* Example overlays: each key links to its row in the values reference; a dotted line marks it without hiding the colours. */
    .values-key-link { text-decoration: underline dotted; text-underline-offset: .2em; }
    .values-key-link:hover, .values-key-link:focus-visible { text-decoration-style: solid; }
    /* In a caption bar laid out as a row, auto pushes the link to the end, beside the copy button. */
    .raw-file { margin-left: auto; font-size: .85rem; }
    @media (max-width: 72rem) { .layout { grid-template-columns: 14rem minmax(0, 1fr); } .toc { display: none; } }
    @media (max-width: 48rem) {
      .layout { display: block; padding: 0 1rem; }
      .site-nav { border-right: 0; border-bottom: 1px solid var(--border); position: static; max-height: none; }
      /* With the script, the sidebar is a drawer behind the menu button. */
      .js .menu-button { display: inline-flex; }
      .js .site-nav { position: fixed; z-index: 20; top: 0; bottom: 0; left: 0; width: min(20rem, 85vw); max-height: none;
        border-right: 1px solid var(--border); transform: translateX(-100%); visibility: hidden; }
      .js.nav-open .site-nav { transform: none; visibility: visible; box-shadow: 0 0 0 100vmax var(--backdrop); }
      .header-button kbd { display: none; }
      /* Each values key becomes a card, its description in full. */
      table.values, table.values tbody, table.values tr, table.values td { display: block; width: auto; }
      table.values thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table.values tr { border: 1px solid var(--border); border-radius: 6px; margin: .75rem 0; padding: .4rem .6rem; }
      table.values td { border: 0; padding: .15rem 0; }
      table.values td:empty { display: none; }
      table.values td[data-label]:not(:first-child)::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
    }
    @media print { .site-nav, .toc, .pager, .skip-link, .copy-button, .header-button, .values-filter { display: none; } .layout { display: block; } }

    """#
}
