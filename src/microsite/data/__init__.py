"""Reading the editor's files into the model: YAML with positions, guards, schema."""
