"""Every rule the data must follow, and its message in German and English."""
