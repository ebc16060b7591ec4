# Models this plugin adds to lmms-eval: name -> class in scenewright_lmms.models.<name>.
AVAILABLE_MODELS = {"scenewright_replay": "ScenewrightReplay"}
