"""Imports of the courses app: e-learning completions from other platforms' exports."""
