import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether browser tests can run. Without Chromium they are skipped with a loud message,
 * except in CI, where a missing browser must fail the run.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === "true") throw new Error(`Chromium is required in CI but ${chromiumPath} does not exist (apt-get install -y chromium)`);
  console.warn(`\n*** BROWSER TESTS SKIPPED: no Chromium at ${chromiumPath}. Install it: apt-get install -y chromium ***\n`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}
