"""What the build writes besides pages: open data, CSP, sitemaps, redirects, swap."""
