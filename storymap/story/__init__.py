"""The story: its model (places, passages, route), how one is built from text and
overrides, the story file that saves and edits it, and the workflow around them.

The model (``model``) imports neither building nor rendering; ``storymap`` ties them together.
"""
