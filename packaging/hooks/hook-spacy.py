# Replaces the contrib hook: the same collection without spaCy's own test suite.
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("spacy", excludes=["**/tests/**"])
hiddenimports = collect_submodules("spacy", filter=lambda name: ".tests" not in name)
