import { AppleDeviceSimulator, injectTransport, type SimulatedDeviceOptions } from '../../tools/apple-device-simulator.js';
import { appleEnv, type FakeApns } from '../../tools/fake-apns.js';
import { createIsolatedTestContext, createTestContext, type TestContext } from './context.js';

export async function createAppleContext(apns?: FakeApns, overrides: Record<string, string> = {}, options: { isolated?: boolean } = {}): Promise<TestContext> {
  return (options.isolated ? createIsolatedTestContext : createTestContext)(appleEnv(apns, overrides));
}

export function simulator(ctx: TestContext, options: SimulatedDeviceOptions = {}) {
  return new AppleDeviceSimulator(injectTransport(ctx.app as never), options);
}

/** Enrols a simulated device all the way (profile, Authenticate, TokenUpdate) and drains the first posture queries. */
export async function enrolDevice(
  ctx: TestContext,
  headers: Record<string, string>,
  body: { ownership: 'corporate' | 'personal'; userId?: string },
  options: SimulatedDeviceOptions = {},
) {
  const created = await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers, payload: { platform: 'apple', ...body } });
  if (created.statusCode !== 201) throw new Error(`enrolment failed: ${created.statusCode} ${created.body}`);
  const { deviceId, profileUrl } = created.json() as { deviceId: string; profileUrl: string };
  const sim = simulator(ctx, options);
  for (const step of [() => sim.enrol(profileUrl), () => sim.authenticate(), () => sim.tokenUpdate()]) {
    const response = await step();
    if (response.status !== 200) throw new Error(`device step failed: ${response.status} ${response.body.toString()}`);
  }
  await sim.runSession();
  return { sim, deviceId };
}
