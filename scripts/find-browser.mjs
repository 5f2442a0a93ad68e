// Prints the path of a Chromium for Playwright to drive (no browser download): $CHROMIUM_PATH,
// then Debian's /usr/bin/chromium, then other usual names. Exits 1 with advice when none exists.
import { existsSync } from 'node:fs';

export function findBrowser() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = findBrowser();
  if (!path) {
    console.error('No Chromium found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
  console.log(path);
}
