import { Type } from 'typebox';
import { DateTime, Uuid } from './common.js';

export const PrivacyNotice = Type.Object(
  { id: Uuid, version: Type.Integer(), title: Type.String(), body: Type.String(), personalDeviceData: Type.String({ description: 'What the service stores about a personal device, shown with every notice' }), publishedAt: DateTime },
  { $id: 'PrivacyNotice' },
);

export const ConsentStatus = Type.Object({
  currentNotice: Type.Union([Type.Ref('PrivacyNotice'), Type.Null()]),
  current: Type.Boolean({ description: 'The person accepted the current version and has not withdrawn' }),
  consents: Type.Array(Type.Object({ version: Type.Integer(), acceptedAt: DateTime, withdrawnAt: Type.Union([DateTime, Type.Null()]) })),
});
