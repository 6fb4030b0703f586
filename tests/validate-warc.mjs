// Reads a WACZ made by Wiredesk with warcio, an implementation of its own:
// every WARC record parses, its digests are recomputed here, and warcio's
// own CDXJ index of each WARC file agrees with the package's index: one line
// per response record (redirect hops too), with its URL, status, digest, place.
// Usage: node validate-warc.mjs WARCIO_CLI_JS PACKAGE.wacz
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const [cli, wacz] = process.argv.slice(2);
const { WARCParser } = await import(pathToFileURL(join(dirname(cli), 'index.js')).href);

const dir = mkdtempSync(join(tmpdir(), 'wacz-'));
execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', wacz, dir]);

const sha256 = (bytes) => 'sha256:' + createHash('sha256').update(bytes).digest('hex');
let failures = 0;
const fail = (what) => { console.error('FAIL: ' + what); failures++; };

for (const name of ['datapackage.json', 'indexes/index.cdxj', 'pages/pages.jsonl'])
  try { readFileSync(join(dir, name)); } catch { fail(`${name} is missing`); }

const ours = new Map();
for (const line of readFileSync(join(dir, 'indexes/index.cdxj'), 'utf8').split('\n')) {
  if (!line) continue;
  const json = JSON.parse(line.slice(line.indexOf('{')));
  json.key = line.slice(0, line.indexOf(' '));
  ours.set(`${json.filename} ${json.offset}`, json);
}

let records = 0, matched = 0;
for (const file of readdirSync(join(dir, 'archive'))) {
  const parser = new WARCParser(createReadStream(join(dir, 'archive', file)));
  for await (const record of parser) {
    records++;
    const type = record.warcType;
    if (record.warcHeaders.protocol !== 'WARC/1.1') fail(`${file}: ${record.warcHeaders.protocol}`);
    for (const h of ['WARC-Record-ID', 'WARC-Date', 'WARC-Block-Digest'])
      if (!record.warcHeader(h)) fail(`${file}: a ${type} record without ${h}`);
    if (type === 'response' || type === 'request') {
      if (!record.httpHeaders) fail(`${file}: a ${type} record without an HTTP head`);
      if (!record.warcTargetURI) fail(`${file}: a ${type} record without WARC-Target-URI`);
    }
    if (type === 'request' && !record.warcHeader('WARC-Concurrent-To')) fail(`${file}: request without WARC-Concurrent-To`);
    const content = await record.readFully(false);
    if (type === 'response') {
      if (sha256(content) !== record.warcHeader('WARC-Payload-Digest')) fail(`${file}: payload digest of ${record.warcTargetURI}`);
    } else if (type !== 'request') {
      if (sha256(content) !== record.warcHeader('WARC-Block-Digest')) fail(`${file}: block digest of a ${type} record`);
    }
  }
  // warcio's own index: each response record (redirect hops included) has
  // one line in ours, at the same place, for the same URL, status and digest,
  // and ours has no line warcio does not (conversion records, which warcio
  // also lists with no status, are not replayable pages: ours leaves them out).
  const cdx = execFileSync('node', [cli, 'cdx-index', join(dir, 'archive', file)], { encoding: 'utf8' });
  const theirs = new Set();
  for (const line of cdx.split('\n')) {
    if (!line) continue;
    const json = JSON.parse(line.slice(line.indexOf('{')));
    if (json.status === undefined) continue;
    theirs.add(String(json.offset));
    const mine = ours.get(`${file} ${json.offset}`);
    const where = `${file} at ${json.offset} (${json.url})`;
    if (!mine) { fail(`${where}: a response record our index lacks`); continue; }
    if (String(mine.length) !== String(json.length)) fail(`${where}: length ${mine.length}, warcio ${json.length}`);
    if (mine.url !== json.url) fail(`${where}: our index says url ${mine.url}`);
    if (String(mine.status) !== String(json.status)) fail(`${where}: our index says status ${mine.status}, warcio ${json.status}`);
    if (mine.digest && mine.digest.replace(/^sha256:/, '') !== String(json.digest).replace(/^sha256:/, ''))
      fail(`${where}: our index says digest ${mine.digest}, warcio ${json.digest}`);
    const key = line.slice(0, line.indexOf(' '));
    if (mine.key !== key) fail(`${where}: our key ${mine.key}, warcio ${key}`);
    matched++;
  }
  for (const [place, json] of ours)
    if (place.startsWith(file + ' ') && !theirs.has(String(json.offset)))
      fail(`${file}: warcio finds no response record at ${json.offset} (${json.url})`);
}
// Bodies are kept as sent: warcio undoes their content coding itself.
let decoded = 0;
for (const file of readdirSync(join(dir, 'archive'))) {
  const parser = new WARCParser(createReadStream(join(dir, 'archive', file)));
  for await (const record of parser) {
    const coding = record.httpHeaders ? record.httpHeaders.headers.get('content-encoding') : null;
    if (record.warcType !== 'response' || !coding || record.warcHeader('WARC-Truncated')) continue;
    const text = new TextDecoder().decode(await record.readFully(true));
    if (!text.includes('<html')) fail(`${file}: the ${coding} body of ${record.warcTargetURI} does not decode`);
    decoded++;
  }
}
if (decoded === 0) fail('no content-coded body to decode');
if (![...ours.values()].some((json) => json.hopOf && /^30[1278]$/.test(String(json.status))))
  fail('no redirect hop in the index');

console.log(`${records} WARC records read by warcio, ${decoded} coded bodies decoded by it, ${matched} index lines matched warcio's (url, status, digest, offset), ${failures} problems`);
process.exit(failures ? 1 : 0);
