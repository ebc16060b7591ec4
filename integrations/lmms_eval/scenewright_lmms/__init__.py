"""lmms-eval plugin package of the Scenewright integration (LMMS_EVAL_PLUGINS=scenewright_lmms)."""
