"""Writing the site around any engine: stage (pages as Markdown) before it, finish after."""
