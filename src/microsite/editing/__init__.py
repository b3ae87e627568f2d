"""The editors' tools: browser editor, local editing server, review, file layout."""
