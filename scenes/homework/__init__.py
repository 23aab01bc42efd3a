"""The class's homework: sheets as PDF, the `homework` and `grade` commands, the video batch on Dask."""
