// @ts-nocheck
import type { PolicyDocument } from '../../domain/compliance/policy.js';

export interface PolicyView {
  version: number;
  preset: string | null;
  document: PolicyDocument;
  createdById: string | null;
  createdAt: string;
}

export const toPolicyView = (p: { version: number; preset: string | null; document: unknown; createdById: string | null; createdAt: Date }): PolicyView => ({
  version: p.version,
  preset: p.preset,
  document: p.document as PolicyDocument,
  createdById: p.createdById,
  createdAt: p.createdAt.toISOString(),
});
