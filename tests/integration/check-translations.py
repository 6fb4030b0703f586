#!/usr/bin/env python3
"""Checks that every language in po/LINGUAS is complete for the code as it is now.

Usage: check-translations.py --source-root DIR

The template is extracted afresh (same xgettext arguments as meson's `wiredesk-pot`
with the 'glib' preset) into a temporary folder, never into the source tree. Each
po file must pass `msgfmt --check` and, merged with that template, be 100 %
translated with no fuzzy entry: a string added or changed in the code fails this
test until de and fr translate it. Files that hold translatable strings must be
listed in po/POTFILES, or their strings would never reach translators.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset (mesonbuild/modules/i18n.py), plus meson's own -k_.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments', '-k_',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]

C_MARKER = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|g_dpgettext2)\s*\(\s*"')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
SCHEMA_MARKER = re.compile(r'<(?:summary|description)>')

errors = []


def read_list(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def files_with_strings(root):
    """Source files that mark strings for translation, relative to root."""
    found = set()
    for top in ('src', 'data'):
        for dirpath, dirs, files in os.walk(os.path.join(root, top)):
            for name in files:
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if name.endswith('.c'):
                    marker = C_MARKER
                elif name.endswith('.ui'):
                    marker = UI_MARKER
                elif name.endswith('.gschema.xml'):
                    marker = SCHEMA_MARKER
                elif name.endswith(('.desktop.in', '.metainfo.xml.in', '.mime.xml.in')):
                    found.add(rel)
                    continue
                else:
                    continue
                with open(path, encoding='utf-8', errors='replace') as f:
                    if marker.search(f.read()):
                        found.add(rel)
    return found


def check_potfiles(root, potfiles):
    for rel in potfiles:
        if not os.path.exists(os.path.join(root, rel)):
            errors.append(f'po/POTFILES lists {rel}, which does not exist')
    for rel in sorted(files_with_strings(root) - set(potfiles)):
        errors.append(f'{rel} has translatable strings but is not listed in po/POTFILES')


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def statistics(po_path):
    """(translated, fuzzy, untranslated) from msgfmt --check --statistics."""
    proc = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po_path])
    if proc.returncode != 0:
        return None, proc.stderr.strip()
    counts = {}
    for number, kind in re.findall(r'(\d+) (translated|fuzzy|untranslated)', proc.stderr):
        counts[kind] = int(number)
    return (counts.get('translated', 0), counts.get('fuzzy', 0),
            counts.get('untranslated', 0)), proc.stderr.strip()


def msgids(po_path, selector):
    proc = run(['msgattrib', selector, '--no-wrap', '--no-location', po_path])
    return [m for m in re.findall(r'^msgid "(.*)"$', proc.stdout, re.M) if m]


def check_language(lang, po_path, pot_path, workdir):
    if not os.path.exists(po_path):
        errors.append(f'po/LINGUAS names {lang}, but po/{lang}.po does not exist')
        return
    counts, output = statistics(po_path)
    if counts is None:
        errors.append(f'po/{lang}.po: msgfmt --check fails:\n{output}')
        return

    merged = os.path.join(workdir, lang + '.po')
    proc = run(['msgmerge', '--quiet', '-o', merged, po_path, pot_path])
    if proc.returncode != 0:
        errors.append(f'po/{lang}.po: msgmerge fails:\n{proc.stderr.strip()}')
        return
    counts, output = statistics(merged)
    if counts is None:
        errors.append(f'po/{lang}.po merged with the current template: msgfmt --check fails:\n'
                      f'{output}')
        return
    translated, fuzzy, untranslated = counts
    total = translated + fuzzy + untranslated
    print(f'# {lang}: {translated}/{total} translated ({output})')
    if fuzzy or untranslated:
        missing = msgids(merged, '--untranslated') + msgids(merged, '--only-fuzzy')
        errors.append(f'po/{lang}.po is {translated}/{total} translated against the current '
                      'code; run `meson compile -C build wiredesk-update-po` and translate:\n  '
                      + '\n  '.join(missing))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', required=True)
    parser.add_argument('--package', default='wiredesk')
    options = parser.parse_args()
    root = options.source_root
    po_dir = os.path.join(root, 'po')

    potfiles = read_list(os.path.join(po_dir, 'POTFILES'))
    linguas = [lang for line in read_list(os.path.join(po_dir, 'LINGUAS')) for lang in line.split()]
    check_potfiles(root, potfiles)
    for name in sorted(os.listdir(po_dir)):
        if name.endswith('.po') and name[:-3] not in linguas:
            errors.append(f'po/{name} exists but po/LINGUAS does not name {name[:-3]}')

    with tempfile.TemporaryDirectory(prefix='wiredesk-po-') as workdir:
        pot_path = os.path.join(workdir, options.package + '.pot')
        proc = run(['xgettext', '--package-name=' + options.package, '-D', root,
                    '-f', os.path.join(po_dir, 'POTFILES'), '-o', pot_path] + XGETTEXT_ARGS)
        if proc.returncode != 0 or not os.path.exists(pot_path):
            errors.append('xgettext fails:\n' + proc.stderr.strip())
        else:
            if proc.stderr.strip():
                print('# xgettext: ' + proc.stderr.strip().replace('\n', '\n# '))
            for lang in linguas:
                check_language(lang, os.path.join(po_dir, lang + '.po'), pot_path, workdir)

    for message in errors:
        print(message)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
