import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { AppleDeviceSimulator, fetchTransport } from '../../tools/apple-device-simulator.js';
import { Authenticator, e2eState, expectAccessible, screenshot, signIn, watchConsole } from './helpers.js';

/**
 * Three journeys on one story: a nurse enrols her own iPhone; her ward manager finds it in the team report;
 * IT locks it and then selectively wipes it. The phone is the Apple device simulator speaking the MDM protocol
 * to the real server over HTTP, as an iPhone would after the profile is installed.
 */
test.describe.configure({ mode: 'serial' });

const state = e2eState();
const codes = {
  nurse: new Authenticator(state.users.nurse.totpSecret),
  manager: new Authenticator(state.users.manager.totpSecret),
  it: new Authenticator(state.users.it.totpSecret),
  admin: new Authenticator(state.users.admin.totpSecret),
};
let phone: AppleDeviceSimulator;
let workPhone: AppleDeviceSimulator;
let deviceState: string;

const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

async function both(page: Page, name: string) {
  const size = page.viewportSize();
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await screenshot(page, name);
  }
  if (size) await page.setViewportSize(size);
}

/** The device wakes up (as after an APNs push) and answers every queued command. */
async function deviceCheckIn() {
  await phone.runSession();
}

test('a nurse consents and enrols her personal iPhone, and sees its compliance', async ({ page }) => {
  // Enrolment makes RSA keys in pure JavaScript and every page gets an axe analysis: room for a loaded CI machine.
  test.setTimeout(300_000);
  const errors = watchConsole(page);
  await page.setViewportSize(PHONE);
  await signIn(page, state.users.nurse, codes.nurse);
  await expect(page.getByRole('heading', { name: 'My devices' })).toBeVisible();
  await expect(page.getByText('You have no enrolled devices yet.')).toBeVisible();
  await expectAccessible(page);

  // On a phone the menu is collapsed behind a button; open it with the keyboard.
  await page.getByRole('button', { name: 'Menu' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Enrol a phone' }).click();
  await expect(page.getByRole('heading', { name: 'What IT cannot see' })).toBeVisible();
  await expectAccessible(page);
  await both(page, 'staff-consent');
  await page.getByRole('button', { name: 'I have read this and agree' }).click();

  await page.getByRole('button', { name: 'iPhone or iPad' }).click();
  const download = page.getByRole('link', { name: 'Download the enrolment profile' });
  await expect(download).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code linking to the iPhone enrolment profile/ })).toBeVisible();
  await expectAccessible(page);
  await both(page, 'staff-enrol-iphone');

  // The iPhone downloads and installs the profile, checks in, and answers the posture queries.
  const profileUrl = new URL((await download.getAttribute('href'))!, state.baseUrl).toString();
  phone = new AppleDeviceSimulator(fetchTransport);
  expect((await phone.enrol(profileUrl)).status).toBe(200);
  expect((await phone.authenticate()).status).toBe(200);
  expect((await phone.tokenUpdate()).status).toBe(200);
  await deviceCheckIn();

  // What the API says about the phone, once it has judged the reports: the page must show the same.
  const token = await page.evaluate(async () => {
    const response = await fetch('/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json', 'x-refresh-cookie': '1' }, body: '{}' });
    return ((await response.json()) as { accessToken: string }).accessToken;
  });
  await expect
    .poll(async () => {
      const response = await fetch(`${state.baseUrl}/v1/me/devices`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { devices: { state: string; evaluatedAt: string | null }[] };
      return body.devices[0]?.evaluatedAt ? body.devices[0].state : 'not judged yet';
    })
    .not.toBe('not judged yet');
  const response = await fetch(`${state.baseUrl}/v1/me/devices`, { headers: { authorization: `Bearer ${token}` } });
  deviceState = ((await response.json()) as { devices: { state: string }[] }).devices[0]!.state;
  // Issue 15: Apple never reports the passcode length, so a rule stays unknown and the phone cannot reach
  // COMPLIANT yet; the console must show whatever the API decided.
  const labels: Record<string, string> = { COMPLIANT: 'Compliant', IN_GRACE: 'Action needed', NONCOMPLIANT: 'Not compliant', UNKNOWN: 'Waiting for the device' };

  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'My devices' }).click();
  const card = page.getByRole('article');
  await expect(card).toHaveCount(1);
  await expect(card.getByText(labels[deviceState]!, { exact: true })).toBeVisible();
  await expect(card.getByText(/Apple · personal/)).toBeVisible();
  await expectAccessible(page);
  await both(page, 'staff-my-devices');

  // What keeps work data in work apps on this phone, and what the organisation does not control on it.
  await card.getByText('How work data is protected on this device').click();
  await expect(card.getByRole('heading', { name: 'What your organisation does not control on your phone' })).toBeVisible();
  await expect(card.getByRole('heading', { name: 'What your organisation does not control on your phone' }).locator('xpath=following-sibling::ul[1]/li')).not.toHaveCount(0);
  await expectAccessible(page);
  await both(page, 'staff-data-protection');
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Privacy' }).click();
  await expect(page.getByRole('heading', { name: 'How we keep resident and patient data in approved apps' })).toBeVisible();
  await expect(page.getByText('What the organisation does not see or control on your phone:').first()).toBeVisible();
  await expectAccessible(page);
  await both(page, 'staff-privacy');
  expect(errors).toEqual([]);
});

test('the ward manager finds the phone in the team report and downloads the CSV', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize(DESKTOP);
  await signIn(page, state.users.manager, codes.manager);
  await expect(page.getByRole('heading', { name: 'Team compliance' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Your team: 1 devices/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Devices by state/ })).toBeVisible();
  if (deviceState === 'UNKNOWN') await page.getByLabel('Include devices that have not reported yet').check();
  const row = page.getByRole('row', { name: /Noor Nurse/ });
  if (deviceState !== 'COMPLIANT') await expect(row).toBeVisible();
  await expectAccessible(page);
  await both(page, 'manager-team');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^noncompliant-devices-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const [header, ...rows] = csv.trim().split('\r\n');
  // A manager's CSV never carries device details the API hides from managers.
  expect(header).toBe('deviceId,userName,userEmail,platform,ownership,state,graceDeadline,failingRules,unknownRules,blocked');
  // The file holds what the list shows (devices not reported yet included when ticked).
  expect(rows.some((r) => r.includes('Noor Nurse'))).toBe(deviceState !== 'COMPLIANT');

  // One person's devices, without serial numbers or versions: from the list when the phone is in it, else by the
  // person's page (a compliant phone is not on the failing list).
  if (deviceState !== 'COMPLIANT') await row.getByRole('link', { name: 'Noor Nurse' }).click();
  else await page.goto(`/team/people/${state.users.nurse.id}`);
  await expect(page.getByRole('heading', { name: 'Noor Nurse' })).toBeVisible();
  await expect(page.getByText(/serial/)).toHaveCount(0);
  await expectAccessible(page);
  await both(page, 'manager-person');
  expect(errors).toEqual([]);
});

test('IT enrols a work iPhone for the nurse, then locks and selectively wipes it with step-up MFA, and sees each command acknowledged', async ({ page }) => {
  // Two enrolments, inventory, bulk action, device detail, lock and wipe, each page analysed by axe.
  test.setTimeout(300_000);
  const errors = watchConsole(page);
  await page.setViewportSize(DESKTOP);
  await signIn(page, state.users.it, codes.it);
  await expect(page.getByRole('heading', { name: 'People' })).toBeVisible();
  await page.getByLabel('Find a person').fill('noor');
  await page.getByRole('link', { name: 'Noor Nurse' }).click();
  await expect(page.getByRole('heading', { name: 'Noor Nurse' })).toBeVisible();

  // Lock is not among the rights a personal enrolment grants, so IT acts on a company-owned phone it enrols now.
  await page.getByRole('button', { name: 'Apple enrolment link' }).click();
  const link = await page.locator('code').filter({ hasText: '/profile' }).textContent();
  workPhone = new AppleDeviceSimulator(fetchTransport);
  expect((await workPhone.enrol(link!)).status).toBe(200);
  expect((await workPhone.authenticate()).status).toBe(200);
  expect((await workPhone.tokenUpdate()).status).toBe(200);
  await workPhone.runSession();
  await page.reload();
  const work = page.getByRole('article').filter({ hasText: 'work-owned' });
  await expect(work).toHaveCount(1);
  await expectAccessible(page);
  const model = (await work.getByRole('link').textContent())!;

  // The inventory: search by the person, filter to work-owned phones, one row.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  await page.getByLabel('Search by name, model, serial number or person').fill('noor');
  await page.getByLabel('Ownership').selectOption('CORPORATE');
  await page.getByRole('button', { name: 'Search' }).click();
  const table = page.getByRole('region', { name: 'Device list' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Noor Nurse');
  await expect(table.getByRole('row').nth(1)).toContainText('Apple, work');
  // The personal phone is the other one: without the ownership filter both of Noor's phones are listed.
  await page.getByLabel('Ownership').selectOption('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByLabel('Ownership').selectOption('CORPORATE');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expectAccessible(page);
  await both(page, 'it-inventory');

  // A bulk action over the ticked device: the dry run says what would happen and changes nothing; then it runs.
  await table.getByRole('checkbox', { name: /Tick .* of Noor Nurse/ }).check();
  const bulk = page.getByRole('form', { name: 'Act on several devices' });
  await expect(bulk.getByLabel('The 1 ticked')).toBeChecked();
  await bulk.getByLabel('Action').selectOption('REEVALUATE');
  await bulk.getByLabel('Reason (recorded in the audit log)').fill('Policy changed this morning');
  await bulk.getByRole('button', { name: 'Dry run' }).click();
  await expect(bulk.getByRole('status')).toContainText('1 device selected, 1 would be acted on, 0 refused. Nothing has changed yet.');
  await expectAccessible(page);
  await both(page, 'it-bulk-dry-run');
  await bulk.getByRole('button', { name: 'Run on 1 device' }).click();
  // The job runs in the worker; on a busy machine it can take a while to be picked up.
  await expect(bulk.getByRole('status')).toContainText(/Bulk action done: 1 done/, { timeout: 60_000 });

  await table.getByRole('link', { name: model }).click();
  await expect(page.getByRole('heading', { name: model, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Reported security facts' })).toBeVisible();
  await expect(page.getByText('Noor Nurse')).toBeVisible();
  // A personal phone is never fully erased; this one is work-owned, so the console offers it.
  await expect(page.getByRole('button', { name: 'Full wipe' })).toBeVisible();
  await page.getByLabel('Name shown in the console').fill('Ward 7 shared iPhone');
  await page.getByLabel('Asset tag').fill('W7-0042');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Ward 7 shared iPhone', level: 1 })).toBeVisible();
  await expect(page.getByText('W7-0042', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await both(page, 'it-device-detail');

  for (const [button, confirm, reason] of [
    ['Lock', 'Lock device', 'Reported lost on the ward'],
    ['Selective wipe', 'Wipe work data', 'Not recovered after 24 hours'],
  ] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: confirm })).toBeVisible();
    await dialog.getByLabel('Reason (recorded in the audit log)').fill(reason);
    await dialog.getByLabel('Authenticator code').fill(await codes.it.next());
    await expectAccessible(page);
    await both(page, `it-${button.toLowerCase().replace(' ', '-')}-dialog`);
    // Keyboard: Enter in the code field submits the dialog.
    await dialog.getByLabel('Authenticator code').press('Enter');
    await expect(dialog).toBeHidden();
    const status = page.getByRole('status').filter({ hasText: `${button}:` });
    await expect(status).toContainText(/queued|sent|requested/);
    await expect
      .poll(async () => {
        await workPhone.runSession();
        return status.textContent();
      })
      .toContain('acknowledged');
  }
  const requestTypes = workPhone.received.map((c) => (c.Command as { RequestType?: string }).RequestType);
  expect(requestTypes).toContain('DeviceLock');
  expect(requestTypes).toContain('RemoveProfile');
  await both(page, 'it-device');
  expect(errors).toEqual([]);
});

test('a lost phone: the nurse reports it, and IT follows the incident from the list to closing', async ({ browser, page }) => {
  // Two people sign in, and each page gets an axe analysis.
  test.setTimeout(240_000);
  const nurse = await (await browser.newContext({ baseURL: state.baseUrl })).newPage();
  const nurseErrors = watchConsole(nurse);
  await nurse.setViewportSize(PHONE);
  await signIn(nurse, state.users.nurse, codes.nurse);
  await nurse.getByRole('button', { name: 'Menu' }).click();
  await nurse.getByRole('link', { name: 'Report a lost phone' }).click();
  await expect(nurse.getByRole('heading', { name: 'Report a lost or stolen phone' })).toBeVisible();
  const personal = await nurse.evaluate(async () => {
    const refreshed = await fetch('/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json', 'x-refresh-cookie': '1' }, body: '{}' });
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const mine = await fetch('/v1/me/devices', { headers: { authorization: `Bearer ${accessToken}` } });
    return ((await mine.json()) as { devices: { deviceId: string; ownership: string }[] }).devices.find((d) => d.ownership === 'PERSONAL')!.deviceId;
  });
  await nurse.getByLabel('Which device?').selectOption(personal);
  await nurse.getByLabel('Where was it last seen? (optional)').fill('Ward 7 staff room');
  await expectAccessible(nurse);
  await nurse.getByRole('button', { name: 'Report it' }).click();
  await expect(nurse.getByRole('status')).toContainText('IT has been told');
  expect(nurseErrors).toEqual([]);
  await nurse.context().close();

  const errors = watchConsole(page);
  await page.setViewportSize(DESKTOP);
  await signIn(page, state.users.it, codes.it);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
  const list = page.getByRole('region', { name: 'Incident list' });
  const row = list.getByRole('row').filter({ hasText: 'Noor Nurse' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('open');
  await expectAccessible(page);
  await both(page, 'it-incidents');

  await row.getByRole('link', { name: 'Lost device' }).click();
  await expect(page.getByRole('heading', { name: 'Lost device — open', level: 1 })).toBeVisible();
  await expect(page.getByText('Last seen: Ward 7 staff room.')).toBeVisible();
  await page.getByLabel('Work email').check();
  await page.getByRole('button', { name: 'Record assessment' }).click();
  await expect(page.getByText(/Assessed risk: \w+; data: email\./)).toBeVisible();
  await page.getByLabel('Action taken').fill('Called the ward: not handed in');
  await page.getByRole('button', { name: 'Record action' }).click();
  await expect(page.getByRole('list').getByText(/— action/)).toHaveCount(1);
  await expectAccessible(page);
  await both(page, 'it-incident-detail');
  await page.getByLabel('Lessons learned').fill('Remind staff to keep phones in lockers');
  await page.getByRole('button', { name: 'Close incident' }).click();
  await expect(page.getByRole('heading', { name: 'Lost device — closed', level: 1 })).toBeVisible();

  // Closed incidents leave the default (open) list and appear under "Closed".
  await page.getByRole('link', { name: 'All incidents' }).click();
  await expect(page.getByText('No incident matches.')).toBeVisible();
  await page.getByLabel('Status').selectOption('CLOSED');
  await page.getByLabel('Person').selectOption({ label: 'Noor Nurse' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(list.getByRole('row').filter({ hasText: 'Noor Nurse' })).toContainText('closed');
  expect(errors).toEqual([]);
});

test('an ADMIN reaches every page from the menu, each accessible and free of console errors', async ({ page }) => {
  // An axe analysis of each of ~18 pages and an API key minted with step-up: allow for a CI machine busy with the
  // other tests (a 2-core machine shared by several test runs took 5 minutes).
  test.setTimeout(480_000);
  const errors = watchConsole(page);
  await page.setViewportSize(DESKTOP);
  await signIn(page, state.users.admin, codes.admin);
  const menu = page.getByRole('navigation', { name: 'Main' });
  const labels = await menu.getByRole('link').allTextContents();
  expect(labels).toContain('Compliance policy');
  for (const label of labels) {
    await menu.getByRole('link', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Loading…')).toHaveCount(0);
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
    await expectAccessible(page);
  }
  // The policy editor shows what will change before saving.
  await menu.getByRole('link', { name: 'Compliance policy' }).click();
  const firstNumber = page.locator('fieldset input[type="number"]').first();
  await firstNumber.fill(String(Number(await firstNumber.inputValue()) + 1));
  await page.getByRole('button', { name: /Review 1 change/ }).click();
  await expect(page.getByRole('dialog').locator('ins')).toHaveCount(1);
  await expectAccessible(page);
  await both(page, 'admin-policy-diff');
  await page.getByRole('button', { name: 'Back' }).click();
  // An API key for an integration: minted after a fresh authenticator code, shown once, then revoked.
  await menu.getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: 'Add a service account' }).click();
  const create = page.getByRole('dialog', { name: 'Add a service account' });
  await create.getByLabel('Name', { exact: true }).fill('SIEM export');
  await create.getByLabel(/Read the audit log/).check();
  await create.getByRole('button', { name: 'Continue' }).click();
  const stepUp = page.getByRole('dialog', { name: 'Create key' });
  await stepUp.getByLabel('Authenticator code').fill(await codes.admin.next());
  await stepUp.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('status')).toContainText(/shown only once\. mdmk_/);
  const keys = page.getByRole('region', { name: 'Keys of SIEM export' });
  await expect(keys.getByRole('row')).toHaveCount(2);
  await expect(keys.getByRole('row').nth(1)).toContainText('devices:read, audit:read');
  await expectAccessible(page);
  await both(page, 'admin-api-keys');
  await keys.getByRole('button', { name: /^Revoke / }).click();
  const revoke = page.getByRole('dialog', { name: 'Revoke this key?' });
  await revoke.getByLabel('Reason (optional, recorded in the audit log)').fill('Created by the browser test');
  await revoke.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(keys.getByRole('row').nth(1)).toContainText('revoked');
  // The audit log verifies its chain on demand.
  await menu.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status')).toContainText('The chain is intact');
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  await both(page, 'admin-audit');
  expect(errors).toEqual([]);
});

test('every page a signed-out visitor can reach is accessible and says what to do', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/me/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Work email').fill('nobody@ward.example');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
  await expectAccessible(page);
  // Failed sign-ins answer 401: Chromium logs each failed fetch as a console error; nothing else may appear.
  expect(errors).toEqual([]);
});

test('the console is served with a CSP that allows no inline script', async ({ request }) => {
  const response = await request.get('/');
  const csp = response.headers()['content-security-policy']!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  const api = await request.get('/v1/no-such-route');
  expect(api.status()).toBe(404);
  expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
});
