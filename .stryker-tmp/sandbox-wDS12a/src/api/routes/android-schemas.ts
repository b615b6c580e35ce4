// @ts-nocheck
import { Type } from 'typebox';
import { Uuid } from '../schemas/common.js';

/** 201 body of POST /v1/enrollments for platform android (inline, no $id: the enrolment route lives in apple.ts). */
export const AndroidEnrollment = Type.Object({
  deviceId: Uuid,
  platform: Type.Literal('android'),
  ownership: Type.Union([Type.Literal('corporate'), Type.Literal('personal')]),
  userId: Uuid,
  enrollmentLink: Type.String({ description: 'Opens work-profile setup on a phone in use (personally-owned)' }),
  qrCode: Type.String({ description: 'Provisioning extras (JSON) to show as a QR code on a factory-reset device (company-owned)' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
