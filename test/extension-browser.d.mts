import type { BrowserContext, Worker } from '@playwright/test';
export const ROOT: string;
export const HOST: string;
export const EXT_DIR: string;
export const CHROMIUM: string;
export function launchExtension(opts?: {
  extDir?: string;
  headless?: boolean;
  downloadsPath?: string;
  viewport?: { width: number; height: number };
  userDataDir?: string;
}): Promise<{ context: BrowserContext; sw: Worker; id: string; userDataDir: string }>;
export function consoleTabId(sw: Worker, pathPrefix: string): Promise<number | undefined>;
export function waitConsoleTabId(sw: Worker, pathPrefix: string, timeoutMs?: number): Promise<number>;
