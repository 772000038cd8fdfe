import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's /usr/bin/chromium when present, else the binary shipped inside @sparticuz/chromium (if installed). */
async function cheminChromium(): Promise<string> {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const nom = '@sparticuz/chromium';
  try {
    const mod = (await import(/* @vite-ignore */ nom)) as { default: { executablePath(): Promise<string> } };
    return await mod.default.executablePath();
  } catch {
    throw new Error('Chromium introuvable : installez le paquet Debian « chromium » ou le paquet npm @sparticuz/chromium.');
  }
}

export async function lancerChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await cheminChromium(), args: ARGS });
}
