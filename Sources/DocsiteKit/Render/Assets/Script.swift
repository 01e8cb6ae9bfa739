extension StaticAssets {
    /// assets/docsite.js. Progressive enhancement only: every page works
    /// without it (the sidebar is then a plain list above the content, the
    /// search box sits in the header, values tables are plain tables).
    /// A raw string, so regular expressions need no doubled backslashes.
    static let script = #"""
    (function () {
      'use strict';
      var root = document.documentElement;
      // The site's root page: go to the language chosen before with the
      // language switch, else the first of the browser's the site has.
      var offered = document.querySelectorAll('.languages a[hreflang]');
      if (root.hasAttribute('data-pick-language') && offered.length) {
        var have = {}, saved = null;
        offered.forEach(function (a) { have[a.getAttribute('hreflang').toLowerCase()] = a.getAttribute('href'); });
        try { saved = localStorage.getItem('docsite.language'); } catch (e) { /* not remembered */ }
        var wanted = [saved].concat(navigator.languages || [navigator.language]);
        for (var i = 0; i < wanted.length; i++) {
          var tag = String(wanted[i] || '').toLowerCase();
          var hit = have[tag] || have[tag.split('-')[0]];
          if (hit) { window.location.replace(hit + window.location.hash); return; }
        }
        window.location.replace(offered[0].getAttribute('href') + window.location.hash);
        return;
      }
      root.classList.add('js');
      var WORDS = {
        en: { copy: 'Copy', copied: 'Copied', menu: 'Menu', search: 'Search', close: 'Close',
              keys: 'Values keys', firstOf: function (n, all) { return 'first ' + n + ' of ' + all; },
              themes: { auto: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' },
              expand: 'Show or hide', filter: 'Filter keys', shown: function (n, all) { return n + ' of ' + all; } },
        ru: { copy: 'Копировать', copied: 'Скопировано', menu: 'Меню', search: 'Поиск', close: 'Закрыть',
              keys: 'Ключи values', firstOf: function (n, all) { return 'первые ' + n + ' из ' + all; },
              themes: { auto: 'Тема: как в системе', light: 'Тема: светлая', dark: 'Тема: тёмная' },
              expand: 'Показать или скрыть', filter: 'Фильтр ключей', shown: function (n, all) { return 'Показано: ' + n + ' из ' + all; },
              // Pagefind's own Russian strings put every count in the genitive plural ("2 результатов");
              // a label before the number reads right for any count.
              pagefind: { many_results: 'Результатов по запросу «[SEARCH_TERM]»: [COUNT]',
                          one_result: 'Результатов по запросу «[SEARCH_TERM]»: [COUNT]',
                          total_many_results: 'Результатов: [COUNT]', total_one_result: 'Результатов: [COUNT]' } }
      };
      var words = WORDS[root.lang] || WORDS.en;

      // localStorage throws where storage is disabled; the site then simply forgets.
      function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
      function save(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* not remembered */ } }

      function button(className, text, attrs) {
        var b = document.createElement('button');
        b.type = 'button';
        b.className = className;
        b.textContent = text;
        Object.keys(attrs || {}).forEach(function (k) { b.setAttribute(k, attrs[k]); });
        return b;
      }

      var header = document.querySelector('.site-header');
      var nav = document.querySelector('.site-nav');

      // Theme: system default, or the reader's choice, remembered.
      var THEMES = ['auto', 'light', 'dark'];
      function applyTheme(theme) {
        if (theme === 'light' || theme === 'dark') { root.setAttribute('data-theme', theme); } else { root.removeAttribute('data-theme'); }
      }
      applyTheme(load('\#(themeStorageKey)'));
      if (header) {
        var themeButton = button('header-button theme-button', '');
        var showTheme = function () {
          var theme = root.getAttribute('data-theme') || 'auto';
          themeButton.textContent = { auto: '◐', light: '☀', dark: '☾' }[theme];
          // The name says the current state: the symbol alone would not.
          themeButton.title = words.themes[theme];
          themeButton.setAttribute('aria-label', words.themes[theme]);
          themeButton.setAttribute('data-theme-choice', theme);
        };
        themeButton.addEventListener('click', function () {
          var next = THEMES[(THEMES.indexOf(root.getAttribute('data-theme') || 'auto') + 1) % THEMES.length];
          applyTheme(next);
          save('\#(themeStorageKey)', next);
          showTheme();
        });
        showTheme();
        header.appendChild(themeButton);
      }

      // Phone: the sidebar is a drawer behind a menu button.
      if (header && nav) {
        if (!nav.id) { nav.id = 'site-nav'; }
        var menu = button('header-button menu-button', '☰ ' + words.menu, { 'aria-expanded': 'false', 'aria-controls': nav.id });
        var setDrawer = function (open) {
          root.classList.toggle('nav-open', open);
          menu.setAttribute('aria-expanded', String(open));
        };
        menu.addEventListener('click', function () { setDrawer(!root.classList.contains('nav-open')); });
        document.addEventListener('keydown', function (e) {
          if (e.key === 'Escape' && root.classList.contains('nav-open')) { setDrawer(false); menu.focus(); }
        });
        // A click outside the open drawer closes it.
        document.addEventListener('click', function (e) {
          if (root.classList.contains('nav-open') && !nav.contains(e.target) && !menu.contains(e.target)) { setDrawer(false); }
        });
        header.insertBefore(menu, header.firstChild);
      }

      // Sidebar: sections with sub-lists collapse; the choice is remembered per section.
      if (nav) {
        var collapsed = {};
        try { collapsed = JSON.parse(load('docsite.nav.collapsed') || '{}') || {}; } catch (e) { collapsed = {}; }
        nav.querySelectorAll('li').forEach(function (li) {
          var list = li.querySelector(':scope > ul');
          var label = li.querySelector(':scope > a, :scope > .nav-section-title');
          if (!list || !label) { return; }
          var key = label.getAttribute('href') ? new URL(label.href).pathname : label.textContent;
          // The branch holding the current page stays open whatever was remembered.
          var holdsCurrent = !!list.querySelector('[aria-current="page"]');
          var toggle = button('nav-toggle', '', { 'aria-label': words.expand + ': ' + label.textContent.trim() });
          var set = function (open) {
            list.hidden = !open;
            toggle.setAttribute('aria-expanded', String(open));
          };
          toggle.addEventListener('click', function () {
            var open = list.hidden;
            set(open);
            if (open) { delete collapsed[key]; } else { collapsed[key] = 1; }
            save('docsite.nav.collapsed', JSON.stringify(collapsed));
          });
          li.classList.add('has-toggle');
          li.insertBefore(toggle, list);
          set(holdsCurrent || !collapsed[key]);
        });
        // A title cut short by the ellipsis shows in full as a tooltip.
        nav.querySelectorAll('a, .nav-section-title').forEach(function (a) {
          if (a.scrollWidth > a.clientWidth + 1 && !a.title) { a.title = a.textContent.trim(); }
        });
        var current = nav.querySelector('[aria-current="page"]');
        if (current && nav.scrollHeight > nav.clientHeight) {
          nav.scrollTop = current.offsetTop - nav.clientHeight / 3;
        }
      }

      // Code blocks: a copy button in a strip of its own above the code, or
      // at the end of a titled block's caption bar.
      document.querySelectorAll('div.code, figure.code-block').forEach(function (block) {
        var code = block.querySelector('code');
        if (!code || !navigator.clipboard) { return; }
        var copy = button('copy-button', words.copy);
        copy.addEventListener('click', function () {
          navigator.clipboard.writeText(code.innerText).then(function () {
            copy.textContent = words.copied;
            setTimeout(function () { copy.textContent = words.copy; }, 1500);
          }, function () {});
        });
        var caption = block.querySelector(':scope > figcaption');
        if (caption) { caption.appendChild(copy); return; }
        block.classList.add('has-copy');
        block.appendChild(copy);
      });

      // Values tables: keys break at dots, a filter box, card labels on a phone.
      document.querySelectorAll('table.values').forEach(function (table, index) {
        table.querySelectorAll('tbody td:first-child code').forEach(function (code) {
          if (code.children.length || code.textContent.indexOf('.') < 0) { return; }
          var parts = code.textContent.split('.');
          code.textContent = '';
          parts.forEach(function (part, i) {
            code.appendChild(document.createTextNode(part + (i < parts.length - 1 ? '.' : '')));
            if (i < parts.length - 1) { code.appendChild(document.createElement('wbr')); }
          });
        });
        var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
        var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
        rows.forEach(function (row) {
          Array.prototype.forEach.call(row.cells, function (cell, i) { if (heads[i]) { cell.setAttribute('data-label', heads[i]); } });
        });
        var wrap = table.parentElement;
        if (!wrap || !wrap.classList.contains('table-wrap')) { return; }
        wrap.classList.add('values-wrap');
        var box = document.createElement('div');
        box.className = 'values-filter';
        var input = document.createElement('input');
        input.type = 'search';
        input.id = 'values-filter-' + index;
        input.setAttribute('aria-label', words.filter);
        input.placeholder = words.filter + '…';
        var count = document.createElement('output');
        count.setAttribute('for', input.id);
        box.appendChild(input);
        box.appendChild(count);
        input.addEventListener('input', function () {
          var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
          var shown = 0;
          rows.forEach(function (row) {
            var key = row.cells[0] ? row.cells[0].textContent : '';
            var text = (key + ' ' + (row.cells[3] ? row.cells[3].textContent : '')).toLowerCase();
            row.hidden = !terms.every(function (t) { return text.indexOf(t) >= 0; });
            if (!row.hidden) { shown += 1; }
          });
          count.textContent = terms.length ? words.shown(shown, rows.length) : '';
        });
        wrap.parentNode.insertBefore(box, wrap);
      });

      // A region that scrolls must be reachable by keyboard to be scrolled.
      function focusableScrollers() {
        document.querySelectorAll('div.code > pre, figure.code-block > pre, .table-wrap, table.values td:nth-child(3) > code').forEach(function (region) {
          var scrolls = region.scrollWidth > region.clientWidth || region.scrollHeight > region.clientHeight + 1;
          if (scrolls) { region.tabIndex = 0; } else { region.removeAttribute('tabindex'); }
        });
      }
      focusableScrollers();
      window.addEventListener('resize', focusableScrollers);

      // "On this page" marks the section being read.
      var toc = document.querySelector('.toc');
      if (toc && window.IntersectionObserver) {
        var links = {};
        toc.querySelectorAll('a[href^="#"]').forEach(function (a) { links[decodeURIComponent(a.hash.slice(1))] = a; });
        var headings = Array.prototype.filter.call(document.querySelectorAll('main h2[id], main h3[id]'), function (h) { return links[h.id]; });
        var mark = function () {
          // The current section is the last heading above the upper third of the window.
          var line = window.innerHeight / 3, here = headings[0];
          headings.forEach(function (h) { if (h.getBoundingClientRect().top <= line) { here = h; } });
          toc.querySelectorAll('li.active').forEach(function (li) { li.classList.remove('active'); });
          toc.querySelectorAll('a[aria-current]').forEach(function (a) { a.removeAttribute('aria-current'); });
          if (here) {
            links[here.id].parentElement.classList.add('active');
            links[here.id].setAttribute('aria-current', 'location');
          }
        };
        var observer = new IntersectionObserver(mark, { rootMargin: '0px 0px -66% 0px' });
        headings.forEach(function (h) { observer.observe(h); });
        window.addEventListener('scroll', function () { window.requestAnimationFrame(mark); }, { passive: true });
        mark();
      }

      // The language switch keeps the section being read: anchors are the same in every language.
      function keepAnchor() {
        document.querySelectorAll('.language-switcher a[hreflang]').forEach(function (a) {
          var url = new URL(a.href);
          url.hash = window.location.hash;
          a.href = url.href;
        });
      }
      keepAnchor();
      window.addEventListener('hashchange', keepAnchor);
      // A language picked here is the one the site's root sends this reader to next time.
      document.querySelectorAll('.language-switcher a[hreflang]').forEach(function (a) {
        a.addEventListener('click', function () { save('docsite.language', a.getAttribute('hreflang')); });
      });

      // Search: Pagefind in a modal overlay, opened by a header button, "/" or Ctrl-K; Esc closes it.
      var search = document.querySelector('.search[data-bundle]');
      if (search && window.PagefindUI && header) {
        var bundle = search.getAttribute('data-bundle');
        var dialog = document.createElement('dialog');
        dialog.className = 'search-dialog';
        dialog.setAttribute('aria-label', search.getAttribute('data-label'));
        var close = button('header-button search-close', words.close);
        close.addEventListener('click', function () { dialog.close(); });
        dialog.appendChild(search);
        dialog.appendChild(close);
        document.body.appendChild(dialog);
        // Result URLs are root-relative; baseUrl keeps them right when the
        // site lives under a sub-path of the web server. The bundle path is
        // made absolute too: Pagefind imports it from its own script's URL,
        // where the page-relative path would climb out of the sub-path.
        var options = { element: search, bundlePath: new URL(bundle, window.location.href).pathname, showImages: false,
          baseUrl: new URL(bundle + '../', window.location.href).pathname };
        if (words.pagefind) { options.translations = words.pagefind; }
        new window.PagefindUI(options);
        // Pagefind's input has only a title; give it a real accessible name.
        var field = search.querySelector('input');
        if (field) { field.setAttribute('aria-label', search.getAttribute('data-label')); }
        if (field) { searchKeys(search, field, search.getAttribute('data-keys'), dialog); }
        var open = function () {
          if (dialog.open) { return; }
          if (root.classList.contains('nav-open')) { root.classList.remove('nav-open'); }
          dialog.showModal();
          if (field) { field.focus(); field.select(); }
        };
        var opener = button('header-button search-button', words.search + ' ', { 'aria-haspopup': 'dialog' });
        var hint = document.createElement('kbd');
        hint.textContent = '/';
        opener.appendChild(hint);
        opener.addEventListener('click', open);
        header.insertBefore(opener, header.querySelector('.language-switcher'));
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        dialog.addEventListener('click', function (e) { if (e.target === dialog) { dialog.close(); } });
        // A followed result inside this page must not leave the overlay over it.
        search.addEventListener('click', function (e) { if (e.target.closest && e.target.closest('a')) { dialog.close(); } });
        document.addEventListener('keydown', function (e) {
          var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
          if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) { e.preventDefault(); open(); } else if (e.key === '/' && !typing && !dialog.open) { e.preventDefault(); open(); }
        });
      }

      // Values keys as search results of their own: a query that looks like a key (dotted or
      // camelCase) lists the matching rows of the values references above Pagefind's pages, each
      // a link to its row. The list (keys.<language>.json) is fetched the first time it is needed.
      var KEYS_SHOWN = 8;
      function keyLike(query) { return /^\S+$/.test(query) && (query.indexOf('.') >= 0 || /[a-z][A-Z]/.test(query)); }
      // 0: the key itself; 1: whole segments of it ("image.tag"); 2: the start of a segment; 3: anywhere.
      function keyRank(key, query) {
        if (key === query) { return 0; }
        var at = key.indexOf(query);
        if (at < 0) { return -1; }
        var starts = at === 0 || key.charAt(at - 1) === '.';
        var ends = at + query.length === key.length || key.charAt(at + query.length) === '.' || query.slice(-1) === '.';
        return starts && ends ? 1 : starts ? 2 : 3;
      }
      function loadKeys(file) {
        var base = new URL(file, window.location.href);
        return fetch(base).then(function (r) { return r.ok ? r.json() : { charts: [] }; }).then(function (index) {
          var all = [];
          (index.charts || []).forEach(function (chart) {
            var page = new URL(chart.url, base);
            chart.keys.forEach(function (k) {
              all.push({ key: k.key, lower: k.key.toLowerCase(), chart: chart.chart, text: k.text, page: page.pathname,
                         href: page.href + '#' + k.anchor });
            });
          });
          return all;
        }, function () { return []; });
      }
      // Best rank first; among equals, keys of the page being read, then the file's order.
      function matchKeys(all, query) {
        var q = query.toLowerCase(), here = window.location.pathname.replace(/index\.html$/, '');
        return all.map(function (k, i) { return { k: k, rank: keyRank(k.lower, q), away: k.page === here ? 0 : 1, i: i }; })
          .filter(function (m) { return m.rank >= 0; })
          .sort(function (a, b) { return a.rank - b.rank || a.away - b.away || a.i - b.i; })
          .map(function (m) { return m.k; });
      }
      function keyItem(k) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.className = 'search-key';
        a.href = k.href;
        var code = document.createElement('code');
        code.textContent = k.key;
        var chart = document.createElement('span');
        chart.className = 'search-key-chart';
        chart.textContent = k.chart;
        a.appendChild(code);
        a.appendChild(document.createTextNode(' '));
        a.appendChild(chart);
        li.appendChild(a);
        if (k.text) {
          var p = document.createElement('p');
          p.textContent = k.text;
          li.appendChild(p);
        }
        return li;
      }
      function searchKeys(search, field, file, dialog) {
        if (!file || !window.fetch) { return; }
        var section = document.createElement('section');
        section.className = 'search-keys';
        section.setAttribute('aria-label', words.keys);
        section.hidden = true;
        var loaded = null;
        var show = function (matches) {
          section.textContent = '';
          section.hidden = !matches.length;
          if (!matches.length) { return; }
          var title = document.createElement('p');
          title.className = 'search-keys-title';
          title.textContent = words.keys + (matches.length > KEYS_SHOWN ? ': ' + words.firstOf(KEYS_SHOWN, matches.length) : '');
          var list = document.createElement('ul');
          matches.slice(0, KEYS_SHOWN).forEach(function (k) { list.appendChild(keyItem(k)); });
          section.appendChild(title);
          section.appendChild(list);
          // Between the field and Pagefind's results, which it renders later and re-renders.
          var form = field.form || search;
          form.insertBefore(section, form.querySelector('.pagefind-ui__drawer'));
        };
        field.addEventListener('input', function () {
          var query = field.value.trim();
          if (!keyLike(query)) { show([]); return; }
          loaded = loaded || loadKeys(file);
          loaded.then(function (all) { if (field.value.trim() === query) { show(matchKeys(all, query)); } });
        });
        // A key opened on its own page while the values filter hides its row: clear the filter.
        window.addEventListener('hashchange', function () {
          var row = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
          var wrap = row && row.hidden && row.closest('.values-wrap');
          var box = wrap && wrap.previousElementSibling;
          var input = box && box.classList.contains('values-filter') && box.querySelector('input');
          if (!input) { return; }
          input.value = '';
          input.dispatchEvent(new Event('input'));
          row.scrollIntoView();
        });
        // Pagefind's clear button empties the field without an input event.
        search.addEventListener('click', function (e) { if (e.target.closest('.pagefind-ui__search-clear')) { show([]); } });
        // Enter opens the first key, as a click on it would.
        field.addEventListener('keydown', function (e) {
          var first = !section.hidden && section.querySelector('a');
          if (e.key !== 'Enter' || !first) { return; }
          e.preventDefault();
          dialog.close();
          window.location.href = first.href;
        });
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

    """#
}
