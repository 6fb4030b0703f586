#!/usr/bin/env python3
"""Installs the build into a temporary DESTDIR and checks what a distribution gets.

Usage: check-install.py --meson MESON --build-root DIR --source-root DIR --prefix P
                        --bindir D --datadir D --localedir D --app-id ID

- the binary, desktop entry, metainfo, icons, MIME type, translations, the WordPress
  plugin (with the docs) and (when the source tree has one) the GSettings schema land
  where distributions look;
- the pieces agree: the desktop entry names the installed icon, binary and MIME
  type, the metainfo launches that desktop entry, update-mime-database maps
  *.wiredesk to the type;
- every language in po/LINGUAS reaches the desktop entry, the metainfo and the MIME
  comment;
- the installed binary speaks each language: in a German (and French) locale every
  line of its help and of its error messages that comes from the catalogue is
  printed translated. WIREDESK_LOCALEDIR points it at the DESTDIR's locale folder.
  The locale is a real one (de_DE.UTF-8, from locales-all), as a user has: glibc
  2.39 and later ignore LANGUAGE in the C.UTF-8 locale, older ones did not.
"""

import argparse
import gettext
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
FORMAT_SPEC = re.compile(r"%(?:\d+\$)?[-#0 +']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfFgGaAcsp]")

errors = []


def check(condition, message):
    if not condition:
        errors.append(message)
    return condition


def under(root, *parts):
    return os.path.join(root, *[p.lstrip('/') for p in parts])


def read_desktop(path):
    entries = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if '=' in line and not line.startswith('#'):
                key, value = line.rstrip('\n').split('=', 1)
                entries[key] = value
    return entries


def check_desktop(path, o, linguas, bindir):
    entry = read_desktop(path)
    check(entry.get('Icon') == o.app_id,
          f'desktop entry: Icon={entry.get("Icon")}, expected {o.app_id}')
    exe = entry.get('Exec', '').split()[0] if entry.get('Exec') else ''
    check(os.path.exists(os.path.join(bindir, exe)),
          f'desktop entry: Exec={exe} is not an installed binary')
    for lang in linguas:
        for key in ('Name', 'Comment', 'Keywords'):
            check(f'{key}[{lang}]' in entry, f'desktop entry: no {key}[{lang}]')
    return [m for m in entry.get('MimeType', '').split(';') if m]


def check_metainfo(path, o, linguas, desktop_name, mime_types):
    component = ET.parse(path).getroot()
    check(component.findtext('id') == o.app_id, f'metainfo: id is {component.findtext("id")}')
    launchable = component.findtext('launchable[@type="desktop-id"]')
    check(launchable == desktop_name,
          f'metainfo: launchable {launchable} is not the installed {desktop_name}')
    binaries = [b.text for b in component.findall('provides/binary')]
    check('wiredesk' in binaries, 'metainfo: does not provide the wiredesk binary')
    media = {m.text for m in component.findall('provides/mediatype')}
    check(set(mime_types) <= media, f'metainfo: provides {sorted(media)}, '
          f'the desktop entry opens {mime_types}')
    langs = {s.get(XML_LANG) for s in component.findall('summary')}
    for lang in linguas:
        check(lang in langs, f'metainfo: no summary in {lang}')


def check_mime(path, mime_types, linguas, datadir):
    root = ET.parse(path).getroot()
    types = {t.get('type'): t for t in root.findall(MIME_NS + 'mime-type')}
    for mime in mime_types:
        if not check(mime in types, f'MIME: {mime} (from the desktop entry) is not defined'):
            continue
        globs = [g.get('pattern') for g in types[mime].findall(MIME_NS + 'glob')]
        check('*.wiredesk' in globs, f'MIME: {mime} has globs {globs}')
        langs = {c.get(XML_LANG) for c in types[mime].findall(MIME_NS + 'comment')}
        for lang in linguas:
            check(lang in langs, f'MIME: {mime} has no comment in {lang}')

    updater = shutil.which('update-mime-database')
    if updater is None:
        check(False, 'update-mime-database is not installed (shared-mime-info, in build-aux/deps.txt)')
        return
    mime_dir = os.path.join(datadir, 'mime')
    proc = subprocess.run([updater, mime_dir], capture_output=True, text=True,
                          env=dict(os.environ, PKGSYSTEM_ENABLE_FSYNC='0'))
    if check(proc.returncode == 0, f'update-mime-database fails: {proc.stderr.strip()}'):
        with open(os.path.join(mime_dir, 'globs2'), encoding='utf-8') as f:
            check(re.search(r'^\d+:application/x-wiredesk:\*\.wiredesk$', f.read(), re.M),
                  'update-mime-database does not map *.wiredesk to application/x-wiredesk')


def check_icons(datadir, app_id):
    for sub, name in (('scalable', app_id + '.svg'), ('symbolic', app_id + '-symbolic.svg')):
        path = os.path.join(datadir, 'icons', 'hicolor', sub, 'apps', name)
        if check(os.path.exists(path), f'icon {path} is not installed'):
            root = ET.parse(path).getroot()
            check(root.tag == '{http://www.w3.org/2000/svg}svg', f'{path} is not an SVG')


def check_schema(source_root, datadir):
    sources = glob.glob(os.path.join(source_root, 'data', '*.gschema.xml'))
    if not sources:
        check(False, f'no *.gschema.xml in {source_root}/data')
        return
    schema_dir = os.path.join(datadir, 'glib-2.0', 'schemas')
    for source in sources:
        check(os.path.exists(os.path.join(schema_dir, os.path.basename(source))),
              f'{os.path.basename(source)} is not installed in {schema_dir}')
    proc = subprocess.run(['glib-compile-schemas', '--strict', '--dry-run', schema_dir],
                          capture_output=True, text=True)
    check(proc.returncode == 0, f'installed schemas do not compile: {proc.stderr.strip()}')


def pattern(message):
    """A printf-style catalogue message as a regex; (literal length, compiled)."""
    parts = FORMAT_SPEC.split(message)
    regex = '(.+?)'.join(re.escape(p) for p in parts)
    return sum(len(p) for p in parts), re.compile(regex)


def catalogue_lines(text, catalog):
    """The lines of @text that come from the catalogue: [(line, msgid)]."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        best = None
        for msgid in catalog:
            literal, regex = pattern(msgid)
            if regex.fullmatch(line) or (literal >= 12 and regex.search(line)):
                if best is None or literal > best[0]:
                    best = (literal, msgid)
        if best is not None:
            found.append((line, best[1]))
    return found


def check_wordpress_plugin(source_root, datadir):
    """The must-use plugin a WordPress site needs is installed with the docs."""
    name = 'wiredesk-article-id.php'
    installed = os.path.join(datadir, 'doc', 'wiredesk', 'wordpress', name)
    if check(os.path.exists(installed), f'{installed} is not installed'):
        with open(installed, 'rb') as a, \
             open(os.path.join(source_root, 'data', 'wordpress', name), 'rb') as b:
            check(a.read() == b.read(), f'{installed} differs from data/wordpress/{name}')


def utf8_locale(lang):
    """An installed UTF-8 locale of @lang (de → de_DE.UTF-8), or None."""
    proc = subprocess.run(['locale', '-a'], capture_output=True, text=True)
    found = [name for name in proc.stdout.split()
             if re.fullmatch(re.escape(lang) + r'_[A-Z]{2}\.(utf8|UTF-8)', name)]
    # de_DE before de_AT, fr_FR before fr_BE.
    found.sort(key=lambda name: not name.startswith(f'{lang}_{lang.upper()}.'))
    return found[0] if found else None


def check_cli(binary, localedir, linguas, workdir):
    empty = os.path.join(workdir, 'empty.wiredesk')
    open(empty, 'w').close()
    cases = [
        ['--help'],
        ['export', '--no-such-option'],
        ['import'],
        ['export', empty, '--format', 'native'],
    ]

    def run(args, lang, locale):
        env = dict(os.environ, LANGUAGE=lang, LC_ALL=locale, WIREDESK_LOCALEDIR=localedir)
        env.pop('DISPLAY', None)
        env.pop('WAYLAND_DISPLAY', None)
        proc = subprocess.run([binary] + args, capture_output=True, text=True, env=env,
                              timeout=30)
        return proc.stdout + proc.stderr

    for lang in linguas:
        mo = os.path.join(localedir, lang, 'LC_MESSAGES', 'wiredesk.mo')
        if not check(os.path.exists(mo), f'{mo} is not installed'):
            continue
        locale = utf8_locale(lang)
        if not check(locale, f'no UTF-8 locale for “{lang}” is installed (`locale -a`; '
                     'Debian: locales-all, see build-aux/deps.txt)'):
            continue
        with open(mo, 'rb') as f:
            translations = gettext.GNUTranslations(f)
        catalog = {k: v for k, v in translations._catalog.items()
                   if isinstance(k, str) and k and v != k}
        for args in cases:
            english = run(args, 'C', 'C.UTF-8')
            translated = run(args, lang, locale)
            lines = catalogue_lines(english, catalog)
            if not check(lines, f'wiredesk {" ".join(args)}: no catalogue line in the '
                         f'English output:\n{english}'):
                continue
            for line, msgid in lines:
                _, regex = pattern(catalog[msgid])
                check(regex.search(translated),
                      f'LC_ALL={locale} wiredesk {" ".join(args)}: “{line}” is not translated; '
                      f'expected “{catalog[msgid]}” in:\n{translated}')
            print(f'# LC_ALL={locale} wiredesk {" ".join(args)}: '
                  f'{len(lines)} translated line(s)')


def main():
    parser = argparse.ArgumentParser()
    for name in ('meson', 'build-root', 'source-root', 'prefix', 'bindir', 'datadir',
                 'localedir', 'app-id'):
        parser.add_argument('--' + name, required=True)
    o = parser.parse_args()

    with open(os.path.join(o.source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        linguas = [w for line in f if not line.startswith('#') for w in line.split()]

    with tempfile.TemporaryDirectory(prefix='wiredesk-destdir-') as destdir:
        proc = subprocess.run([o.meson, 'install', '-C', o.build_root, '--destdir', destdir,
                               '--no-rebuild', '--quiet'], capture_output=True, text=True)
        if proc.returncode != 0:
            print('meson install fails:\n' + proc.stdout + proc.stderr)
            return 1

        # bindir and friends are relative to the prefix unless given absolute.
        bindir = under(destdir, os.path.join(o.prefix, o.bindir))
        datadir = under(destdir, os.path.join(o.prefix, o.datadir))
        localedir = under(destdir, os.path.join(o.prefix, o.localedir))
        binary = os.path.join(bindir, 'wiredesk')
        desktop_name = o.app_id + '.desktop'
        expected = [
            binary,
            os.path.join(datadir, 'applications', desktop_name),
            os.path.join(datadir, 'metainfo', o.app_id + '.metainfo.xml'),
            os.path.join(datadir, 'mime', 'packages', o.app_id + '.xml'),
        ]
        missing = [p for p in expected if not check(os.path.exists(p), f'{p} is not installed')]
        if not missing:
            mime_types = check_desktop(expected[1], o, linguas, bindir)
            check(mime_types == ['application/x-wiredesk'],
                  f'desktop entry: MimeType={mime_types}')
            check_metainfo(expected[2], o, linguas, desktop_name, mime_types)
            check_mime(expected[3], mime_types, linguas, datadir)
            check_cli(binary, localedir, linguas, destdir)
        check_icons(datadir, o.app_id)
        check_wordpress_plugin(o.source_root, datadir)
        check_schema(o.source_root, datadir)

    for message in errors:
        print(message)
    if not errors:
        print('# DESTDIR install: ok')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
