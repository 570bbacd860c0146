"""Domain operations as verbs: no Flask, no commits, the actor an argument."""
