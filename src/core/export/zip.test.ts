import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { crc32, zipFiles } from './zip';

it('crc32 gives the standard check value and that of the empty input', () => {
  // The CRC-32 check value of "123456789" (IEEE 802.3; zlib's crc32 gives the same).
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  expect(crc32(new Uint8Array())).toBe(0);
});

it("an archive that Python's zipfile reads back, file by file, with UTF-8 names and CRCs checked", () => {
  const files = { 'train.py': 'print("hi")\n', 'methods/swav.py': '# Σ q log p\n', 'README.md': '' };
  const dir = mkdtempSync(join(tmpdir(), 'zip-'));
  writeFileSync(join(dir, 'a.zip'), zipFiles(files));
  const script = 'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))';
  const r = spawnSync(process.env.PYTHON ?? 'python3', ['-c', script, join(dir, 'a.zip')], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual(files);
  // Deterministic: the same files give the same bytes.
  expect(Buffer.from(zipFiles(files)).equals(readFileSync(join(dir, 'a.zip')))).toBe(true);
});
