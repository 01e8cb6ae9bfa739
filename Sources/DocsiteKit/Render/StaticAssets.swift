/// The few static files every site carries, shipped inside the tool so a
/// build needs nothing from outside and no request leaves the site.
public enum StaticAssets {
    public static let files: [String: String] = [
        "assets/docsite.css": css,
        "assets/docsite.js": script,
        "assets/theme.js": themeScript,
        "assets/favicon.svg": favicon,
    ]

    static let favicon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#e25a1c"/><path d="M9 21l5-12 4 8 2-4 3 8" stroke="#fff" stroke-width="2.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>

    """
}
