// @ts-nocheck
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';
import { hashPassword } from '../src/domain/auth/password.js';
import type { Role } from '../src/generated/prisma/enums.js';

/**
 * Demo data: one person per role, a small team under the manager. Safe to run again: users are matched by
 * email and get a fresh password each run (printed below), so the printed credentials always work.
 */
const config = loadConfig();
const deps = await createDeps(config, { logger: pino({ level: 'warn' }) });
const people: { email: string; name: string; role: Role; team?: boolean }[] = [
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'ADMIN' },
  { email: 'it@demo.test', name: 'Ian Tech', role: 'IT' },
  { email: 'manager@demo.test', name: 'Maya Ward-Manager', role: 'MANAGER' },
  { email: 'nurse@demo.test', name: 'Noor Nurse', role: 'STAFF', team: true },
  { email: 'carer@demo.test', name: 'Cal Carer', role: 'STAFF', team: true },
];
const password = process.env.DEMO_PASSWORD ?? `demo-${randomBytes(6).toString('base64url')}`;
const passwordHash = await hashPassword(password);
try {
  const manager = await deps.db.user.upsert({
    where: { email: 'manager@demo.test' },
    create: { email: 'manager@demo.test', name: 'Maya Ward-Manager', role: 'MANAGER', passwordHash },
    update: { passwordHash, disabledAt: null, failedLoginCount: 0, lockedUntil: null },
  });
  for (const person of people) {
    const data = { name: person.name, role: person.role, managerId: person.team ? manager.id : null, passwordHash };
    await deps.db.user.upsert({
      where: { email: person.email },
      create: { email: person.email, ...data },
      update: { ...data, disabledAt: null, failedLoginCount: 0, lockedUntil: null },
    });
  }
  await deps.audit.record({ actorType: 'system', action: 'demo.seeded', details: { users: people.map((p) => p.email) } });
  console.log('\nDemo users (password for all of them):', password);
  for (const person of people) console.log(`  ${person.role.padEnd(8)} ${person.email}`);
  console.log('');
} finally {
  await closeDeps(deps);
}
