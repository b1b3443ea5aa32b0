/**
 * Firefox ESR: the school's Web Lock holds there too. Panel A sends; panel B, another page of the
 * add-on bound to the same console tab, opens the mail dialog during A's run: it is told a sending is
 * in progress in another window, can send nothing, and ends with A's report; nobody mailed twice.
 */
import { expected } from '../e2e/oracle';
import type { ConsoleApi } from '../e2e/fixtures';
import {
  DEMO, MASSMAIL, chooseOption, clickButton, clickCheckbox, consoleTabId, expect, loginAs, openExtPage, test, textOf, until, waitText,
  type Firefox, type Page,
} from './fixtures';

async function panels(ff: Firefox, api: ConsoleApi, consolePage: Page): Promise<[Page, Page]> {
  await loginAs(consolePage, api, 'adml', MASSMAIL);
  const helper = await openExtPage(ff.browser, 'options.html');
  const tabId = await consoleTabId(helper, MASSMAIL);
  await helper.close();
  // A's sends are held by the fake console while B looks (below): a longer per-request timeout than
  // the 30 s default, so a slow machine's B can never make A's held chunks time out.
  const a = await openExtPage(ff.browser, `panel.html?tab=${tabId}&mailTimeoutMs=120000`);
  const b = await openExtPage(ff.browser, `panel.html?tab=${tabId}`);
  for (const p of [a, b]) await waitText(p, '.count-selected', /^\d+ comptes sélectionnés$/);
  return [a, b];
}

const dialogButtons = (p: Page) => p.evaluate(() => Array.from(document.querySelectorAll('[role=dialog] button')).map((b) => b.textContent?.trim()));

test('two panels on one school: B waits for A’s run (Web Lock), sends nothing and shows the same report', async ({ ff, api, consolePage }) => {
  const users = await api.users(DEMO);
  const want = expected(users, { profiles: ['Relative'], activated: true });
  const withEmail = want.filter((u) => u.email?.trim());
  const [a, b] = await panels(ff, api, consolePage);
  // A director clicks in the tab in front: Firefox gives a real click to that tab only (B, opened
  // last, was in front and A's clicks were lost now and then).
  await a.bringToFront();
  await clickCheckbox(a, 'Profils', 'Parent');
  await chooseOption(a, 'Activation', 'Utilisateurs activés');
  await waitText(a, '.count-selected', `${want.length} comptes sélectionnés`);

  // A's sends wait at the console until B has looked: A's run cannot end before B's dialog checks
  // (with a mere latency it could, on a loaded machine, and B then rightly offered to send).
  await api.knobs({ hold: { path: '/directory/class-admin/massmail', pass: 0 } });
  await clickButton(a, 'Envoyer par mail', 'section.publish');
  await clickButton(a, 'Envoyer', '[role=dialog]');
  await waitText(a, '[role=dialog] [role=status]', /^Envoi des courriels… \d+ \/ \d+$/);

  await b.bringToFront();
  await clickButton(b, 'Envoyer par mail', 'section.publish');
  await waitText(b, '[role=dialog] h2', 'Envoi en cours ailleurs');
  expect(await textOf(b, '[role=dialog]')).toContain('Un envoi est en cours dans une autre fenêtre');
  expect(await dialogButtons(b)).toEqual(['Fermer']);
  await api.knobs({ hold: null });

  const report = (p: Page) => until('the report', () => textOf(p, '[role=dialog] .report'), 90_000);
  const ra = await report(a);
  const rb = await report(b);
  expect(ra).toBe(`Bilan pour ${want.length} comptes : ${withEmail.length} envoyés, ${want.length - withEmail.length} sans courriel, 0 en échec, 0 incertain, 0 refusé, 0 non envoyé (envoi arrêté).`);
  expect(rb).toBe(ra);
  const mails = (await api.mails()).filter((m) => m.via === 'class-admin').map((m) => m.userId);
  expect(mails.sort()).toEqual(withEmail.map((u) => u.id).sort());
});
