import { Component, type ReactNode } from 'react';

/** A clear page instead of a blank screen when a page fails to render. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main id="main">
        <h1>Something went wrong</h1>
        <p role="alert">This page could not be shown: {this.state.error.message}</p>
        <p>
          <a href="/">Go to the start page</a> or reload. If it happens again, tell IT what you were doing.
        </p>
      </main>
    );
  }
}
