/**
 * Enrols a simulated Apple device against a running server and answers its commands.
 *
 *   npx tsx scripts/simulate-apple-device.ts <profile-url> [--user-enrollment] [--no-passcode] [--poll-seconds 10] [--once]
 *
 * <profile-url> is the `profileUrl` from POST /v1/enrollments. There is no APNs here, so instead of waiting for a
 * push the simulator connects every --poll-seconds. Requests go to the ServerURL/CheckInURL in the profile
 * (PUBLIC_BASE_URL), signed with the identity from the profile like a real device.
 */
// @ts-nocheck

import { parseArgs } from 'node:util';
import { AppleDeviceSimulator, fetchTransport } from '../tests/support/apple-device-simulator.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'user-enrollment': { type: 'boolean', default: false },
    'no-passcode': { type: 'boolean', default: false },
    'poll-seconds': { type: 'string', default: '10' },
    once: { type: 'boolean', default: false },
  },
});
const profileUrl = positionals[0];
if (!profileUrl) {
  console.error('usage: npx tsx scripts/simulate-apple-device.ts <profile-url> [--user-enrollment] [--no-passcode] [--poll-seconds N] [--once]');
  process.exit(2);
}

const device = new AppleDeviceSimulator(fetchTransport, { userEnrollment: values['user-enrollment'], passcodePresent: !values['no-passcode'] });
const step = async (name: string, run: () => Promise<{ status: number; body: Buffer }>) => {
  const response = await run();
  console.log(`${name}: HTTP ${response.status}`);
  if (response.status !== 200) {
    console.error(response.body.toString('utf8'));
    process.exit(1);
  }
};

await step('download profile', () => device.enrol(profileUrl));
console.log(`identity installed; ServerURL ${device.profile!.serverUrl}, topic ${device.profile!.topic}`);
console.log(device.profile!.enrollmentMode ? `User Enrolment, EnrollmentID ${device.enrollmentId}` : `UDID ${device.udid}`);
await step('Authenticate', () => device.authenticate());
await step('TokenUpdate', () => device.tokenUpdate());

const pollMs = Number(values['poll-seconds']) * 1000;
for (;;) {
  const handled = await device.runSession();
  for (const command of handled) console.log(`answered ${(command.Command as { RequestType: string }).RequestType} (${command.CommandUUID as string})`);
  if (values.once) break;
  await new Promise((resolve) => setTimeout(resolve, pollMs));
}
