/**
 * Loaded before the application (`node --import ./dist/src/observability/tracing-preload.js dist/src/api/server.js`)
 * so the instrumented modules are hooked when the app imports them. Reads the environment directly because it runs
 * before the configuration is loaded; tracing stays off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
if (endpoint && /^https?:\/\//.test(endpoint)) {
  const role = process.argv.some((arg) => arg.includes('worker')) ? 'worker' : 'api';
  // Imported only when on: a process without tracing never loads the SDK.
  const { startTracing } = await import('./tracing.js');
  startTracing({ endpoint, serviceName: `${process.env.OTEL_SERVICE_NAME || 'mdm'}-${role}` });
}
export {};
