// Stands in for the real file: a page links here to reach the generated codes page.
