#!/usr/bin/env python3
"""Checks the built AppStream metainfo as GNOME Software and Flathub read it.

Usage: check-metainfo.py METAINFO --version VERSION --source-root DIR

- `appstreamcli validate --no-net --pedantic`: no error and no warning (infos and
  pedantic notes are printed, not fatal);
- the newest release is the project's version, and every release has a date;
- every screenshot is an https URL to a file in data/screenshots/ of the repository,
  and that file exists once data/screenshots/ does.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

SCREENSHOT_URL = re.compile(r'https://[^ ]+/data/screenshots/([A-Za-z0-9._-]+\.png)')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('metainfo')
    parser.add_argument('--version', required=True)
    parser.add_argument('--source-root', required=True)
    o = parser.parse_args()
    errors = []

    appstreamcli = shutil.which('appstreamcli')
    if appstreamcli is None:
        errors.append('appstreamcli is not installed (package appstream, in build-aux/deps.txt)')
    else:
        proc = subprocess.run([appstreamcli, 'validate', '--no-net', '--pedantic', '--no-color',
                               o.metainfo], capture_output=True, text=True)
        print('# ' + proc.stdout.strip().replace('\n', '\n# '))
        issues = [l for l in proc.stdout.splitlines() if re.match(r'[EW]: ', l)]
        if proc.returncode != 0 or issues:
            errors.append('appstreamcli validate reports:\n' + '\n'.join(issues or
                                                                          [proc.stderr.strip()]))

    component = ET.parse(o.metainfo).getroot()
    releases = component.findall('releases/release')
    if not releases:
        errors.append('no release')
    else:
        if releases[0].get('version') != o.version:
            errors.append(f'the newest release is {releases[0].get("version")}, '
                          f'the project is {o.version}: add a <release> for it')
        for release in releases:
            if not re.fullmatch(r'\d{4}-\d{2}-\d{2}', release.get('date', '')):
                errors.append(f'release {release.get("version")} has no date')

    screenshots = component.findall('screenshots/screenshot')
    if not any(s.get('type') == 'default' for s in screenshots):
        errors.append('no default screenshot')
    shots_dir = os.path.join(o.source_root, 'data', 'screenshots')
    for image in component.findall('screenshots/screenshot/image'):
        match = SCREENSHOT_URL.fullmatch(image.text.strip())
        if match is None:
            errors.append(f'screenshot {image.text} is not an https URL into data/screenshots/')
        elif os.path.isdir(shots_dir) and not os.path.exists(os.path.join(shots_dir, match[1])):
            errors.append(f'screenshot {match[1]} is not in data/screenshots/')
    if not os.path.isdir(shots_dir):
        print('# data/screenshots/ does not exist yet: screenshot files not checked')

    for message in errors:
        print(message)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
