import type { components, paths } from './schema';

/** The JSON body a GET answers with 200, from the generated OpenAPI types. */
export type Get200<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;

export type UserCompliance = Get200<'/v1/me/devices'>;
export type DeviceCompliance = UserCompliance['devices'][number];
export type ConsentStatus = Get200<'/v1/consents/me'>;
export type NoncompliantList = Get200<'/v1/reports/noncompliant'>;
export type ComplianceSummary = Get200<'/v1/reports/summary'>;
export type Command = Get200<'/v1/commands/{id}'>;
type Schemas = components['schemas'];
export type DeviceDocument = Schemas['DeviceDocument'];
export type DeviceListItem = Schemas['DeviceListItem'];
export type BulkActionProgress = Schemas['BulkActionProgress'];
export type ApiKey = Schemas['ApiKey'];
export type Incident = Schemas['Incident'];
