extension StaticAssets {
    /// Where the theme switch of docsite.js remembers the reader's choice;
    /// theme.js reads the same key.
    static let themeStorageKey = "docsite.theme"

    /// assets/theme.js, loaded in `<head>` before the stylesheet and without
    /// `defer`: it blocks rendering for the few bytes it is, so a chosen
    /// theme is set before the first paint. docsite.js is deferred and sets
    /// it only after that paint, which flashed the system theme first. An
    /// external file, because a content security policy that forbids inline
    /// script is the common setting of the web servers the site lives on.
    static let themeScript = #"""
    try {
      var theme = localStorage.getItem('\#(themeStorageKey)');
      if (theme === 'light' || theme === 'dark') { document.documentElement.setAttribute('data-theme', theme); }
    } catch (e) { /* storage disabled: the system theme */ }

    """#
}
