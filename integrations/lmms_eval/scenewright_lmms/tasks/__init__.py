"""Tasks of the Scenewright plugin (lmms-eval adds this folder to its task paths)."""
