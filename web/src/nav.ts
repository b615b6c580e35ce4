import type { Role } from './api/session';

export interface NavItem {
  to: string;
  label: string;
  roles: Role[];
}

const EVERYONE: Role[] = ['STAFF', 'MANAGER', 'IT', 'ADMIN'];
const FLEET: Role[] = ['IT', 'ADMIN'];

/** The menu: staff pages first (most people are staff, on a phone), then team, IT and admin tools. */
export const NAV: NavItem[] = [
  { to: '/me/devices', label: 'My devices', roles: EVERYONE },
  { to: '/me/enrol', label: 'Enrol a phone', roles: EVERYONE },
  { to: '/me/privacy', label: 'Privacy', roles: EVERYONE },
  { to: '/me/notifications', label: 'Notifications', roles: EVERYONE },
  { to: '/me/lost', label: 'Report a lost phone', roles: EVERYONE },
  { to: '/team', label: 'Team compliance', roles: ['MANAGER', 'IT', 'ADMIN'] },
  { to: '/it/devices', label: 'Devices', roles: FLEET },
  { to: '/it/people', label: 'People', roles: FLEET },
  { to: '/it/approvals', label: 'Wipe approvals', roles: FLEET },
  { to: '/it/incidents', label: 'Incidents', roles: FLEET },
  { to: '/it/audit', label: 'Audit log', roles: ['ADMIN'] },
  { to: '/admin/policy', label: 'Compliance policy', roles: ['ADMIN'] },
  { to: '/admin/privacy-notice', label: 'Privacy notice', roles: ['ADMIN'] },
  { to: '/admin/users', label: 'Users and roles', roles: ['ADMIN'] },
  { to: '/admin/webhooks', label: 'Webhooks', roles: ['ADMIN'] },
  { to: '/admin/api-keys', label: 'API keys', roles: ['ADMIN'] },
  { to: '/account', label: 'My account', roles: EVERYONE },
];

export const navFor = (role: Role) => NAV.filter((item) => item.roles.includes(role));

/** Where each role lands after signing in. */
export function landingFor(role: Role): string {
  switch (role) {
    case 'MANAGER':
      return '/team';
    case 'IT':
    case 'ADMIN':
      return '/it/people';
    default:
      return '/me/devices';
  }
}
