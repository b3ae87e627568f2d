"""What each page shows: site facts, views, formatting, allow-list Markdown, pages."""
