// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSsoConfig } from '../api/sso';
import { SignIn } from './sign-in';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function serverAnswers(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const at = (url: string) => render(<SignIn />, { wrapper: ({ children }) => <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter> });

describe('single sign-on on the sign-in page', () => {
  it('offers a plain link to the provider, with the configured label, when SSO is enabled', async () => {
    const fetchMock = serverAnswers(200, { enabled: true, label: 'Sign in with NHSmail' });
    at('/signin');
    const link = await screen.findByRole('link', { name: 'Sign in with NHSmail' });
    // A plain navigation (not fetch): the provider's pages and the API's redirect back need the whole browser.
    expect(link.getAttribute('href')).toBe('/v1/auth/oidc/start');
    expect(fetchMock).toHaveBeenCalledWith('/v1/auth/sso', expect.anything());
    // The password form stays for people without an SSO account.
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('names the button generically when the server gives no label', async () => {
    serverAnswers(200, { enabled: true });
    at('/signin');
    expect(await screen.findByRole('link', { name: 'Sign in with your organisation account' })).toBeTruthy();
  });

  it('shows no button when SSO is off, and none when the server does not know the route', async () => {
    const off = serverAnswers(200, { enabled: false, label: 'Sign in with NHSmail' });
    const { unmount } = at('/signin');
    await vi.waitFor(() => expect(off).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('link')).toBeNull();
    unmount();

    serverAnswers(404, { error: { code: 'NOT_FOUND', message: 'No route GET /v1/auth/sso' } });
    expect(await fetchSsoConfig()).toEqual({ enabled: false });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await fetchSsoConfig()).toEqual({ enabled: false });
    // A body that is not the contract's shape does not turn the button on.
    serverAnswers(200, { enabled: 'yes' });
    expect(await fetchSsoConfig()).toEqual({ enabled: false });
  });

  it('explains a failed round trip from ?sso_error= in plain words, with the code for support', async () => {
    serverAnswers(200, { enabled: true });
    at('/signin?sso_error=denied');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Single sign-on was cancelled');
    expect(alert.textContent).toContain('Reference: denied');
  });

  it('gives a general message for an unknown code and never echoes markup or long text from the address', async () => {
    serverAnswers(200, { enabled: true });
    at(`/signin?sso_error=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Single sign-on did not work');
    expect(alert.textContent).toContain('Reference: unknown');
    expect(alert.innerHTML).not.toContain('img');
  });

  it('shows no SSO message on a normal visit', async () => {
    serverAnswers(200, { enabled: true });
    at('/signin');
    await screen.findByRole('link', { name: /organisation account/ });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
