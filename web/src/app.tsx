import { useEffect, useState, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { session, type Role } from './api/session';
import { Page } from './components/ui';
import { landingFor, navFor } from './nav';
import { Account, ChangePassword, EnrollMfa } from './pages/account';
import { PolicyEditor, PublishNotice, Users, Webhooks } from './pages/admin';
import { ApiKeys } from './pages/api-keys';
import { DeviceDetail } from './pages/device-detail';
import { IncidentDetail, Incidents } from './pages/incidents';
import { Inventory } from './pages/inventory';
import { Approvals, Audit, People } from './pages/it';
import { Person, Team } from './pages/manager';
import { SignIn } from './pages/sign-in';
import { EnrolPhone, MyDevices, MyNotifications, Privacy, ReportLost } from './pages/staff';
import { useSession } from './session-context';

function Shell({ children }: { children: ReactNode }) {
  const current = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    setMenuOpen(false);
    // Move focus to the new page's heading so screen readers announce the navigation.
    document.getElementById('page-title')?.focus();
  }, [location.pathname]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to={current ? landingFor(current.role) : '/signin'} className="brand">
          Device compliance
        </Link>
        {current ? (
          <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)}>
            Menu
          </button>
        ) : null}
      </header>
      {current ? (
        <nav id="nav" aria-label="Main" className={menuOpen ? 'open' : ''}>
          <ul>
            {navFor(current.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/team'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main">{children}</main>
    </>
  );
}

function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const current = useSession();
  const location = useLocation();
  if (!current) return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  const exempt = location.pathname.startsWith('/account');
  if (!exempt && current.mustResetPassword) return <Navigate to="/account/password" replace />;
  if (!exempt && current.mustEnrollMfa) return <Navigate to="/account/mfa" replace />;
  if (roles && !roles.includes(current.role)) return <Forbidden />;
  return <>{children}</>;
}

function Forbidden() {
  return (
    <Page title="Not available to you">
      <p>This page is for other roles. If you need it, ask IT.</p>
    </Page>
  );
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        There is no page at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </Page>
  );
}

/**
 * The start page sends each person to their landing page. Signed out, the query string goes along to the sign-in
 * page: single sign-on comes back to `/?sso_error=<code>` when the provider round trip failed.
 */
function Start() {
  const current = useSession();
  const { search } = useLocation();
  return <Navigate to={current ? landingFor(current.role) : { pathname: '/signin', search }} replace />;
}

const FLEET: Role[] = ['IT', 'ADMIN'];
const TEAM: Role[] = ['MANAGER', 'IT', 'ADMIN'];

export function App() {
  const current = useSession();
  const [resumed, setResumed] = useState(false);
  useEffect(() => {
    // A reload keeps the session through the refresh cookie; the access token itself never left memory.
    void session.refresh().finally(() => setResumed(true));
  }, []);
  if (!resumed) return <p className="loading">Loading…</p>;
  const g = (element: ReactNode, roles?: Role[]) => <Guard roles={roles}>{element}</Guard>;
  return (
    <BrowserRouter>
      <Shell>
        <Routes>
          <Route path="/" element={<Start />} />
          <Route path="/signin" element={current ? <Navigate to={landingFor(current.role)} replace /> : <SignIn />} />
          <Route path="/account" element={g(<Account />)} />
          <Route path="/account/password" element={g(<ChangePassword />)} />
          <Route path="/account/mfa" element={g(<EnrollMfa />)} />
          <Route path="/me/devices" element={g(<MyDevices />)} />
          <Route path="/me/enrol" element={g(<EnrolPhone />)} />
          <Route path="/me/privacy" element={g(<Privacy />)} />
          <Route path="/me/notifications" element={g(<MyNotifications />)} />
          <Route path="/me/lost" element={g(<ReportLost />)} />
          <Route path="/team" element={g(<Team />, TEAM)} />
          <Route path="/team/people/:id" element={g(<Person />, TEAM)} />
          <Route path="/it/devices" element={g(<Inventory />, FLEET)} />
          <Route path="/it/devices/:id" element={g(<DeviceDetail />, FLEET)} />
          <Route path="/it/people" element={g(<People />, FLEET)} />
          <Route path="/it/approvals" element={g(<Approvals />, FLEET)} />
          <Route path="/it/incidents" element={g(<Incidents />, FLEET)} />
          <Route path="/it/incidents/:id" element={g(<IncidentDetail />)} />
          <Route path="/it/audit" element={g(<Audit />, ['ADMIN'])} />
          <Route path="/admin/policy" element={g(<PolicyEditor />, ['ADMIN'])} />
          <Route path="/admin/privacy-notice" element={g(<PublishNotice />, ['ADMIN'])} />
          <Route path="/admin/users" element={g(<Users />, ['ADMIN'])} />
          <Route path="/admin/webhooks" element={g(<Webhooks />, ['ADMIN'])} />
          <Route path="/admin/api-keys" element={g(<ApiKeys />, ['ADMIN'])} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Shell>
    </BrowserRouter>
  );
}
