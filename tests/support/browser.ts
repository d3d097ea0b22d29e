import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Debian's Chromium with a fake camera that plays `videoPath` (Y4M) in a loop. */
export function launchWithFakeCamera(videoPath?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      ...(videoPath ? [`--use-file-for-fake-video-capture=${videoPath}`] : []),
    ],
  });
}

/** A context with the camera granted for `origin`. */
export async function cameraContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  await context.grantPermissions(['camera'], { origin });
  return context;
}

/**
 * A persistent profile (as an installed kiosk has) with the fake camera playing `videoPath` and the camera
 * granted for `origin`: its pages share storage and Web Locks like the tabs of one real browser.
 */
export async function persistentCameraContext(userDataDir: string, origin: string, videoPath?: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1024, height: 700 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      ...(videoPath ? [`--use-file-for-fake-video-capture=${videoPath}`] : []),
    ],
  });
  await context.grantPermissions(['camera'], { origin });
  return context;
}
