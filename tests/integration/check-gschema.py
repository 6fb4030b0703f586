#!/usr/bin/env python3
"""glib-compile-schemas --strict --dry-run on data/, which must hold the
app's schema.

Usage: check-gschema.py DATADIR
"""

import glob
import os
import subprocess
import sys

data_dir = sys.argv[1]
schemas = glob.glob(os.path.join(data_dir, '*.gschema.xml'))
if not schemas:
    print(f'no *.gschema.xml in {data_dir}')
    sys.exit(1)

proc = subprocess.run(['glib-compile-schemas', '--strict', '--dry-run', data_dir],
                      capture_output=True, text=True)
print(proc.stdout + proc.stderr)
sys.exit(0 if proc.returncode == 0 else 1)
