"""The report editor (EditorWidget in ui/editor/editor.py) and its parts."""
