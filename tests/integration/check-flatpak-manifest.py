#!/usr/bin/env python3
"""Checks the Flatpak manifest the way a Flathub reviewer would.

Usage: check-flatpak-manifest.py MANIFEST --app-id ID --command BIN --source-root DIR

- flatpak-builder itself parses it (G_DEBUG=fatal-warnings turns unknown keys and
  wrong types into errors) when it is installed; the GNOME SDK is not needed for that;
- id, runtime, sdk, runtime version (GNOME 50 or newer: Flathub dropped GNOME 48
  when 50 came out in March 2026) and command;
- finish-args: the sandbox holes the app needs and nothing more (no file system);
- every module: a known build system, every source pinned (url + sha256, or a
  git commit), and the app itself built from this checkout with meson;
- every library that a meson.build asks for and the GNOME runtime lacks has a module.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

REQUIRED_FINISH_ARGS = {
    '--share=network',      # checks sources over HTTP
    '--share=ipc',          # X11 shared memory
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',         # GL rendering
}
BUILDSYSTEMS = {'autotools', 'cmake', 'cmake-ninja', 'meson', 'simple', 'qmake'}
PINNED_TYPES = {'archive', 'file'}
SOURCE_TYPES = PINNED_TYPES | {'git', 'dir', 'patch', 'script', 'inline', 'shell'}
# The oldest GNOME runtime Flathub still supports (GNOME 48 left in March 2026).
MIN_GNOME = 50

# pkg-config names that org.gnome.Platform provides (GNOME 47 and later, so 50 too).
RUNTIME_PROVIDES = {
    'glib-2.0', 'gio-2.0', 'gio-unix-2.0', 'gobject-2.0', 'gmodule-2.0', 'gthread-2.0',
    'gtk4', 'libadwaita-1', 'gtksourceview-5', 'libsoup-3.0', 'json-glib-1.0',
    'libxml-2.0', 'libsecret-1', 'libpsl', 'cairo', 'pango', 'pangocairo',
    'gdk-pixbuf-2.0', 'graphene-1.0', 'harfbuzz', 'fontconfig', 'freetype2',
    'gnutls', 'sqlite3', 'zlib', 'libcurl', 'gsettings-desktop-schemas',
    # enchant-2 with its hunspell provider (gspell and WebKitGTK use it); the dictionaries
    # come with org.gnome.Platform.Locale.
    'enchant-2', 'hunspell',
}

errors = []


def fail(message):
    errors.append(message)


def reject_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    for key in set(keys):
        if keys.count(key) > 1:
            fail(f'duplicate key "{key}"')
    return dict(pairs)


def normalize(name):
    """libcmark → cmark, libadwaita-1 → adwaita, json-glib-1.0 → json-glib."""
    name = name.lower()
    name = re.sub(r'-[0-9][0-9.]*$', '', name)
    if name.startswith('lib') and len(name) > 3:
        name = name[3:]
    return name


def meson_dependencies(source_root):
    found = set()
    for top, dirs, files in os.walk(source_root):
        dirs[:] = [d for d in dirs
                   if not d.startswith(('.', 'build', '_build')) and d != 'subprojects']
        if 'meson.build' in files:
            with open(os.path.join(top, 'meson.build'), encoding='utf-8') as f:
                text = f.read()
            for m in re.finditer(r"""dependency\s*\(\s*['"]([^'"]+)['"]""", text):
                found.add(m.group(1))
    return found


def check_builder(path):
    builder = shutil.which('flatpak-builder')
    if builder is None:
        fail('flatpak-builder is not installed (it is in build-aux/deps.txt)')
        return
    env = dict(os.environ, G_DEBUG='fatal-warnings')
    # It leaves a .flatpak-builder/ state folder in its working directory.
    with tempfile.TemporaryDirectory(prefix='wiredesk-flatpak-') as workdir:
        proc = subprocess.run([builder, '--show-manifest', os.path.abspath(path)], env=env,
                              capture_output=True, text=True, cwd=workdir)
    if proc.returncode != 0:
        fail('flatpak-builder --show-manifest rejects the manifest:\n' + proc.stderr.strip())
    else:
        print('# flatpak-builder --show-manifest: ok')


def check_top(manifest, app_id, command):
    expected = {'id': app_id, 'runtime': 'org.gnome.Platform', 'sdk': 'org.gnome.Sdk',
                'command': command}
    for key, value in expected.items():
        if manifest.get(key) != value:
            fail(f'"{key}" is {manifest.get(key)!r}, expected {value!r}')

    version = str(manifest.get('runtime-version', ''))
    if not re.fullmatch(r'[0-9]+', version) or int(version) < MIN_GNOME:
        fail(f'"runtime-version" is {version!r}: expected a GNOME release, {MIN_GNOME} or newer')

    args = manifest.get('finish-args', [])
    if len(args) != len(set(args)):
        fail('"finish-args" repeats an argument')
    for missing in sorted(REQUIRED_FINISH_ARGS - set(args)):
        fail(f'"finish-args" lacks {missing}')
    for extra in sorted(set(args) - REQUIRED_FINISH_ARGS):
        fail(f'"finish-args" has {extra}, which this app does not need '
             '(files go through the portals)')


def check_source(module_name, source, is_app, source_root, manifest_dir):
    kind = source.get('type')
    where = f'module "{module_name}"'
    if kind not in SOURCE_TYPES:
        fail(f'{where}: unknown source type {kind!r}')
        return
    if kind in PINNED_TYPES:
        url = source.get('url', '')
        if not url.startswith('https://'):
            fail(f'{where}: source url {url!r} is not an https URL')
        if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
            fail(f'{where}: source {url!r} is not pinned by a sha256')
    elif kind == 'git':
        if not re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')):
            fail(f'{where}: git source is not pinned by a commit')
    elif kind == 'dir':
        if not is_app:
            fail(f'{where}: only the app itself may be built from a local folder')
        path = os.path.normpath(os.path.join(manifest_dir, source.get('path', '')))
        if os.path.realpath(path) != os.path.realpath(source_root):
            fail(f'{where}: "dir" source {path} is not the checkout {source_root}')


def check_modules(manifest, manifest_dir, source_root):
    modules = manifest.get('modules', [])
    if not modules:
        fail('no modules')
        return
    names = []
    for index, module in enumerate(modules):
        if not isinstance(module, dict):
            fail(f'module {index} is not an inline object')
            continue
        name = module.get('name', f'#{index}')
        names.append(name)
        is_app = index == len(modules) - 1
        if module.get('buildsystem', 'autotools') not in BUILDSYSTEMS:
            fail(f'module "{name}": unknown buildsystem {module.get("buildsystem")!r}')
        if not module.get('sources'):
            fail(f'module "{name}" has no sources')
        for source in module.get('sources', []):
            check_source(name, source, is_app, source_root, manifest_dir)
        if not is_app and normalize(name) in {normalize(p) for p in RUNTIME_PROVIDES}:
            fail(f'module "{name}" rebuilds a library the GNOME runtime already has')

    if len(names) != len(set(names)):
        fail('two modules share a name')
    app = modules[-1]
    if app.get('name') != 'wiredesk' or app.get('buildsystem') != 'meson':
        fail('the last module must be wiredesk itself, built with meson')

    provided = {normalize(n) for n in names} | {normalize(p) for p in RUNTIME_PROVIDES}
    for dep in sorted(meson_dependencies(source_root)):
        if normalize(dep) not in provided:
            fail(f'meson.build needs "{dep}", which neither the GNOME runtime '
                 'nor a module of the manifest provides')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('manifest')
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--command', required=True)
    parser.add_argument('--source-root', required=True)
    options = parser.parse_args()

    try:
        with open(options.manifest, encoding='utf-8') as f:
            manifest = json.load(f, object_pairs_hook=reject_duplicate_keys)
    except (OSError, ValueError) as e:
        print(f'{options.manifest}: {e}')
        return 1

    check_builder(options.manifest)
    check_top(manifest, options.app_id, options.command)
    check_modules(manifest, os.path.dirname(os.path.abspath(options.manifest)),
                  options.source_root)

    for message in errors:
        print(f'{options.manifest}: {message}')
    if not errors:
        print(f'# {options.manifest}: ok')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
