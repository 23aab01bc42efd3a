"""The narrated voice track: speech engines, their cache, the narrator scenes speak through, and the audio
the pipeline puts beside each video.

engines    espeak-ng (the default) and Piper (a voice model file): text -> WAV, offline
cache      each (text, engine, voice, rate) synthesised once per machine
narrator   what a scene says in each sub-step, and when (a ``<Scene>.voice.json`` beside the clip)
audio      WAV -> one sample rate, normalised loudness (ITU-R BS.1770), a clip's track
mux        a track encoded as AAC beside a video's stream-copied frames (PyAV)
"""
