"""WTForms classes: what a person may type, and the messages they get. No database access."""
