import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_ADMIN_KEY, useTestApp } from './support/app.js';
import { launchChromium } from './support/chromium.js';

/**
 * Swagger UI as its users meet it, in a real browser: signed in through its Authorize dialog
 * with an API key, "Try it out" on an operation gets the service's answer, not a 401.
 */
describe('Swagger UI', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in through Authorize and gets 200 from "Try it out"', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/docs`);
      const operation = page.locator('#operations-system-getSystem');
      await operation.waitFor({ timeout: 30_000 });

      // Before signing in: the service's own 401.
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      const refused = page.waitForResponse((r) => r.url().endsWith('/v1/system'));
      await operation.locator('button.execute').click();
      expect((await refused).status()).toBe(401);

      await page.locator('button.btn.authorize').first().click();
      const dialog = page.locator('.modal-ux');
      await dialog.locator('.auth-container input').first().fill(TEST_ADMIN_KEY);
      await dialog.locator('.auth-btn-wrapper button.authorize').click();
      await dialog.locator('button.btn-done').click();

      const answered = page.waitForResponse((r) => r.url().endsWith('/v1/system'));
      await operation.locator('button.execute').click();
      const response = await answered;
      expect(response.status()).toBe(200);
      expect(response.request().headers().authorization).toBe(`Bearer ${TEST_ADMIN_KEY}`);
      await expect.poll(async () => (await operation.locator('.live-responses-table tr.response .response-col_status').first().textContent())?.trim()).toBe('200');
    } finally {
      await page.close();
    }
  });
});
