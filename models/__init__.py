"""Qt-free core: genres, reports, the store, checks and the document outline."""
