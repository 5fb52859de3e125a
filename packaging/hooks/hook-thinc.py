# Replaces the contrib hook: the same collection without thinc's own test suite.
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("thinc", excludes=["**/tests/**"])
hiddenimports = collect_submodules("thinc", filter=lambda name: ".tests" not in name)
