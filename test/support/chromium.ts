import { existsSync } from 'node:fs';

import { type Browser, chromium } from 'playwright-core';

/**
 * Headless Chromium from the system (Debian's `chromium` package, which .ci/run installs):
 * playwright's own browser downloads do not work on these machines. A missing browser fails
 * the test that needs it, never skips it. The flags keep Chromium off the network (the closed
 * network here makes its background services hang) and let WebGL fall back to SwiftShader.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` (.ci/run does) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
