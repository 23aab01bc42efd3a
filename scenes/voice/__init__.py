"""What a scene speaks through: speech engines, their cache, and the narrator. What the command does with the
speech after rendering (each clip's track, normalised, muxed beside its frames) is in ``scenes/pipeline/``
(``audio``, ``tracks``, ``mux``).

engines    espeak-ng (the default) and Piper (a voice model file): text -> WAV, offline
cache      each (text, engine, voice, rate) synthesised once per machine
narrator   what a scene says in each sub-step, and when (a ``<Scene>.voice.json`` beside the clip)
"""
